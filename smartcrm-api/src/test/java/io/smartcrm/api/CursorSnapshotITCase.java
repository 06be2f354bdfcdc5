package io.smartcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.api.sample.SyntheticProfiles;
import io.smartcrm.model.profile.CustomerProfile;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cursor walk reads one snapshot, taken by the first page, while the profiles change under it; and a search
 * that needs no second page holds no point in time. On indices of its own, so the shared profiles stay as they are.
 */
class CursorSnapshotITCase {
    private static final String PREFIX = "snapshot-";
    private static final int CUSTOMERS = 30;
    private static ApiFixture api;
    private static SmartcrmApi snapshotApi;
    private static List<String> ids;

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.shared();
        snapshotApi = api.startApi(PREFIX);
        SyntheticProfiles synthetic = new SyntheticProfiles(13, ApiFixture.AS_OF);
        ids = new ArrayList<>();
        List<Object> docs = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerProfile p = synthetic.profile(i);
            ids.add(p.customerId);
            docs.add(p);
        }
        ids.sort(null);
        ApiFixture.bulk(api.es, PREFIX + "customers", ids, docs.stream()
                .sorted((a, b) -> ((CustomerProfile) a).customerId.compareTo(((CustomerProfile) b).customerId)).toList());
        api.es.indices().refresh(r -> r.index(PREFIX + "customers"));
    }

    @AfterAll
    static void stop() {
        if (snapshotApi != null) {
            snapshotApi.close();
        }
    }

    @Test
    void changesAfterTheFirstPageDoNotShowInTheWalk() throws IOException {
        String search = "/api/customers?sort=customerId:asc&size=10";
        JsonNode first = api.read(snapshotApi, search);
        assertThat(first.path("total").asLong()).isEqualTo(CUSTOMERS);

        // after page 1: one customer of page 3 is deleted, one is added that sorts into page 2
        String deleted = ids.get(25);
        api.es.delete(d -> d.index(PREFIX + "customers").id(deleted).refresh(Refresh.True));
        CustomerProfile added = new SyntheticProfiles(13, ApiFixture.AS_OF).profile(CUSTOMERS);
        added.customerId = ids.get(14) + "a";
        api.es.index(i -> i.index(PREFIX + "customers").id(added.customerId).document(added).refresh(Refresh.True));
        List<String> now = new ArrayList<>();
        api.read(snapshotApi, search.replace("size=10", "size=100")).path("hits")
                .forEach(h -> now.add(h.path("customerId").asText()));
        assertThat(now).as("a new search sees the change").contains(added.customerId).doesNotContain(deleted);

        List<String> walked = new ArrayList<>();
        first.path("hits").forEach(h -> walked.add(h.path("customerId").asText()));
        JsonNode page = first;
        while (!page.path("next").isNull()) {
            page = api.read(snapshotApi, search + "&after=" + page.path("next").asText());
            assertThat(page.path("total").asLong()).isEqualTo(CUSTOMERS);
            page.path("hits").forEach(h -> walked.add(h.path("customerId").asText()));
        }
        assertThat(walked).as("the snapshot of the first page, to the end").isEqualTo(ids);
    }

    @Test
    void aSearchOrWalkToItsLastPageHoldsNoPointInTime() throws Exception {
        long before = openContexts();
        for (int i = 0; i < 20; i++) {
            JsonNode r = api.read(snapshotApi, "/api/customers?size=1000");
            assertThat(r.path("next").isNull()).isTrue();
            JsonNode page = api.read(snapshotApi, "/api/customers?size=7");
            while (!page.path("next").isNull()) {
                page = api.read(snapshotApi, "/api/customers?size=7&after=" + page.path("next").asText());
            }
        }
        // the closing is in the background; abandoned cursors of other tests only ever expire meanwhile
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (openContexts() > before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(openContexts()).isLessThanOrEqualTo(before);
    }

    private static long openContexts() throws IOException {
        return api.es.nodes().stats(s -> s.metric("indices")).nodes().values().stream()
                .mapToLong(n -> n.indices().search().openContexts()).sum();
    }
}
