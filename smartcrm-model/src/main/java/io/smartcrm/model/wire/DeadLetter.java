package io.smartcrm.model.wire;

/**
 * A rejected message: why, and everything needed to replay it. {@code payload} holds the original bytes as
 * UTF-8 text, or base64 when they are not valid UTF-8 ({@code payloadEncoding} says which).
 */
public class DeadLetter {
    public String reason;
    public String message;
    public String payload;
    public String payloadEncoding;
    public String key;
    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record's timestamp, epoch ms. */
    public long recordTimestamp;
    /** When the job rejected it, epoch ms. */
    public long rejectedAt;
    /** The customer id, when the message was readable enough to have one. */
    public String customerId;
    /** The event id, when readable. */
    public String eventId;

    public DeadLetter() {}

    /** Stable identity of the original message: the same message rejected twice has the same id. */
    public String id() {
        return topic + "-" + partition + "-" + offset;
    }
}
