package io.smartcrm.job.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.quality.QualityTick;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventDeduplicatorTest {
    static final long HOUR = 3_600_000L;
    static final long TTL = 7 * 24 * HOUR;
    static final long T = Instant.parse("2024-05-01T10:17:00Z").toEpochMilli();

    KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerEvent> harness;

    static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerEvent> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new EventDeduplicator(TTL)),
                e -> e.customerId, Types.STRING);
    }

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static CustomerEvent ev(String eventId, String customer, long ts) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = eventId;
        e.customerId = customer;
        e.type = EventType.PAGE_VIEW;
        e.timestamp = ts;
        return e;
    }

    void send(String eventId, String customer, long ts) throws Exception {
        harness.processElement(ev(eventId, customer, ts), ts);
    }

    List<String> passed() {
        return harness.extractOutputValues().stream().map(e -> e.customerId + "/" + e.eventId + "@" + (e.timestamp - T)).toList();
    }

    List<String> ticks() {
        var out = harness.getSideOutput(QualityTick.OUTPUT);
        return out == null ? List.of() : out.stream().map(r -> r.getValue().kind + "@" + r.getValue().hour).toList();
    }

    static long hour(long t) {
        return t - Math.floorMod(t, HOUR);
    }

    @Test
    void aDuplicateWithinTheTtlIsDropped() throws Exception {
        send("e1", "c1", T);
        send("e2", "c1", T + 1);
        send("e1", "c1", T + 5); // resent, even with another time
        send("e1", "c1", T);
        assertThat(passed()).containsExactly("c1/e1@0", "c1/e2@1");
        assertThat(ticks()).containsExactly("DUPLICATE@" + hour(T), "DUPLICATE@" + hour(T));
    }

    @Test
    void idsAreRememberedPerCustomer() throws Exception {
        send("e1", "c1", T);
        send("e1", "c2", T);
        assertThat(passed()).containsExactly("c1/e1@0", "c2/e1@0");
    }

    @Test
    void anIdIsRememberedUntilTheWatermarkPassesItsTimePlusTtl() throws Exception {
        send("e1", "c1", T);
        harness.processWatermark(T + TTL - 1);
        send("e1", "c1", T + TTL - 1);
        assertThat(passed()).containsExactly("c1/e1@0");

        harness.processWatermark(T + TTL);
        send("e1", "c1", T + TTL + 10);
        assertThat(passed()).containsExactly("c1/e1@0", "c1/e1@" + (TTL + 10));
        // and now the resent one is remembered in turn
        send("e1", "c1", T + TTL + 20);
        assertThat(passed()).hasSize(2);
    }

    @Test
    void rememberedIdsAreCleanedUpByEventTimeTimersAtMostOnePerHour() throws Exception {
        for (int i = 0; i < 10; i++) {
            send("e" + i, "c1", T + i * 60_000L); // all within one hour
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        send("late-hour", "c1", T + 2 * HOUR);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        harness.processWatermark(T + 3 * HOUR + TTL);
        assertThat(harness.numEventTimeTimers()).isZero();
        send("e3", "c1", T + 3 * HOUR + TTL);
        assertThat(passed()).hasSize(12).last().isEqualTo("c1/e3@" + (3 * HOUR + TTL));
    }

    @Test
    void aVeryLateEventIsAcceptedAndItsDuplicatesAfterTheTtlToo() throws Exception {
        harness.processWatermark(T + 2 * TTL);
        send("old", "c1", T);
        send("old", "c1", T);
        assertThat(passed()).as("older than the TTL behind the watermark: nothing to compare against")
                .containsExactly("c1/old@0", "c1/old@0");
    }

    @Test
    void rememberedIdsSurviveSnapshotAndRestore() throws Exception {
        send("e1", "c1", T);
        send("e2", "c2", T);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = harness();
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        send("e1", "c1", T + 1);
        send("e2", "c2", T + 1);
        send("e3", "c1", T + 2);
        assertThat(passed()).containsExactly("c1/e3@2");
        assertThat(harness.numEventTimeTimers()).as("cleanup timers restored").isEqualTo(2);
    }

    @Test
    void anErasureForgetsTheIdsAndDropsTheCustomersOlderEventsForTheTtl() throws Exception {
        send("e1", "c1", T);
        send("e1", "c2", T);
        CustomerEvent erasure = ev("erase-1", "c1", T + HOUR);
        erasure.type = EventType.CUSTOMER_ERASURE;
        harness.processElement(erasure, T + HOUR);
        send("e2", "c1", T + 10); // in flight from before the erasure
        send("e1", "c2", T + 20); // another customer: still a duplicate
        send("e1", "c1", T + HOUR + 1); // after the erasure: a new history, its id no longer remembered
        assertThat(passed()).containsExactly("c1/e1@0", "c2/e1@0", "c1/erase-1@" + HOUR, "c1/e1@" + (HOUR + 1));
        assertThat(ticks()).containsExactly("ERASED_DROPPED@" + hour(T), "DUPLICATE@" + hour(T));

        harness.processWatermark(T + HOUR + TTL + HOUR);
        send("e3", "c1", T + 30); // the TTL is over: a very late event counts again
        assertThat(passed()).last().isEqualTo("c1/e3@30");
    }

    @Test
    void theHashSpreadsSimilarIds() {
        assertThat(EventDeduplicator.hash64("evt-1")).isNotEqualTo(EventDeduplicator.hash64("evt-2"))
                .isNotEqualTo(EventDeduplicator.hash64("evt-10"));
        assertThat(EventDeduplicator.hash64("evt-1")).isEqualTo(EventDeduplicator.hash64("evt-1"));
        java.util.Set<Long> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            hashes.add(EventDeduplicator.hash64("event-" + i));
        }
        assertThat(hashes).hasSize(100_000);
    }
}
