package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.EventCodec;
import io.smartcrm.model.wire.InvalidEventException;
import io.smartcrm.model.wire.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Small files and mappings for the tests. */
final class Fixtures {
    static final Instant INGEST_TIME = Instant.parse("2024-05-01T10:00:00Z");
    static final IngestOptions OPTIONS = IngestOptions.defaults().withIngestTime(INGEST_TIME);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec(65536, 300_000);

    private Fixtures() {
    }

    static Path file(String content) {
        try {
            Path p = Files.createTempFile("ingest-test", ".csv");
            p.toFile().deleteOnExit();
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<MappedEvent> map(String mapping, String content) {
        return map(Mapping.parse(mapping, "test"), file(content));
    }

    static List<MappedEvent> map(Mapping mapping, Path file) {
        try (Stream<MappedEvent> s = FileIngest.map(file, mapping, OPTIONS)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IngestReport report(String mapping, String content) {
        return report(Mapping.parse(mapping, "test"), file(content));
    }

    static IngestReport report(Mapping mapping, Path file) {
        try (EventMapper m = EventMapper.open(file, mapping, OPTIONS)) {
            m.forEachRemaining(e -> { });
            return m.report(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-event mapping over columns id,a,b,c with the given JSON members added to the event. */
    static String mapping(String eventMembers) {
        return """
                {"input": {"format": "csv"},
                 "customerId": {"column": "id"},
                 "timestamp": "ingestTime",
                 "events": [{"name": "e", "type": "profile_update", "eventId": "t:{_line}", %s}]}
                """.formatted(eventMembers);
    }

    /** What the job makes of the event: the parsed event, or the reason it is rejected. */
    static CustomerEvent accepted(MappedEvent e) {
        try {
            return CODEC.parse(e.toJson(), System.currentTimeMillis());
        } catch (InvalidEventException ex) {
            throw new AssertionError("rejected (" + ex.reason().code() + "): " + ex.getMessage() + " in "
                    + new String(e.toJson(), StandardCharsets.UTF_8), ex);
        }
    }

    static RejectReason rejection(MappedEvent e) {
        try {
            CODEC.parse(e.toJson(), System.currentTimeMillis());
            return null;
        } catch (InvalidEventException ex) {
            return ex.reason();
        }
    }

    static void assertRejected(MappedEvent e, RejectReason reason) {
        assertThat(rejection(e)).as(new String(e.toJson(), StandardCharsets.UTF_8)).isEqualTo(reason);
    }
}
