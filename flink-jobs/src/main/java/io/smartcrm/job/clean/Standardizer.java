package io.smartcrm.job.clean;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.InvalidEventException;
import io.smartcrm.model.wire.RejectReason;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Cleans an accepted event in place: strings trimmed (blank → absent), email lower-cased, phone to E.164,
 * country to ISO-3166 alpha-2, birth date to ISO, consent keys and attribute kinds lower-cased, money to the base
 * currency. A value that cannot be standardized is dropped with a warning on the event. An event is rejected only
 * when what is left could not be counted or stored: an unknown currency ({@code unknown_currency}), a required
 * field that is blank ({@code missing_field}), an id or code too long for Elasticsearch or an absurd amount
 * ({@code invalid_value}) — such values would otherwise fail every bulk request that carries them, and with it
 * the job.
 */
public final class Standardizer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Elasticsearch refuses document ids longer than this many UTF-8 bytes (event and customer ids are ids). */
    public static final int MAX_ID_BYTES = 512;
    /** Longest value of a field indexed as a keyword (Elasticsearch refuses terms over 32 766 bytes). */
    public static final int MAX_KEYWORD_CHARS = 1_024;
    /** Largest amount or price accepted, in any currency: beyond it money is not real and sums lose precision. */
    public static final double MAX_AMOUNT = 1e12;
    /** Birth dates before this year, or after the event, are not plausible. */
    static final int MIN_BIRTH_YEAR = 1900;
    private static final List<DateTimeFormatter> BIRTH_DATE_FORMATS = List.of(
            strict("uuuu-MM-dd"),
            strict("uuuu/M/d"),
            strict("d/M/uuuu"),
            strict("d.M.uuuu"));

    private final String defaultRegion;
    private final CurrencyRates rates;

    public Standardizer(String defaultRegion, CurrencyRates rates) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        this.rates = rates;
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "'");
        }
    }

    private static DateTimeFormatter strict(String pattern) {
        // STRICT: 31/02 is an error, not silently 28/02
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    public void standardize(CustomerEvent e) throws InvalidEventException {
        e.eventId = e.eventId.strip();
        e.customerId = e.customerId.strip();
        e.source = lower(e.source);
        e.anonymousId = trim(e.anonymousId);
        e.sessionId = trim(e.sessionId);
        e.url = trim(e.url);
        e.productId = trim(e.productId);
        e.category = trim(e.category);
        e.orderId = trim(e.orderId);
        e.campaignId = trim(e.campaignId);
        e.ticketId = trim(e.ticketId);
        e.subject = trim(e.subject);
        e.text = trim(e.text);
        e.channel = lower(e.channel);
        e.ticketStatus = lower(e.ticketStatus);
        e.name = trim(e.name);
        e.city = trim(e.city);
        e.gender = lower(e.gender);
        requirePerType(e);
        limitLengths(e);
        e.email = email(e, e.email);
        e.country = country(e, e.country);
        e.phone = phone(e, e.phone);
        e.birthDate = birthDate(e, e.birthDate);
        e.consent = consent(e, e.consent);
        e.attributes = stringMap(e, "attributes", e.attributes, Standardizer::trim);
        e.attributeKinds = stringMap(e, "attributeKinds", e.attributeKinds, Standardizer::lower);
        money(e);
    }

    /** The codec requires these fields per type; blank ones are gone after trimming, so they are missing. */
    private static void requirePerType(CustomerEvent e) throws InvalidEventException {
        switch (e.type) {
            case PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART -> require(e, "productId", e.productId);
            case SUPPORT_TICKET -> require(e, "ticketId", e.ticketId);
            case EMAIL_SEND, EMAIL_OPEN, EMAIL_CLICK -> require(e, "campaignId", e.campaignId);
            default -> { }
        }
    }

    private static void require(CustomerEvent e, String field, String value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(RejectReason.MISSING_FIELD,
                    "missing required field '" + field + "' for type " + e.type.wireName() + " (blank)");
        }
    }

    private static void limitLengths(CustomerEvent e) throws InvalidEventException {
        idBytes("eventId", e.eventId);
        idBytes("customerId", e.customerId);
        keyword("source", e.source);
        keyword("anonymousId", e.anonymousId);
        keyword("sessionId", e.sessionId);
        keyword("productId", e.productId);
        keyword("category", e.category);
        keyword("orderId", e.orderId);
        keyword("campaignId", e.campaignId);
        keyword("ticketId", e.ticketId);
        keyword("channel", e.channel);
        keyword("ticketStatus", e.ticketStatus);
        keyword("city", e.city);
        keyword("gender", e.gender);
        if (e.items != null) {
            for (int i = 0; i < e.items.size(); i++) {
                LineItem li = e.items.get(i);
                li.productId = trim(li.productId);
                li.category = trim(li.category);
                if (li.productId == null) {
                    throw new InvalidEventException(RejectReason.MISSING_FIELD, "items[" + i + "] needs a productId (blank)");
                }
                keyword("items[" + i + "].productId", li.productId);
                keyword("items[" + i + "].category", li.category);
            }
        }
    }

    private static void idBytes(String field, String value) throws InvalidEventException {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ID_BYTES) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, "field '" + field + "' is " + bytes
                    + " bytes long, more than the " + MAX_ID_BYTES + " bytes of an Elasticsearch id");
        }
    }

    private static void keyword(String field, String value) throws InvalidEventException {
        if (value != null && value.length() > MAX_KEYWORD_CHARS) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, "field '" + field + "' is " + value.length()
                    + " characters long, more than " + MAX_KEYWORD_CHARS);
        }
    }

    private void money(CustomerEvent e) throws InvalidEventException {
        checkAmount("amount", e.amount);
        checkAmount("unitPrice", e.unitPrice);
        if (e.items != null) {
            for (int i = 0; i < e.items.size(); i++) {
                checkAmount("items[" + i + "].unitPrice", e.items.get(i).unitPrice);
            }
        }
        String currency = trim(e.currency);
        Double rate = rates.rate(currency);
        if (rate == null) {
            throw new InvalidEventException(RejectReason.UNKNOWN_CURRENCY, "currency '" + currency
                    + "' has no rate to the base currency " + rates.base());
        }
        e.currency = currency == null ? rates.base() : currency.toUpperCase(Locale.ROOT);
        if (rate == 1.0) {
            return;
        }
        if (e.amount != null) {
            e.amount = round(e.amount * rate);
        }
        if (e.unitPrice != null) {
            e.unitPrice = round(e.unitPrice * rate);
        }
        if (e.items != null) {
            for (LineItem li : e.items) {
                li.unitPrice = round(li.unitPrice * rate);
            }
        }
    }

    private static void checkAmount(String field, Double value) throws InvalidEventException {
        if (value != null && !(Math.abs(value) <= MAX_AMOUNT)) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, "field '" + field + "' of " + value
                    + " is beyond the largest amount accepted, " + MAX_AMOUNT);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }

    private static String email(CustomerEvent e, String raw) {
        String v = trim(raw);
        if (v == null) {
            return null;
        }
        v = v.toLowerCase(Locale.ROOT);
        int at = v.indexOf('@');
        if (at <= 0 || at != v.lastIndexOf('@') || at == v.length() - 1 || v.contains(" ") || v.length() > 254) {
            e.warn("email: not an address '" + raw + "'");
            return null;
        }
        return v;
    }

    /** E.164; a national number is read in the event's own country when it has one, else the default region. */
    private String phone(CustomerEvent e, String raw) {
        String v = trim(raw);
        if (v == null) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            String region = e.country != null && util.getSupportedRegions().contains(e.country) ? e.country : defaultRegion;
            PhoneNumber number = util.parse(v, region);
            if (util.isValidNumber(number)) {
                return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException ignored) {
            // reported below
        }
        e.warn("phone: not a valid number '" + raw + "'");
        return null;
    }

    private static String country(CustomerEvent e, String raw) {
        String v = trim(raw);
        if (v == null) {
            return null;
        }
        String code = CountryCodes.toAlpha2(v);
        if (code == null) {
            e.warn("country: unknown '" + raw + "'");
        }
        return code;
    }

    private static String birthDate(CustomerEvent e, String raw) {
        String v = trim(raw);
        if (v == null) {
            return null;
        }
        for (DateTimeFormatter f : BIRTH_DATE_FORMATS) {
            LocalDate date;
            try {
                date = LocalDate.parse(v, f);
            } catch (DateTimeParseException ignored) {
                continue;
            }
            LocalDate eventDay = LocalDate.ofInstant(Instant.ofEpochMilli(e.timestamp), ZoneOffset.UTC);
            if (date.getYear() < MIN_BIRTH_YEAR || date.isAfter(eventDay)) {
                e.warn("birthDate: not plausible '" + raw + "'");
                return null;
            }
            return date.toString();
        }
        e.warn("birthDate: not a date '" + raw + "'");
        return null;
    }

    /** Keys trimmed and lower-cased; a key Elasticsearch cannot take as a field name (blank, only dots) is dropped. */
    private static Map<String, Boolean> consent(CustomerEvent e, Map<String, Boolean> raw) {
        if (raw == null) {
            return null;
        }
        Map<String, Boolean> clean = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String key = lower(k);
            if (key == null || key.chars().allMatch(c -> c == '.') || key.length() > MAX_KEYWORD_CHARS) {
                e.warn("consent: unusable key '" + abbreviate(k) + "'");
            } else if (v != null) {
                clean.put(key, v);
            }
        });
        return clean.isEmpty() ? null : clean;
    }

    /**
     * A string map cleaned: keys trimmed, values by {@code cleanValue}; blank keys or values are dropped, an
     * overlong one with a warning naming {@code field}.
     */
    private static Map<String, String> stringMap(CustomerEvent e, String field, Map<String, String> raw,
            UnaryOperator<String> cleanValue) {
        if (raw == null) {
            return null;
        }
        Map<String, String> clean = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String key = trim(k);
            String value = cleanValue.apply(v);
            if (key == null || value == null) {
                return;
            }
            if (key.length() > MAX_KEYWORD_CHARS || value.length() > MAX_KEYWORD_CHARS) {
                e.warn(field + "." + abbreviate(key) + ": longer than " + MAX_KEYWORD_CHARS + " characters");
            } else {
                clean.put(key, value);
            }
        });
        return clean.isEmpty() ? null : clean;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String lower(String s) {
        String t = trim(s);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }
}
