package io.smartcrm.generator;

import io.smartcrm.model.wire.RejectReason;

/**
 * One message as it goes to Kafka, with what the generator knows about it. The arrays are shared with the
 * generator (a duplicate shares its original's value): read them, do not change them.
 *
 * @param customerId     the customer the message belongs to; {@code key} is its UTF-8 form
 * @param key            the Kafka key
 * @param value          the Kafka value: the event's JSON, or a deliberately bad message
 * @param eventTime      epoch ms: the JSON timestamp of a valid event or duplicate, the simulated time a
 *                       malformed message was made at
 * @param kind           valid, duplicate or malformed
 * @param expectedReason for a malformed message, the reason {@code EventCodec.parse} rejects it with; else null
 */
public record GeneratedEvent(String customerId, byte[] key, byte[] value, long eventTime, Kind kind,
                             RejectReason expectedReason) {

    /** What a message is, for tests and counters; never written into the message itself. */
    public enum Kind {
        /** A new, valid event. */
        VALID,
        /** A byte-identical re-send of an earlier valid event (same eventId). */
        DUPLICATE,
        /** A message the pipeline must reject, with {@link GeneratedEvent#expectedReason()}. */
        MALFORMED
    }
}
