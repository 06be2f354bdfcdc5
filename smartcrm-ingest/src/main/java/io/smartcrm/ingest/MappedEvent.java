package io.smartcrm.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * One event made from the input, as it will be published. {@link #event()} is the typed view; a value the mapping
 * could not convert (a timestamp or number that does not parse) is null or 0 there and listed in
 * {@link #rawValues()}, and the wire form carries its raw text so the job rejects the event with a reason.
 */
public final class MappedEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String spec;
    private final CustomerEvent event;
    private final Map<String, String> rawValues;
    private final long line;
    private final int lines;

    MappedEvent(String spec, CustomerEvent event, Map<String, String> rawValues, long line, int lines) {
        this.spec = spec;
        this.event = event;
        this.rawValues = Collections.unmodifiableMap(rawValues);
        this.line = line;
        this.lines = lines;
    }

    /** Name of the mapping's event entry that made it (e.g. "order"). */
    public String spec() {
        return spec;
    }

    public CustomerEvent event() {
        return event;
    }

    /**
     * Wire fields published as raw text instead of their typed value, by path ("timestamp", "amount",
     * "items[2].quantity", "consent.email"); a null text means the field is left out (its input was blank).
     */
    public Map<String, String> rawValues() {
        return rawValues;
    }

    /** True when every value converted, so {@link #toJson()} equals {@code EventCodec.toJson(event())}. */
    public boolean wellTyped() {
        return rawValues.isEmpty();
    }

    /** Line the event's first record starts on. */
    public long line() {
        return line;
    }

    /** Number of input records the event was made from (more than one for a group). */
    public int lines() {
        return lines;
    }

    /** The Kafka key: the customer id, or null when the record has none. */
    public String key() {
        return event.customerId;
    }

    public byte[] keyBytes() {
        return event.customerId == null ? null : event.customerId.getBytes(StandardCharsets.UTF_8);
    }

    /** The wire form as a tree. */
    public ObjectNode toTree() {
        ObjectNode o = EventCodec.toTree(event);
        rawValues.forEach((path, text) -> setRaw(o, path, text));
        return o;
    }

    /** The wire form: what is published. */
    public byte[] toJson() {
        if (rawValues.isEmpty()) {
            return EventCodec.toJson(event);
        }
        try {
            return JSON.writeValueAsBytes(toTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId, e);
        }
    }

    private static void setRaw(ObjectNode o, String path, String text) {
        int dot = path.indexOf('.');
        ObjectNode parent = o;
        String field = path;
        if (dot > 0) {
            String head = path.substring(0, dot);
            field = path.substring(dot + 1);
            int bracket = head.indexOf('[');
            if (bracket > 0) {
                ArrayNode array = (ArrayNode) o.get(head.substring(0, bracket));
                parent = (ObjectNode) array.get(Integer.parseInt(head.substring(bracket + 1, head.length() - 1)));
            } else {
                JsonNode child = o.get(head);
                parent = child instanceof ObjectNode c ? c : o.putObject(head);
            }
        }
        if (text == null) {
            parent.remove(field);
        } else {
            parent.put(field, text);
        }
    }

    @Override
    public String toString() {
        return spec + " line " + line + ": " + event + (rawValues.isEmpty() ? "" : " raw " + rawValues);
    }
}
