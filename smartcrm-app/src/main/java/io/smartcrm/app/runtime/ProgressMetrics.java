package io.smartcrm.app.runtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter for the embedded MiniCluster: it keeps the job's own counters (summed over subtasks)
 * so the launcher can print a progress line. Registered through {@code metrics.reporter.progress.factory.class}.
 */
public final class ProgressMetrics implements MetricReporter {
    static final Set<String> COUNTERS = Set.of("eventsAccepted", "eventsRejected", "duplicateEvents", "lateEvents",
            "profilesEmitted", "esDocumentsWritten", "esStaleVersionsSkipped", "esItemsRetried", "erasedEventsDropped");
    static final String LAG_GAUGE = "pendingRecords";

    private static final Map<Metric, String> METRICS = new ConcurrentHashMap<>();

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {
        METRICS.clear();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (COUNTERS.contains(name) || LAG_GAUGE.equals(name)) {
            METRICS.put(metric, name);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        METRICS.remove(metric);
    }

    /** The sum over subtasks of a counter, or of a numeric gauge. */
    public static long sum(String name) {
        long total = 0;
        for (Map.Entry<Metric, String> e : METRICS.entrySet()) {
            if (!e.getValue().equals(name)) {
                continue;
            }
            if (e.getKey() instanceof Counter c) {
                total += c.getCount();
            } else if (e.getKey() instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                total += Math.max(0, n.longValue());
            }
        }
        return total;
    }

    /** Factory named in the Flink configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(java.util.Properties properties) {
            return new ProgressMetrics();
        }
    }
}
