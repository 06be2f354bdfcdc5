package io.smartcrm.app.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's figures: events in and out, what Elasticsearch holds, the lag and the newest model versions; as a
 * map and as progress lines.
 */
public final class ProgressLine {
    private final ElasticsearchClient client;
    private final String customersIndex;
    private final String modelsIndex;
    private long lastEventsIn;
    private long lastDocs;
    private long lastAt = System.nanoTime();

    public ProgressLine(ElasticsearchClient client, String customersIndex, String modelsIndex) {
        this.client = client;
        this.customersIndex = customersIndex;
        this.modelsIndex = modelsIndex;
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
        s.put("models", models());
        return s;
    }

    /** Two lines, figures with rates since the previous call and the models. */
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
                (docs - lastDocs) / seconds, s.get("lag"))
                + "\n  models: " + String.join(", ", ((Map<?, ?>) s.get("models")).values().stream()
                        .map(String::valueOf).toList());
        lastEventsIn = eventsIn;
        lastDocs = docs;
        lastAt = now;
        return line;
    }

    /** Model name → its newest version in a few words ("?" while the index cannot be read). */
    private Map<String, String> models() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String model : ModelVersions.MODELS) {
            try {
                m.put(model, ModelVersions.summary(model, ModelVersions.newest(client, modelsIndex, model)));
            } catch (Exception e) {
                m.put(model, model + " ?");
            }
        }
        return m;
    }

    private Long profiles() {
        try {
            return client.count(c -> c.index(customersIndex)).count();
        } catch (Exception e) {
            return null;
        }
    }
}
