package io.smartcrm.job.source;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.DeadLetter;

/** What one Kafka record became: an accepted event, or a dead letter. Exactly one of the two is set. */
public class ParsedRecord {
    public CustomerEvent event;
    public DeadLetter deadLetter;

    public ParsedRecord() {}

    public static ParsedRecord accepted(CustomerEvent event) {
        ParsedRecord r = new ParsedRecord();
        r.event = event;
        return r;
    }

    public static ParsedRecord rejected(DeadLetter deadLetter) {
        ParsedRecord r = new ParsedRecord();
        r.deadLetter = deadLetter;
        return r;
    }

    /** Event time; rejected records carry none, so they never move the watermark. */
    public long eventTime() {
        return event != null ? event.timestamp : Long.MIN_VALUE;
    }
}
