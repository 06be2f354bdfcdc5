package io.smartcrm.app.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/** One line of figures every few seconds: events in and out, what Elasticsearch holds, and the lag. */
public final class ProgressLine {
    private final ElasticsearchClient client;
    private final String customersIndex;
    private long lastEventsIn;
    private long lastDocs;
    private long lastAt = System.nanoTime();

    public ProgressLine(ElasticsearchClient client, String customersIndex) {
        this.client = client;
        this.customersIndex = customersIndex;
    }

    public String next() {
        long accepted = ProgressMetrics.sum("eventsAccepted");
        long rejected = ProgressMetrics.sum("eventsRejected");
        long eventsIn = accepted + rejected;
        long docs = ProgressMetrics.sum("esDocumentsWritten");
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastAt) / 1e9);
        String line = String.format(
                "events in %,d (%,.0f/s) | accepted %,d | rejected %,d | duplicates %,d | late %,d | profiles %s | ES docs %,d (%,.0f/s) | lag %,d",
                eventsIn, (eventsIn - lastEventsIn) / seconds, accepted, rejected,
                ProgressMetrics.sum("duplicateEvents"), ProgressMetrics.sum("lateEvents"), profiles(), docs,
                (docs - lastDocs) / seconds, ProgressMetrics.sum(ProgressMetrics.LAG_GAUGE));
        lastEventsIn = eventsIn;
        lastDocs = docs;
        lastAt = now;
        return line;
    }

    private String profiles() {
        try {
            return String.format("%,d", client.count(c -> c.index(customersIndex)).count());
        } catch (Exception e) {
            return "?";
        }
    }
}
