package io.smartcrm.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.EventCodec;
import io.smartcrm.model.wire.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deliberately bad messages, one kind per reason {@code EventCodec.parse} rejects with (all but
 * unknown_currency, which only the standardizer raises). Each is a plausible event with one thing wrong, as
 * buggy clients send them.
 */
final class Malformed {
    static final List<RejectReason> REASONS = List.of(RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD,
            RejectReason.UNKNOWN_TYPE, RejectReason.WRONG_TYPE, RejectReason.NON_POSITIVE_AMOUNT,
            RejectReason.FUTURE_TIMESTAMP, RejectReason.OVERSIZE, RejectReason.INVALID_TIMESTAMP,
            RejectReason.INVALID_VALUE);
    /** Well above the 64 KiB the pipeline accepts. */
    static final int OVERSIZE_BYTES = 80 * 1024;
    private static final long FUTURE_OFFSET_MS = 3650 * EventGenerator.DAY_MS;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] UNKNOWN_TYPES = {"page_visit", "wishlist_add", "PURCHASE", "cart_update"};
    private static final DateTimeFormatter LOCAL_STYLE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String PASTED_LOG = pastedLog();

    private Malformed() {}

    static byte[] make(RejectReason reason, Customer c, String eventId, long now, SplittableRandom rnd) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = eventId;
        e.timestamp = now;
        e.customerId = c.id;
        e.source = "web";
        e.sessionId = c.sessionId;
        int product = Catalogue.pick(c.favouriteA, c.persona.priceBias, rnd);
        double price = Catalogue.STANDARD.cents[product][Catalogue.EUR] / 100.0;
        switch (reason) {
            case WRONG_TYPE, NON_POSITIVE_AMOUNT -> {
                e.type = EventType.PURCHASE;
                e.orderId = "O-BAD-" + eventId.substring(eventId.length() - 6);
                e.items = List.of(new LineItem(Catalogue.STANDARD.productId[product],
                        Catalogue.CATEGORIES[Catalogue.category(product)], 1, price));
                e.amount = price;
                e.currency = "EUR";
            }
            case OVERSIZE -> {
                e.type = EventType.SUPPORT_TICKET;
                e.source = "support";
                e.ticketId = "T-BAD-" + eventId.substring(eventId.length() - 6);
                e.subject = "Checkout keeps failing";
                e.text = "The page shows this, I copied all of it:\n" + PASTED_LOG;
                e.channel = "email";
                e.ticketStatus = "open";
            }
            case INVALID_VALUE -> {
                e.type = EventType.ADD_TO_CART;
                e.productId = Catalogue.STANDARD.productId[product];
                e.category = Catalogue.CATEGORIES[Catalogue.category(product)];
                e.unitPrice = price;
            }
            default -> {
                e.type = EventType.PRODUCT_VIEW;
                e.productId = Catalogue.STANDARD.productId[product];
                e.category = Catalogue.CATEGORIES[Catalogue.category(product)];
                e.url = Catalogue.STANDARD.url[product];
                e.unitPrice = price;
            }
        }
        ObjectNode o = EventCodec.toTree(e);
        switch (reason) {
            case MALFORMED_JSON -> {
                byte[] json = bytes(o);
                if (rnd.nextBoolean()) {
                    return Arrays.copyOf(json, 1 + rnd.nextInt(json.length - 2));
                }
                return ("eventId=" + eventId + "&type=product_view&customerId=" + c.id)
                        .getBytes(StandardCharsets.UTF_8);
            }
            case MISSING_FIELD -> o.remove("customerId");
            case UNKNOWN_TYPE -> o.put("type", UNKNOWN_TYPES[rnd.nextInt(UNKNOWN_TYPES.length)]);
            case WRONG_TYPE -> o.put("amount", String.valueOf(e.amount));
            case NON_POSITIVE_AMOUNT -> {
                if (rnd.nextBoolean()) {
                    o.put("amount", 0.0);
                } else {
                    o.put("type", EventType.REFUND.wireName());
                    o.put("source", "erp");
                    o.put("amount", -e.amount);
                }
            }
            case FUTURE_TIMESTAMP -> o.put("timestamp", Instant.ofEpochMilli(now + FUTURE_OFFSET_MS).toString());
            case INVALID_TIMESTAMP -> o.put("timestamp", LOCAL_STYLE.format(Instant.ofEpochMilli(now)));
            case INVALID_VALUE -> o.put("quantity", 0);
            case OVERSIZE -> { }
            default -> throw new IllegalArgumentException("no malformed message for " + reason);
        }
        return bytes(o);
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pastedLog() {
        StringBuilder s = new StringBuilder(OVERSIZE_BYTES + 100);
        for (int i = 1; s.length() < OVERSIZE_BYTES; i++) {
            s.append("ERROR [checkout-").append(i).append("] PaymentGatewayTimeout: no answer within 30000 ms, ")
                    .append("retrying request ").append(i).append(" of 3\n");
        }
        return s.toString();
    }
}
