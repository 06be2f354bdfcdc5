package io.smartcrm.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterTest {
    private final Handler ok = r -> Response.noContent();
    private final Router router = new Router()
            .get("/api/customers", Role.READ, ok)
            .get("/api/customers/export", Role.READ, ok)
            .get("/api/customers/{id}", Role.READ, ok)
            .delete("/api/customers/{id}", Role.ADMIN, ok)
            .get("/api/models/{model}/versions", Role.READ, ok);

    @Test
    void literalSegmentsWinOverParameters() {
        assertThat(router.resolve("GET", "/api/customers/export").route().pattern()).isEqualTo("/api/customers/export");
        Router.Match m = router.resolve("GET", "/api/customers/C42");
        assertThat(m.route().pattern()).isEqualTo("/api/customers/{id}");
        assertThat(m.pathParams()).containsEntry("id", "C42");
        assertThat(router.resolve("GET", "/api/models/churn/versions").pathParams()).containsEntry("model", "churn");
    }

    @Test
    void pathParametersAreDecodedSegmentBySegment() {
        assertThat(router.resolve("GET", "/api/customers/a%2Fb%20c+d").pathParams()).containsEntry("id", "a/b c+d");
        assertThat(router.resolve("GET", "/api/customers/").route().pattern()).isEqualTo("/api/customers");
    }

    @Test
    void unknownPathsAre404() {
        for (String path : new String[] {"/api/customer", "/api/customers/a/b", "/", "/api/customers//x", "/api/customers/%zz"}) {
            assertThatThrownBy(() -> router.resolve("GET", path)).as(path).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void aMethodThePathLacksIs405ListingTheAllowedOnes() {
        assertThatThrownBy(() -> router.resolve("POST", "/api/customers/C1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(405);
            assertThat(e.headers()).containsEntry("Allow", "GET, DELETE");
            assertThat(e.getMessage()).contains("POST", "/api/customers/C1");
        });
        assertThatThrownBy(() -> router.resolve("DELETE", "/api/customers/export")).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.headers()).containsEntry("Allow", "GET"));
    }

    @Test
    void aRouteIsDeclaredOnce() {
        assertThatThrownBy(() -> router.get("/api/customers", Role.READ, ok)).isInstanceOf(IllegalArgumentException.class);
    }
}
