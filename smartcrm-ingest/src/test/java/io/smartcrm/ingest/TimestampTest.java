package io.smartcrm.ingest;

import static io.smartcrm.ingest.Fixtures.accepted;
import static io.smartcrm.ingest.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.model.wire.RejectReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampTest {

    private static List<MappedEvent> map(String timestamp, String... values) {
        String mapping = """
                {"input": {"format": "csv"}, "customerId": {"column": "id"}, "timestamp": %s,
                 "events": [{"type": "login", "eventId": "t:{_line}"}]}""".formatted(timestamp);
        StringBuilder csv = new StringBuilder("id,ts\n");
        for (String v : values) {
            csv.append("c1,").append(v).append('\n');
        }
        return Fixtures.map(mapping, csv.toString());
    }

    private static Instant instant(MappedEvent e) {
        return Instant.ofEpochMilli(accepted(e).timestamp);
    }

    @Test
    void patternInZoneFollowsSummerTime() {
        List<MappedEvent> events = map("{\"column\": \"ts\", \"pattern\": \"yyyy-MM-dd HH:mm:ss\", \"zone\": \"Europe/London\"}",
                "2010-12-01 08:26:00", "2011-06-01 08:26:00", " 2011-06-01 08:26:00 ");
        assertThat(instant(events.get(0))).isEqualTo("2010-12-01T08:26:00Z");
        assertThat(instant(events.get(1))).isEqualTo("2011-06-01T07:26:00Z");
        assertThat(instant(events.get(2))).isEqualTo("2011-06-01T07:26:00Z");
    }

    @Test
    void dateOnlyPatternIsMidnightInTheZone() {
        List<MappedEvent> events = map("{\"column\": \"ts\", \"pattern\": \"dd/MM/yyyy\", \"zone\": \"Europe/Paris\"}",
                "09/06/2011");
        assertThat(instant(events.get(0))).isEqualTo("2011-06-08T22:00:00Z");
    }

    @Test
    void epochAndIso() {
        assertThat(instant(map("{\"column\": \"ts\", \"format\": \"epochMillis\"}", "1700000000123").get(0)))
                .isEqualTo(Instant.ofEpochMilli(1700000000123L));
        assertThat(instant(map("{\"column\": \"ts\", \"format\": \"epochSeconds\"}", "1700000000.5").get(0)))
                .isEqualTo(Instant.ofEpochMilli(1700000000500L));
        assertThat(instant(map("{\"column\": \"ts\", \"format\": \"iso\"}", "2024-05-01T10:15:30+02:00").get(0)))
                .isEqualTo("2024-05-01T08:15:30Z");
        assertThat(instant(map("{\"column\": \"ts\", \"format\": \"iso\", \"zone\": \"UTC\"}", "2024-05-01T10:15:30")
                .get(0))).isEqualTo("2024-05-01T10:15:30Z");
    }

    @Test
    void ingestTimeIsTheFixedOption() {
        MappedEvent e = map("\"ingestTime\"", "whatever").get(0);
        assertThat(instant(e)).isEqualTo(Fixtures.INGEST_TIME);
    }

    @Test
    void unparsableTimestampIsPublishedAsTextForTheJobToReject() {
        List<MappedEvent> events = map("{\"column\": \"ts\", \"pattern\": \"yyyy-MM-dd HH:mm:ss\", \"zone\": \"UTC\"}",
                "yesterday", "2011-02-30 10:00:00");
        assertThat(events.get(0).rawValues()).containsEntry("timestamp", "yesterday");
        assertThat(events.get(0).toTree().get("timestamp").asText()).isEqualTo("yesterday");
        assertRejected(events.get(0), RejectReason.INVALID_TIMESTAMP);
        assertThat(events.get(1).rawValues()).as("strict: no 30 February").containsEntry("timestamp", "2011-02-30 10:00:00");
        assertRejected(events.get(1), RejectReason.INVALID_TIMESTAMP);
        assertRejected(map("{\"column\": \"ts\", \"format\": \"iso\"}", "2024-05-01T10:15:30").get(0),
                RejectReason.INVALID_TIMESTAMP);
        assertRejected(map("{\"column\": \"ts\", \"format\": \"epochMillis\"}", "12.5").get(0),
                RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void blankTimestampIsLeftOut() {
        MappedEvent e = map("{\"column\": \"ts\", \"format\": \"epochMillis\"}", " ").get(0);
        assertThat(e.toTree().has("timestamp")).isFalse();
        assertRejected(e, RejectReason.MISSING_FIELD);
    }

    @Test
    void badTimestampSpecsFailWhenLoading() {
        assertThatThrownBy(() -> map("{\"column\": \"ts\", \"pattern\": \"yyyy-MM-dd bb\", \"zone\": \"UTC\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("bad date-time pattern \"yyyy-MM-dd bb\"");
        assertThatThrownBy(() -> map("{\"column\": \"ts\", \"pattern\": \"HH:mm\", \"zone\": \"UTC\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("does not give a date");
        assertThatThrownBy(() -> map("{\"column\": \"ts\", \"pattern\": \"yyyy-MM-dd\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("needs a 'zone'");
        assertThatThrownBy(() -> map("{\"column\": \"ts\", \"pattern\": \"yyyy-MM-dd\", \"zone\": \"Mars/Base\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown time zone 'Mars/Base'");
        assertThatThrownBy(() -> map("{\"column\": \"ts\", \"format\": \"excel\"}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown format 'excel'");
        assertThatThrownBy(() -> map("\"now\""))
                .isInstanceOf(MappingException.class).hasMessageContaining("\"ingestTime\"");
    }
}
