package io.smartcrm.ingest;

import io.smartcrm.model.event.CustomerEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** The event fields a mapping may fill through {@code fields}, with the type each needs. */
enum EventField {
    EMAIL("email", Kind.TEXT, (e, v) -> e.email = (String) v),
    PHONE("phone", Kind.TEXT, (e, v) -> e.phone = (String) v),
    ANONYMOUS_ID("anonymousId", Kind.TEXT, (e, v) -> e.anonymousId = (String) v),
    SESSION_ID("sessionId", Kind.TEXT, (e, v) -> e.sessionId = (String) v),
    URL("url", Kind.TEXT, (e, v) -> e.url = (String) v),
    PRODUCT_ID("productId", Kind.TEXT, (e, v) -> e.productId = (String) v),
    CATEGORY("category", Kind.TEXT, (e, v) -> e.category = (String) v),
    QUANTITY("quantity", Kind.INTEGER, (e, v) -> e.quantity = (Integer) v),
    UNIT_PRICE("unitPrice", Kind.NUMBER, (e, v) -> e.unitPrice = (Double) v),
    ORDER_ID("orderId", Kind.TEXT, (e, v) -> e.orderId = (String) v),
    AMOUNT("amount", Kind.NUMBER, (e, v) -> e.amount = (Double) v),
    CURRENCY("currency", Kind.TEXT, (e, v) -> e.currency = (String) v),
    CAMPAIGN_ID("campaignId", Kind.TEXT, (e, v) -> e.campaignId = (String) v),
    TICKET_ID("ticketId", Kind.TEXT, (e, v) -> e.ticketId = (String) v),
    SUBJECT("subject", Kind.TEXT, (e, v) -> e.subject = (String) v),
    TEXT("text", Kind.TEXT, (e, v) -> e.text = (String) v),
    CHANNEL("channel", Kind.TEXT, (e, v) -> e.channel = (String) v),
    TICKET_STATUS("ticketStatus", Kind.TEXT, (e, v) -> e.ticketStatus = (String) v),
    NAME("name", Kind.TEXT, (e, v) -> e.name = (String) v),
    COUNTRY("country", Kind.TEXT, (e, v) -> e.country = (String) v),
    CITY("city", Kind.TEXT, (e, v) -> e.city = (String) v),
    BIRTH_DATE("birthDate", Kind.TEXT, (e, v) -> e.birthDate = (String) v),
    GENDER("gender", Kind.TEXT, (e, v) -> e.gender = (String) v);

    /** Fields set elsewhere in a mapping, and where. */
    static final Map<String, String> ELSEWHERE = Map.of(
            "eventId", "the event's 'eventId' template",
            "type", "the event's 'type'",
            "timestamp", "the event's (or the mapping's) 'timestamp'",
            "customerId", "the event's (or the mapping's) 'customerId'",
            "source", "the event's (or the mapping's) 'source'",
            "items", "the event's 'items'",
            "attributes", "the event's 'attributes'",
            "consent", "'consent.<name>' fields, e.g. \"consent.email\"");

    final String wireName;
    final Kind kind;
    final BiConsumer<CustomerEvent, Object> setter;

    EventField(String wireName, Kind kind, BiConsumer<CustomerEvent, Object> setter) {
        this.wireName = wireName;
        this.kind = kind;
        this.setter = setter;
    }

    static EventField byWireName(String name) {
        for (EventField f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    static String known() {
        return Arrays.stream(values()).map(f -> f.wireName).collect(Collectors.joining(", ")) + ", consent.<name>";
    }
}
