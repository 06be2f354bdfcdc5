package io.smartcrm.job.alerts;

import io.smartcrm.job.elasticsearch.Documents;
import io.smartcrm.model.alert.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs every alert change as JSON to a webhook. Sending is asynchronous and never blocks the job: a failed POST
 * (no answer within the timeout, or a status other than 2xx) is retried with backoff (1 s doubling, at most 60 s);
 * after the last retry, or when {@value #MAX_IN_FLIGHT} alerts are already waiting, the alert is dropped for the
 * webhook, logged at ERROR with its id and counted ({@code webhookFailures}). It stays in Elasticsearch and on the
 * alerts topic either way.
 */
public class WebhookSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    static final int MAX_IN_FLIGHT = 1_000;

    private final String url;
    private final int retries;
    private final long timeoutMillis;

    public WebhookSink(String url, int retries, long timeoutMillis) {
        this.url = url;
        this.retries = retries;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new Writer(URI.create(url), retries, Duration.ofMillis(timeoutMillis),
                context.metricGroup().counter("webhookDelivered"), context.metricGroup().counter("webhookFailures"));
    }

    static final class Writer implements SinkWriter<Alert> {
        private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
        private static final long MAX_BACKOFF_MILLIS = 60_000;

        private final URI uri;
        private final int retries;
        private final Duration timeout;
        private final Counter delivered;
        private final Counter failures;
        private final HttpClient client;
        private final ScheduledExecutorService scheduler;
        private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

        Writer(URI uri, int retries, Duration timeout, Counter delivered, Counter failures) {
            this.uri = uri;
            this.retries = retries;
            this.timeout = timeout;
            this.delivered = delivered;
            this.failures = failures;
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alert-webhook");
                t.setDaemon(true);
                return t;
            });
            this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(scheduler).build();
        }

        @Override
        public void write(Alert alert, Context context) {
            if (!inFlight.tryAcquire()) {
                failures.inc();
                LOG.error("Webhook {}: alert {} version {} dropped, {} alerts already waiting", uri, alert.id,
                        alert.version, MAX_IN_FLIGHT);
                return;
            }
            send(alert.id, alert.version, Documents.json(alert), 0);
        }

        private void send(String id, long version, byte[] body, int attempt) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() / 100 == 2) {
                    delivered.inc();
                    inFlight.release();
                    return;
                }
                String why = error != null ? error.toString() : "HTTP " + response.statusCode();
                if (attempt >= retries || scheduler.isShutdown()) {
                    failures.inc();
                    inFlight.release();
                    LOG.error("Webhook {}: alert {} version {} not delivered after {} attempts: {}", uri, id, version,
                            attempt + 1, why);
                    return;
                }
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 1_000L << Math.min(attempt, 16));
                LOG.warn("Webhook {}: alert {} attempt {} failed ({}), retrying in {} ms", uri, id, attempt + 1, why,
                        backoff);
                scheduler.schedule(() -> send(id, version, body, attempt + 1), backoff, TimeUnit.MILLISECONDS);
            });
        }

        @Override
        public void flush(boolean endOfInput) {
            // never waits: a slow webhook must not hold back checkpoints
        }

        @Override
        public void close() throws IOException {
            scheduler.shutdownNow();
        }
    }
}
