package io.smartcrm.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.app.bench.ConsolePages.Trigger;
import io.smartcrm.app.bench.ConsolePages.Visit;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {
    /** Every segment and band with a next page, but "new" with high churn has one page only. */
    private static Map<String, Long> matches() {
        Map<String, Long> m = new HashMap<>();
        for (String s : SyntheticProfiles.SEGMENTS) {
            for (String b : ConsolePages.CHURN_BANDS) {
                m.put(ConsolePages.key(s, b), 500L);
            }
        }
        m.put(ConsolePages.key("new", "high"), (long) ConsolePages.PAGE_SIZE);
        return m;
    }

    @Test
    void aRoundVisitsEveryPageInOrder() {
        ConsolePages pages = new ConsolePages(42, 1000, matches());
        List<Visit> first = pages.round(true);
        List<Visit> warm = pages.round(false);
        assertThat(first).extracting(Visit::name).containsExactlyElementsOf(ConsolePages.NAMES);
        assertThat(warm).extracting(Visit::name).containsExactlyElementsOf(ConsolePages.NAMES);
        assertThat(first).extracting(Visit::page).containsExactly("search", "search", "search", "customer", "segments",
                "alerts", "rules", "quality");
        assertThat(first.get(0).trigger()).isEqualTo(Trigger.SIGN_IN);
        assertThat(warm.get(0)).isEqualTo(new Visit("search", "search", Trigger.HASH, "#/search"));
        assertThat(warm.get(2).trigger()).isEqualTo(Trigger.NEXT_PAGE);
        assertThat(warm.subList(4, 8)).extracting(Visit::hash)
                .containsExactly("#/segments", "#/alerts", "#/rules", "#/quality");
    }

    @Test
    void theFilteredSearchIsBySegmentAndChurnBandSortedByRevenue() {
        ConsolePages pages = new ConsolePages(7, 1000, matches());
        for (int i = 0; i < 200; i++) {
            String hash = URLDecoder.decode(pages.round(i == 0).get(1).hash(), StandardCharsets.UTF_8);
            assertThat(hash).matches("#/search\\?segment=[a-z -]+&churnBand=(low|medium|high)&sort=revenue:desc");
            assertThat(hash).doesNotContain("segment=new&churnBand=high"); // no next page there
        }
    }

    @Test
    void customersAreLoadedOnesAndTheRoundsRepeatForASeed() {
        List<Visit> a = new ConsolePages(3, 50, matches()).round(false);
        List<Visit> b = new ConsolePages(3, 50, matches()).round(false);
        assertThat(a).isEqualTo(b);
        String customer = ConsolePages.customerOf(a);
        assertThat(customer).matches("C\\d{7}");
        assertThat(Integer.parseInt(customer.substring(1))).isBetween(0, 49);
        assertThat(a.get(3).hash()).isEqualTo("#/customer/" + customer);
    }

    @Test
    void tooFewProfilesForANextPageAreRefused() {
        assertThatThrownBy(() -> new ConsolePages(42, 10, Map.of(ConsolePages.key("new", "low"), 10L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load more profiles");
    }
}
