package io.smartcrm.job.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.job.clean.Standardizer;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.DeadLetter;
import io.smartcrm.model.wire.EventCodec;
import io.smartcrm.model.wire.InvalidEventException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Turns one raw message into an accepted, standardized event or a dead letter with its reason and bytes. */
public final class RecordParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int maxPayloadBytes;
    private final long maxFutureSkewMillis;
    private final Standardizer standardizer;
    private transient EventCodec codec;

    public RecordParser(int maxPayloadBytes, long maxFutureSkewMillis, Standardizer standardizer) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
        this.standardizer = standardizer;
    }

    public ParsedRecord parse(byte[] key, byte[] value, String topic, int partition, long offset,
            long recordTimestamp, long nowMillis) {
        if (codec == null) {
            codec = new EventCodec(maxPayloadBytes, maxFutureSkewMillis);
        }
        try {
            CustomerEvent event = codec.parse(value, nowMillis);
            standardizer.standardize(event);
            return ParsedRecord.accepted(event);
        } catch (InvalidEventException e) {
            DeadLetter d = new DeadLetter();
            d.reason = e.reason().code();
            d.message = e.getMessage();
            d.key = key == null ? null : new String(key, StandardCharsets.UTF_8);
            d.topic = topic;
            d.partition = partition;
            d.offset = offset;
            d.recordTimestamp = recordTimestamp;
            d.rejectedAt = nowMillis;
            setPayload(d, value);
            setIds(d, value);
            return ParsedRecord.rejected(d);
        }
    }

    private static void setPayload(DeadLetter d, byte[] value) {
        if (value == null) {
            d.payload = "";
            d.payloadEncoding = "utf-8";
            return;
        }
        try {
            d.payload = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
            d.payloadEncoding = "utf-8";
        } catch (CharacterCodingException e) {
            d.payload = Base64.getEncoder().encodeToString(value);
            d.payloadEncoding = "base64";
        }
    }

    /** Best effort: the ids of a message that is JSON but not a valid event, for search in the DLQ. */
    private void setIds(DeadLetter d, byte[] value) {
        if (value == null || value.length > maxPayloadBytes) {
            return;
        }
        try {
            JsonNode n = MAPPER.readTree(value);
            if (n != null && n.isObject()) {
                d.customerId = n.path("customerId").isTextual() ? n.get("customerId").textValue() : null;
                d.eventId = n.path("eventId").isTextual() ? n.get("eventId").textValue() : null;
            }
        } catch (java.io.IOException ignored) {
            // malformed JSON: no ids to show
        }
    }
}
