package io.smartcrm.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.smartcrm.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void roundTripsEverySortValueKind() {
        List<FieldValue> after = List.of(FieldValue.of(1234.5), FieldValue.of(1_700_000_000_000L), FieldValue.of("C0001"),
                FieldValue.NULL, FieldValue.of(true), FieldValue.of("-Infinity"), FieldValue.of(3.0));
        String text = new Cursor("pit-id==", after, 40, "fp").encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        Cursor back = Cursor.decode(text, "fp");
        assertThat(back.pitId()).isEqualTo("pit-id==");
        assertThat(back.returned()).isEqualTo(40);
        assertThat(back.after()).hasSize(after.size());
        for (int i = 0; i < after.size(); i++) {
            assertThat(back.after().get(i)._kind()).isEqualTo(after.get(i)._kind());
            assertThat(back.after().get(i)._get()).isEqualTo(after.get(i)._get());
        }
    }

    @Test
    void garbledOrForeignCursorsAre400sNamingAfter() {
        String good = new Cursor("p", List.of(FieldValue.of(1)), 1, "fp").encode();
        for (String bad : new String[] {"x", "%%%", "eyJ9", b64("[]"), b64("{\"p\":1}"), b64("{\"p\":\"p\",\"a\":[{}],\"n\":1,\"f\":\"fp\"}")}) {
            assertThatThrownBy(() -> Cursor.decode(bad, "fp")).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.parameter()).isEqualTo("after"));
        }
        assertThatThrownBy(() -> Cursor.decode(good, "other")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.parameter()).isEqualTo("after");
            assertThat(e.getMessage()).contains("another search");
        });
    }

    @Test
    void fingerprintsTellSearchesApart() {
        assertThat(Cursor.fingerprint("{country=[GB]}|customerId:asc")).isEqualTo(Cursor.fingerprint("{country=[GB]}|customerId:asc"))
                .isNotEqualTo(Cursor.fingerprint("{country=[DE]}|customerId:asc"));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
