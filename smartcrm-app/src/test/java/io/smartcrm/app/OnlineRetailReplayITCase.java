package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.app.runtime.ProgressMetrics;
import io.smartcrm.ingest.FileIngest;
import io.smartcrm.ingest.IngestOptions;
import io.smartcrm.ingest.IngestReport;
import io.smartcrm.ingest.Mapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Online Retail sample through ingest → Kafka → job → Elasticsearch: every customer's orders, revenue
 * net of refunds and last purchase equal a reference computed straight from the CSV; rejected invoices are in
 * the dead-letter index with their reasons; accepted + rejected = published. Then the same through a job
 * stopped mid-stream and restarted from its last checkpoint: nothing lost, nothing counted twice.
 */
class OnlineRetailReplayITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    void profilesMatchReferenceComputedFromTheCsv() throws Exception {
        RetailReference reference = RetailReference.compute(RetailReference.csv());
        try (LivePipeline pipeline = new LivePipeline("retail")) {
            IngestReport report = ingest(pipeline, RetailReference.csv());
            pipeline.start(tmp.resolve("checkpoints"));

            awaitReference(pipeline, reference);
            long expectedRejected = reference.invoicesWithoutCustomer + reference.nonPositiveInvoices;
            LivePipeline.waitUntil("all dead letters indexed", TIMEOUT,
                    () -> pipeline.count("crm-dlq") == expectedRejected);
            LivePipeline.waitUntil("every published event counted", TIMEOUT,
                    () -> ProgressMetrics.sum("eventsAccepted") + ProgressMetrics.sum("eventsRejected")
                            == report.events());
            assertThat(ProgressMetrics.sum("eventsRejected")).isEqualTo(expectedRejected);
            Map<String, ObjectNode> deadLetters = pipeline.documents("crm-dlq");
            assertThat(deadLetters.values()).allSatisfy(d -> assertThat(d.path("reason").asText())
                    .isIn("missing_field", "non_positive_amount"));
            assertThat(deadLetters.values().stream().filter(d -> d.path("reason").asText().equals("missing_field")))
                    .hasSize((int) reference.invoicesWithoutCustomer)
                    .allSatisfy(d -> assertThat(d.path("message").asText()).contains("customerId"));
            assertThat(deadLetters.values()).allSatisfy(d -> assertThat(d.path("payload").asText()).startsWith("{"));
        }
    }

    @Test
    void restartFromCheckpointNeitherLosesNorDoubleCounts() throws Exception {
        RetailReference reference = RetailReference.compute(RetailReference.csv());
        Path[] halves = splitAtTimestampChange(RetailReference.csv());
        Path checkpoints = tmp.resolve("checkpoints");
        try (LivePipeline pipeline = new LivePipeline("restart")) {
            ingest(pipeline, halves[0]);
            pipeline.start(checkpoints);
            LivePipeline.waitUntil("first profiles written and a checkpoint taken", TIMEOUT,
                    () -> pipeline.count("crm-customers") > 500 && hasCheckpoint(checkpoints));
            pipeline.cancel();
            long afterStop = pipeline.count("crm-customers");

            ingest(pipeline, halves[1]);
            pipeline.start(checkpoints);
            awaitReference(pipeline, reference);
            assertThat(afterStop).isLessThan(reference.customers.size());
        }
    }

    private static IngestReport ingest(LivePipeline pipeline, Path csv) throws IOException {
        return FileIngest.ingest(csv, Mapping.load("online-retail"), pipeline.bootstrapServers(), pipeline.topic,
                IngestOptions.defaults());
    }

    private static boolean hasCheckpoint(Path dir) {
        try {
            return io.smartcrm.app.runtime.FlinkRunner.latestCheckpoint(dir).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until Elasticsearch holds exactly the reference customers with the reference figures. */
    private static void awaitReference(LivePipeline pipeline, RetailReference reference) throws Exception {
        List<String> mismatches = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        do {
            mismatches.clear();
            Map<String, ObjectNode> docs = pipeline.documents("crm-customers");
            if (!docs.keySet().equals(reference.customers.keySet())) {
                mismatches.add("customers in ES: " + docs.size() + ", in the reference: " + reference.customers.size());
            } else {
                reference.customers.forEach((id, expected) -> {
                    String diff = differences(expected, docs.get(id));
                    if (diff != null) {
                        mismatches.add(id + ": " + diff);
                    }
                });
            }
            if (mismatches.isEmpty()) {
                return;
            }
            Thread.sleep(1_000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(mismatches.size() + " customers differ from the reference, e.g. "
                + mismatches.subList(0, Math.min(10, mismatches.size())));
    }

    private static String differences(RetailReference.Figures expected, ObjectNode doc) {
        long orders = doc.path("orders").path("count").asLong();
        BigDecimal revenue = new BigDecimal(doc.path("orders").path("revenue").asText("0"));
        String last = doc.path("orders").path("lastPurchaseAt").asText(null);
        Instant lastPurchase = last == null ? null : Instant.parse(last);
        if (orders != expected.orders() || revenue.subtract(expected.revenue()).abs().compareTo(new BigDecimal("0.011")) > 0
                || !Objects.equals(lastPurchase, expected.lastPurchase())) {
            return "expected orders " + expected.orders() + ", revenue " + expected.revenue() + ", last purchase "
                    + expected.lastPurchase() + "; ES has " + orders + ", " + revenue + ", " + lastPurchase;
        }
        return null;
    }

    /** Splits the CSV into two files at the first change of InvoiceDate after the middle line. */
    private Path[] splitAtTimestampChange(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String header = lines.get(0);
        int cut = lines.size() / 2;
        while (RetailReference.splitCsv(lines.get(cut))[4].equals(RetailReference.splitCsv(lines.get(cut - 1))[4])) {
            cut++;
        }
        Path first = tmp.resolve("first.csv");
        Path second = tmp.resolve("second.csv");
        Files.write(first, lines.subList(0, cut), StandardCharsets.UTF_8);
        List<String> rest = new ArrayList<>();
        rest.add(header);
        rest.addAll(lines.subList(cut, lines.size()));
        Files.write(second, rest, StandardCharsets.UTF_8);
        return new Path[] {first, second};
    }
}
