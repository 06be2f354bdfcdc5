package io.smartcrm.job.clean;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.InvalidEventException;
import io.smartcrm.model.wire.RejectReason;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cleans an accepted event in place: strings trimmed (blank → absent), email lower-cased, phone to E.164,
 * country to ISO-3166 alpha-2, birth date to ISO, money to the base currency. A value that cannot be
 * standardized is dropped with a warning on the event; only an unknown currency rejects the event, since its
 * money cannot be counted.
 */
public final class Standardizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<DateTimeFormatter> BIRTH_DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"),
            DateTimeFormatter.ofPattern("d/M/yyyy"),
            DateTimeFormatter.ofPattern("d.M.yyyy"));

    private final String defaultRegion;
    private final CurrencyRates rates;

    public Standardizer(String defaultRegion, CurrencyRates rates) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        this.rates = rates;
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "'");
        }
    }

    public void standardize(CustomerEvent e) throws InvalidEventException {
        e.eventId = e.eventId.trim();
        e.customerId = e.customerId.trim();
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
        e.email = email(e, e.email);
        e.phone = phone(e, e.phone);
        e.country = country(e, e.country);
        e.birthDate = birthDate(e, e.birthDate);
        e.attributes = attributes(e.attributes);
        money(e);
    }

    private void money(CustomerEvent e) throws InvalidEventException {
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
        if (at <= 0 || at != v.lastIndexOf('@') || at == v.length() - 1 || v.contains(" ")) {
            e.warn("email: not an address '" + raw + "'");
            return null;
        }
        return v;
    }

    private String phone(CustomerEvent e, String raw) {
        String v = trim(raw);
        if (v == null) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(v, defaultRegion);
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
            try {
                return LocalDate.parse(v, f).toString();
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        e.warn("birthDate: not a date '" + raw + "'");
        return null;
    }

    private static Map<String, String> attributes(Map<String, String> raw) {
        if (raw == null) {
            return null;
        }
        Map<String, String> clean = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String key = trim(k);
            String value = trim(v);
            if (key != null && value != null) {
                clean.put(key, value);
            }
        });
        return clean.isEmpty() ? null : clean;
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
