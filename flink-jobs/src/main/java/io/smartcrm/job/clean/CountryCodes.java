package io.smartcrm.job.clean;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Maps country names (English), ISO alpha-2 and alpha-3 codes and common aliases to ISO-3166 alpha-2. */
final class CountryCodes {
    private static final Map<String, String> BY_KEY = new HashMap<>();

    static {
        Set<String> codes = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
        for (String code : codes) {
            Locale locale = new Locale("", code);
            BY_KEY.put(key(code), code);
            BY_KEY.put(key(locale.getISO3Country()), code);
            BY_KEY.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
        }
        alias("GB", "UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Britain");
        alias("IE", "EIRE", "Republic of Ireland");
        alias("US", "USA", "United States of America", "America", "U.S.", "U.S.A.");
        alias("ZA", "RSA");
        alias("AE", "UAE");
        alias("CZ", "Czech Republic");
        alias("KR", "South Korea", "Korea");
        alias("RU", "Russia");
        alias("VN", "Vietnam");
        alias("NL", "Holland", "The Netherlands");
        alias("DE", "Deutschland");
    }

    private CountryCodes() {}

    private static void alias(String code, String... names) {
        for (String n : names) {
            BY_KEY.put(key(n), code);
        }
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** The alpha-2 code, or null when the value names no country. */
    static String toAlpha2(String value) {
        return BY_KEY.get(key(value));
    }
}
