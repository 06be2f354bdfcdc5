package io.smartcrm.model.quality;

/**
 * What the job dropped or flagged among one source's accepted events of one event-time hour, as indexed in
 * {@code crm-quality}: events dropped as duplicates of an event id already seen, events that arrived behind the
 * watermark (applied, but too late for windows already closed), and events dropped because the customer was erased
 * after them. Rejected messages are in the dead-letter index, one document each.
 */
public class QualityCounts {
    public String windowStart;
    public String windowEnd;
    public String source;
    public long duplicates;
    public long late;
    public long erasedDropped;

    public QualityCounts() {}

    public QualityCounts(String windowStart, String windowEnd, String source) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.source = source;
    }

    /** All counts together; it only grows, so it versions the document. */
    public long total() {
        return duplicates + late + erasedDropped;
    }
}
