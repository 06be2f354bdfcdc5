package io.smartcrm.generator;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.LineItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the same bytes as {@code EventCodec.toJson} (field order, escaping, number and timestamp form) without
 * building a JSON tree: one reused buffer, one array per event. Not thread-safe.
 */
final class WireWriter {
    private static final long DAY_MS = 86_400_000L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] EVENT_ID = name("eventId");
    private static final byte[] TYPE = name("type");
    private static final byte[] TIMESTAMP = name("timestamp");
    private static final byte[] CUSTOMER_ID = name("customerId");
    private static final byte[] SOURCE = name("source");
    private static final byte[] EMAIL = name("email");
    private static final byte[] PHONE = name("phone");
    private static final byte[] ANONYMOUS_ID = name("anonymousId");
    private static final byte[] SESSION_ID = name("sessionId");
    private static final byte[] URL = name("url");
    private static final byte[] PRODUCT_ID = name("productId");
    private static final byte[] CATEGORY = name("category");
    private static final byte[] QUANTITY = name("quantity");
    private static final byte[] UNIT_PRICE = name("unitPrice");
    private static final byte[] ORDER_ID = name("orderId");
    private static final byte[] AMOUNT = name("amount");
    private static final byte[] CURRENCY = name("currency");
    private static final byte[] ITEMS = name("items");
    private static final byte[] CAMPAIGN_ID = name("campaignId");
    private static final byte[] TICKET_ID = name("ticketId");
    private static final byte[] SUBJECT = name("subject");
    private static final byte[] TEXT = name("text");
    private static final byte[] CHANNEL = name("channel");
    private static final byte[] TICKET_STATUS = name("ticketStatus");
    private static final byte[] NAME = name("name");
    private static final byte[] COUNTRY = name("country");
    private static final byte[] CITY = name("city");
    private static final byte[] BIRTH_DATE = name("birthDate");
    private static final byte[] GENDER = name("gender");
    private static final byte[] CONSENT = name("consent");
    private static final byte[] ATTRIBUTES = name("attributes");
    private static final byte[] ATTRIBUTE_KINDS = name("attributeKinds");

    private byte[] buf = new byte[4096];
    private int len;
    private boolean first;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] dayPrefix = new byte[11];

    byte[] write(CustomerEvent e) {
        len = 0;
        begin();
        string(EVENT_ID, e.eventId);
        string(TYPE, e.type == null ? null : e.type.wireName());
        field(TIMESTAMP);
        timestamp(e.timestamp);
        string(CUSTOMER_ID, e.customerId);
        string(SOURCE, e.source);
        string(EMAIL, e.email);
        string(PHONE, e.phone);
        string(ANONYMOUS_ID, e.anonymousId);
        string(SESSION_ID, e.sessionId);
        string(URL, e.url);
        string(PRODUCT_ID, e.productId);
        string(CATEGORY, e.category);
        if (e.quantity != null) {
            field(QUANTITY);
            ascii(Integer.toString(e.quantity));
        }
        number(UNIT_PRICE, e.unitPrice);
        string(ORDER_ID, e.orderId);
        number(AMOUNT, e.amount);
        string(CURRENCY, e.currency);
        if (e.items != null) {
            items(e.items);
        }
        string(CAMPAIGN_ID, e.campaignId);
        string(TICKET_ID, e.ticketId);
        string(SUBJECT, e.subject);
        string(TEXT, e.text);
        string(CHANNEL, e.channel);
        string(TICKET_STATUS, e.ticketStatus);
        string(NAME, e.name);
        string(COUNTRY, e.country);
        string(CITY, e.city);
        string(BIRTH_DATE, e.birthDate);
        string(GENDER, e.gender);
        if (e.consent != null) {
            field(CONSENT);
            begin();
            for (Map.Entry<String, Boolean> c : e.consent.entrySet()) {
                key(c.getKey());
                ascii(c.getValue() == null ? "null" : c.getValue() ? "true" : "false");
            }
            end('}');
        }
        if (e.attributes != null) {
            strings(ATTRIBUTES, e.attributes);
        }
        if (e.attributeKinds != null) {
            strings(ATTRIBUTE_KINDS, e.attributeKinds);
        }
        put((byte) '}');
        return Arrays.copyOf(buf, len);
    }

    /** An object of strings; a null value is written as null. */
    private void strings(byte[] quotedName, Map<String, String> values) {
        field(quotedName);
        begin();
        for (Map.Entry<String, String> v : values.entrySet()) {
            key(v.getKey());
            if (v.getValue() == null) {
                ascii("null");
            } else {
                quoted(v.getValue());
            }
        }
        end('}');
    }

    private void items(List<LineItem> items) {
        field(ITEMS);
        put((byte) '[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            LineItem li = items.get(i);
            begin();
            string(PRODUCT_ID, li.productId);
            string(CATEGORY, li.category);
            field(QUANTITY);
            ascii(Integer.toString(li.quantity));
            field(UNIT_PRICE);
            ascii(Double.toString(li.unitPrice));
            end('}');
        }
        end(']');
    }

    private void begin() {
        put((byte) '{');
        first = true;
    }

    /** Closes an object or array nested in the event: what follows needs a comma. */
    private void end(char c) {
        put((byte) c);
        first = false;
    }

    private void field(byte[] quotedName) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        ensure(quotedName.length);
        System.arraycopy(quotedName, 0, buf, len, quotedName.length);
        len += quotedName.length;
    }

    private void key(String name) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        quoted(name);
        put((byte) ':');
    }

    private void string(byte[] quotedName, String value) {
        if (value != null) {
            field(quotedName);
            quoted(value);
        }
    }

    private void number(byte[] quotedName, Double value) {
        if (value != null) {
            field(quotedName);
            ascii(Double.toString(value));
        }
    }

    /** ISO-8601 UTC exactly as {@link Instant#toString()} prints epoch milliseconds. */
    private void timestamp(long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MS);
        LocalDate date = day == cachedDay ? null : LocalDate.ofEpochDay(day);
        if (date != null && (date.getYear() < 1000 || date.getYear() > 9999)) {
            quoted(Instant.ofEpochMilli(epochMillis).toString());
            return;
        }
        if (date != null) {
            cachedDay = day;
            digits(dayPrefix, 0, date.getYear(), 4);
            dayPrefix[4] = '-';
            digits(dayPrefix, 5, date.getMonthValue(), 2);
            dayPrefix[7] = '-';
            digits(dayPrefix, 8, date.getDayOfMonth(), 2);
            dayPrefix[10] = 'T';
        }
        int msOfDay = (int) (epochMillis - day * DAY_MS);
        int millis = msOfDay % 1000;
        int secondOfDay = msOfDay / 1000;
        ensure(27);
        buf[len++] = '"';
        System.arraycopy(dayPrefix, 0, buf, len, 11);
        len += 11;
        digits(buf, len, secondOfDay / 3600, 2);
        buf[len + 2] = ':';
        digits(buf, len + 3, secondOfDay / 60 % 60, 2);
        buf[len + 5] = ':';
        digits(buf, len + 6, secondOfDay % 60, 2);
        len += 8;
        if (millis != 0) {
            buf[len++] = '.';
            digits(buf, len, millis, 3);
            len += 3;
        }
        buf[len++] = 'Z';
        buf[len++] = '"';
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    /**
     * A JSON string with Jackson's default escaping: short escapes, backslash-u for other control characters and
     * for each half of a surrogate pair; everything else as UTF-8.
     */
    private void quoted(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[len++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        buf[len++] = '"';
    }

    private void escape(char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm == 0) {
            unicodeEscape(c);
        } else {
            buf[len++] = '\\';
            buf[len++] = (byte) shortForm;
        }
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private static byte[] name(String name) {
        return ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
