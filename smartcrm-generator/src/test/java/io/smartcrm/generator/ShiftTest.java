package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShiftTest {
    private static final Instant SHIFT_AT = Streams.START.plus(Duration.ofDays(12));
    private static final int N = 200_000;

    @Test
    void thirtyPercentOfLoyalCustomersStopBuyingAtTheShift() {
        Streams.Sample base = Streams.standard();
        Streams.Sample shifted = Streams.Sample.of(new EventGenerator(Streams.config()
                .shift(SHIFT_AT, ShiftKind.LOYAL_STOP_BUYING).build()), N);
        assertSameBefore(base.events(), shifted.events());

        long at = SHIFT_AT.toEpochMilli();
        Set<String> loyal = new HashSet<>();
        Set<String> stopped = new HashSet<>();
        for (int i = 1; i <= 2_000; i++) {
            String id = String.format("C%06d", i);
            Customer c = shifted.generator().customer(id);
            if (c.persona == Persona.LOYAL_BIG_SPENDER) {
                loyal.add(id);
                if (c.stopsBuyingOnShift) {
                    stopped.add(id);
                }
            }
        }
        assertThat(stopped.size() / (double) loyal.size()).isBetween(0.2, 0.4);
        for (CustomerEvent e : shifted.valid()) {
            if (e.type == EventType.PURCHASE && stopped.contains(e.customerId)) {
                assertThat(e.timestamp).as("purchase of %s", e.customerId).isLessThan(at);
            }
        }
        long end = commonEnd(base, shifted);
        long before = purchases(base.valid(), loyal, at, end);
        long after = purchases(shifted.valid(), loyal, at, end);
        assertThat(after).isLessThan((long) (before * 0.85));
    }

    @Test
    void campaignsStartToConvertWindowShoppers() {
        Streams.Sample base = Streams.standard();
        Streams.Sample shifted = Streams.Sample.of(new EventGenerator(Streams.config()
                .shift(SHIFT_AT, ShiftKind.CAMPAIGN_CONVERTS_WINDOW_SHOPPERS).build()), N);
        assertSameBefore(base.events(), shifted.events());

        Set<String> window = new HashSet<>();
        for (int i = 1; i <= 2_000; i++) {
            String id = String.format("C%06d", i);
            if (shifted.generator().persona(id) == Persona.WINDOW_SHOPPER) {
                window.add(id);
            }
        }
        long at = SHIFT_AT.toEpochMilli();
        long end = commonEnd(base, shifted);
        long before = purchases(base.valid(), window, at, end);
        long after = purchases(shifted.valid(), window, at, end);
        assertThat(after).isGreaterThan(2 * before);
    }

    @Test
    void windowShoppersSurgeUntilTheShiftIsReversed() {
        Instant until = SHIFT_AT.plus(Duration.ofDays(2));
        Streams.Sample s = Streams.Sample.of(new EventGenerator(Streams.config()
                .shift(SHIFT_AT, ShiftKind.WINDOW_SHOPPER_SURGE).shiftUntil(until).build()), N);
        long at = SHIFT_AT.toEpochMilli();
        long end = until.toEpochMilli();
        long day = Duration.ofDays(1).toMillis();
        assertThat(s.valid().get(s.valid().size() - 1).timestamp).as("sample reaches past the reversal")
                .isGreaterThan(end + 2 * day);
        Set<String> window = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (int i = 1; i <= 2_000; i++) {
            String id = String.format("C%06d", i);
            (s.generator().persona(id) == Persona.WINDOW_SHOPPER ? window : others).add(id);
        }
        double before = sessions(s.valid(), window, at - 4 * day, at) / (double) sessions(s.valid(), others, at - 4 * day, at);
        double during = sessions(s.valid(), window, at, end) / (double) sessions(s.valid(), others, at, end);
        double after = sessions(s.valid(), window, end, end + 2 * day) / (double) sessions(s.valid(), others, end, end + 2 * day);
        // ten times the visits, fewer times the sessions: a visit while a session is still open is part of it
        assertThat(during).as("window shoppers' sessions relative to others during the surge").isBetween(5 * before, 12 * before);
        assertThat(after).as("after the reversal").isBetween(0.75 * before, 1.33 * before);
    }

    private static long sessions(List<CustomerEvent> events, Set<String> customers, long from, long to) {
        return events.stream().filter(e -> e.type == EventType.PAGE_VIEW && e.timestamp >= from && e.timestamp < to
                && customers.contains(e.customerId)).map(e -> e.sessionId).distinct().count();
    }

    @Test
    void aShiftMustEndAfterItStarts() {
        assertThatThrownBy(() -> Streams.config().shift(SHIFT_AT, ShiftKind.WINDOW_SHOPPER_SURGE)
                .shiftUntil(SHIFT_AT).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shiftUntil");
        assertThatThrownBy(() -> Streams.config().shiftUntil(SHIFT_AT).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shiftUntil");
    }

    /** Until the simulation reaches the shift both streams are the same, byte for byte. */
    private static void assertSameBefore(List<GeneratedEvent> base, List<GeneratedEvent> shifted) {
        long limit = SHIFT_AT.toEpochMilli() - EventGenerator.MAX_OUT_OF_ORDER_MS;
        int i = 0;
        while (base.get(i).eventTime() < limit) {
            assertThat(shifted.get(i).value()).as("event %d", i).isEqualTo(base.get(i).value());
            i++;
        }
        assertThat(i).isGreaterThan(N / 5);
    }

    private static long commonEnd(Streams.Sample a, Streams.Sample b) {
        return Math.min(a.valid().get(a.valid().size() - 1).timestamp, b.valid().get(b.valid().size() - 1).timestamp);
    }

    private static long purchases(List<CustomerEvent> events, Set<String> customers, long from, long to) {
        return events.stream().filter(e -> e.type == EventType.PURCHASE && e.timestamp >= from && e.timestamp < to
                && customers.contains(e.customerId)).count();
    }
}
