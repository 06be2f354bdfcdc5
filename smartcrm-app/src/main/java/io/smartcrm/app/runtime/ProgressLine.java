package io.smartcrm.app.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** The job's figures: events in and out, what Elasticsearch holds, the lag; as a map and as a progress line. */
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

    /** The figures now (profiles: documents in the customers index, null while it cannot be read). */
    public Map<String, Object> status() {
        long accepted = ProgressMetrics.sum("eventsAccepted");
        long rejected = ProgressMetrics.sum("eventsRejected");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("eventsIn", accepted + rejected);
        s.put("eventsAccepted", accepted);
        s.put("eventsRejected", rejected);
        s.put("duplicateEvents", ProgressMetrics.sum("duplicateEvents"));
        s.put("lateEvents", ProgressMetrics.sum("lateEvents"));
        s.put("profiles", profiles());
        s.put("esDocumentsWritten", ProgressMetrics.sum("esDocumentsWritten"));
        s.put("esStaleVersionsSkipped", ProgressMetrics.sum("esStaleVersionsSkipped"));
        s.put("lag", ProgressMetrics.sum(ProgressMetrics.LAG_GAUGE));
        return s;
    }

    /** One line with rates since the previous call. */
    public String next() {
        Map<String, Object> s = status();
        long eventsIn = (long) s.get("eventsIn");
        long docs = (long) s.get("esDocumentsWritten");
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastAt) / 1e9);
        String line = String.format(
                "events in %,d (%,.0f/s) | accepted %,d | rejected %,d | duplicates %,d | late %,d | profiles %s | ES docs %,d (%,.0f/s) | lag %,d",
                eventsIn, (eventsIn - lastEventsIn) / seconds, s.get("eventsAccepted"), s.get("eventsRejected"),
                s.get("duplicateEvents"), s.get("lateEvents"),
                s.get("profiles") == null ? "?" : String.format("%,d", s.get("profiles")), docs,
                (docs - lastDocs) / seconds, s.get("lag"));
        lastEventsIn = eventsIn;
        lastDocs = docs;
        lastAt = now;
        return line;
    }

    private Long profiles() {
        try {
            return client.count(c -> c.index(customersIndex)).count();
        } catch (Exception e) {
            return null;
        }
    }
}
