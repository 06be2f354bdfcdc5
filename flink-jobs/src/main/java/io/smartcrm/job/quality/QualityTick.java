package io.smartcrm.job.quality;

import io.smartcrm.model.event.CustomerEvent;
import org.apache.flink.util.OutputTag;

/** One accepted event the job dropped or found late, told to the {@link QualityCounter} by the operator that did. */
public class QualityTick {
    /** The side output the deduplicator and the profile builder tell their ticks on. */
    public static final OutputTag<QualityTick> OUTPUT = new OutputTag<>("quality-ticks") {};
    public static final long HOUR = 3_600_000L;
    /** The source of events that name none. */
    public static final String UNKNOWN_SOURCE = "unknown";

    public enum Kind { DUPLICATE, LATE, ERASED_DROPPED }

    public long hour;
    public String source;
    public Kind kind;

    public QualityTick() {}

    public QualityTick(long hour, String source, Kind kind) {
        this.hour = hour;
        this.source = source;
        this.kind = kind;
    }

    /** The tick of {@code e}, in the UTC hour of its event time. */
    public static QualityTick of(CustomerEvent e, Kind kind) {
        return new QualityTick(e.timestamp - Math.floorMod(e.timestamp, HOUR),
                e.source == null || e.source.isBlank() ? UNKNOWN_SOURCE : e.source, kind);
    }

    /** The counter's key: one document per hour and source. */
    public String key() {
        return hour + "-" + source;
    }
}
