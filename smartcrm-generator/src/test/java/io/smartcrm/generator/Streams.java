package io.smartcrm.generator;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.EventCodec;
import io.smartcrm.model.wire.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared test fixtures: a fixed-start config and helpers to take and read a stream. */
final class Streams {
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** The limits the pipeline applies: 64 KiB payloads, 5 minutes of clock skew. */
    static final EventCodec CODEC = new EventCodec(64 * 1024, 5 * 60_000);

    private static Sample standard;

    private Streams() {}

    /** 200,000 messages of the default-shaped config (2,000 customers), made once per test JVM. */
    static synchronized Sample standard() {
        if (standard == null) {
            standard = Sample.of(new EventGenerator(config().build()), 200_000);
        }
        return standard;
    }

    static GeneratorConfig.Builder config() {
        return GeneratorConfig.builder().startTime(START).customers(2_000);
    }

    static List<GeneratedEvent> take(EventGenerator generator, int n) {
        List<GeneratedEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(generator.next());
        }
        return events;
    }

    /** A stream taken from a generator, and its valid events parsed. */
    record Sample(EventGenerator generator, List<GeneratedEvent> events, List<CustomerEvent> valid) {
        static Sample of(EventGenerator generator, int n) {
            List<GeneratedEvent> events = take(generator, n);
            List<CustomerEvent> valid = new ArrayList<>();
            for (GeneratedEvent g : events) {
                if (g.kind() == GeneratedEvent.Kind.VALID) {
                    valid.add(parse(g));
                }
            }
            return new Sample(generator, events, valid);
        }
    }

    /** Parses a valid event or duplicate, validated as the pipeline would at the moment it was sent. */
    static CustomerEvent parse(GeneratedEvent g) {
        try {
            return CODEC.parse(g.value(), g.eventTime());
        } catch (InvalidEventException e) {
            throw new AssertionError("rejected (" + e.reason() + "): " + e.getMessage(), e);
        }
    }
}
