package io.smartcrm.app.bench;

import io.smartcrm.api.sample.SyntheticProfiles;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The console pages a round of {@code bench console} visits, in order, with seeded parameters: the search as the
 * console opens it, the search by a segment and churn band sorted by revenue, its next page, a customer's 360,
 * segments, alerts, rules and data quality. The first round starts with the sign-in, which lands on the search.
 */
final class ConsolePages {
    /** The visits of a round, by name, as the figures list them. */
    static final List<String> NAMES = List.of("search", "search filtered", "search next page", "customer",
            "segments", "alerts", "rules", "quality");
    /** Rows of a search page (the console's default size). */
    static final int PAGE_SIZE = 20;
    static final List<String> CHURN_BANDS = List.of("low", "medium", "high");

    /** How a visit starts: the key form's submit, a change of the address's hash, the next-page button. */
    enum Trigger { SIGN_IN, HASH, NEXT_PAGE }

    /** {@code page} is main[data-page] of the loaded page; {@code hash} is where a HASH visit goes. */
    record Visit(String name, String page, Trigger trigger, String hash) {}

    /** The button that pages the search forward. */
    static final String NEXT_BUTTON = ".pager button[data-action=next]";

    private final Random random;
    private final int profiles;
    private final List<String[]> filters = new ArrayList<>();

    /**
     * Visits with {@code seed}'s parameters over {@code profiles} customers; {@code matches} counts the customers
     * of each segment and churn band ({@link #key}): only pairs with a next page are searched.
     */
    ConsolePages(long seed, int profiles, Map<String, Long> matches) {
        this.random = new Random(seed);
        this.profiles = profiles;
        for (String segment : SyntheticProfiles.SEGMENTS) {
            for (String band : CHURN_BANDS) {
                if (matches.getOrDefault(key(segment, band), 0L) > PAGE_SIZE) {
                    filters.add(new String[] {segment, band});
                }
            }
        }
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("no segment and churn band has more than " + PAGE_SIZE
                    + " customers: load more profiles");
        }
    }

    /** The key of a segment and churn band in the counts. */
    static String key(String segment, String churnBand) {
        return segment + "|" + churnBand;
    }

    /** The next round's visits; {@code first}: the round that signs in. */
    List<Visit> round(boolean first) {
        String[] filter = filters.get(random.nextInt(filters.size()));
        String customer = SyntheticProfiles.id(random.nextInt(profiles));
        return List.of(
                first ? new Visit(NAMES.get(0), "search", Trigger.SIGN_IN, null)
                        : new Visit(NAMES.get(0), "search", Trigger.HASH, "#/search"),
                new Visit(NAMES.get(1), "search", Trigger.HASH, "#/search?segment=" + enc(filter[0]) + "&churnBand="
                        + filter[1] + "&sort=" + enc("revenue:desc")),
                new Visit(NAMES.get(2), "search", Trigger.NEXT_PAGE, null),
                new Visit(NAMES.get(3), "customer", Trigger.HASH, "#/customer/" + customer),
                new Visit(NAMES.get(4), "segments", Trigger.HASH, "#/segments"),
                new Visit(NAMES.get(5), "alerts", Trigger.HASH, "#/alerts"),
                new Visit(NAMES.get(6), "rules", Trigger.HASH, "#/rules"),
                new Visit(NAMES.get(7), "quality", Trigger.HASH, "#/quality"));
    }

    /** The customer a round's visits show. */
    static String customerOf(List<Visit> round) {
        return round.get(3).hash().substring("#/customer/".length());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
