package io.smartcrm.job.clean;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Converts money into the base currency with a fixed rate table: units of base currency per unit of each currency. */
public final class CurrencyRates implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final Map<String, Double> rates;

    private CurrencyRates(String base, Map<String, Double> rates) {
        this.base = base;
        this.rates = rates;
    }

    /**
     * Parses a table such as {@code EUR=0.86,USD=0.74}; the base currency is always 1. Fails on malformed
     * entries or non-positive rates.
     */
    public static CurrencyRates parse(String base, String table) {
        String b = base.trim().toUpperCase(Locale.ROOT);
        if (!b.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("base currency '" + base + "' is not an ISO-4217 code");
        }
        Map<String, Double> rates = new HashMap<>();
        if (table != null) {
            for (String entry : table.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] kv = entry.split("=");
                String code = kv[0].trim().toUpperCase(Locale.ROOT);
                if (kv.length != 2 || !code.matches("[A-Z]{3}")) {
                    throw new IllegalArgumentException("currency rate '" + entry.trim() + "' is not CODE=RATE");
                }
                double rate;
                try {
                    rate = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("currency rate '" + entry.trim() + "' is not a number");
                }
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException("currency rate for " + code + " must be positive");
                }
                rates.put(code, rate);
            }
        }
        rates.put(b, 1.0);
        return new CurrencyRates(b, rates);
    }

    public String base() {
        return base;
    }

    /** The rate for this currency (null or blank = base), or null when the currency is unknown. */
    Double rate(String currency) {
        if (currency == null || currency.isBlank()) {
            return 1.0;
        }
        return rates.get(currency.trim().toUpperCase(Locale.ROOT));
    }
}
