package io.smartcrm.job.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.job.rfm.RfmInputs;
import io.smartcrm.job.rfm.RfmObservation;
import io.smartcrm.job.labels.LabelSettings;
import io.smartcrm.job.labels.TrainingExample;
import io.smartcrm.job.quality.QualityTick;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.profile.CustomerProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The profile operator in Flink's keyed test harness: emission timing, daily refresh, lateness, state. */
class ProfileBuilderTest {
    static final ProfileSettings SETTINGS = new ProfileSettings(List.of("crm", "web"),
            Duration.ofMinutes(30).toMillis(), Duration.ofHours(24).toMillis());
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    static final long D0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    static final long INTERVAL = 1_000;
    static final LabelSettings LABELS = new LabelSettings(30 * DAY, 7 * DAY, "churned");

    private final List<KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerProfile>> open = new ArrayList<>();
    private int ids;

    KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerProfile> harness(long interval,
            OperatorSubtaskState restore) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ProfileBuilder(SETTINGS, interval, LABELS)),
                (CustomerEvent e) -> e.customerId, Types.STRING);
        h.setup();
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        h.setProcessingTime(0);
        open.add(h);
        return h;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (var h : open) {
            h.close();
        }
    }

    CustomerEvent ev(String customer, EventType type, long ts, Consumer<CustomerEvent> with) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "e" + (++ids);
        e.customerId = customer;
        e.type = type;
        e.timestamp = ts;
        with.accept(e);
        return e;
    }

    CustomerEvent view(String customer, long ts) {
        return ev(customer, EventType.PAGE_VIEW, ts, e -> { });
    }

    CustomerEvent purchase(String customer, long ts, double amount) {
        return ev(customer, EventType.PURCHASE, ts, e -> e.amount = amount);
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerProfile> h, CustomerEvent e)
            throws Exception {
        h.processElement(e, e.timestamp);
    }

    static List<CustomerProfile> emitted(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerProfile> h) {
        return h.extractOutputValues();
    }

    static List<RfmObservation> rfm(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerProfile> h) {
        Collection<StreamRecord<RfmObservation>> side = h.getSideOutput(ProfileBuilder.RFM_OBSERVATIONS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    static List<TrainingExample> examples(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, CustomerProfile> h) {
        Collection<StreamRecord<TrainingExample>> side = h.getSideOutput(ProfileBuilder.TRAINING_EXAMPLES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void anExplicitChurnLabelIsAnExampleAtOnceWithoutTheLabelAmongItsFeatures() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, ev("c1", EventType.PROFILE_UPDATE, D0 + HOUR, e -> {
            e.attributes = Map.of("churned", "true", "contract", "Month-to-month");
            e.attributeKinds = Map.of("churned", "label", "contract", "categorical");
        }));
        assertThat(examples(h)).singleElement().satisfies(x -> {
            assertThat(x.model).isEqualTo(TrainingExample.CHURN);
            assertThat(x.label).isTrue();
            assertThat(x.features.indicators).containsEntry("attr.contract=Month-to-month", 1.0);
            assertThat(x.features.texts.keySet()).noneMatch(k -> k.contains("churned"));
        });
    }

    @Test
    void dailyTicksOpenObservationsThatBecomeExamplesWhenTheirHorizonEnds() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, purchase("c1", D0 + 10 * HOUR, 25));
        send(h, purchase("c2", D0 + 11 * HOUR, 40));
        h.processWatermark(D0 + DAY);
        assertThat(examples(h)).isEmpty();
        send(h, purchase("c2", D0 + 3 * DAY, 40));
        h.processWatermark(D0 + 8 * DAY);
        assertThat(examples(h)).as("the 7-day propensity horizon ends").extracting(x -> x.customerId + "=" + x.label)
                .containsExactlyInAnyOrder("c1=false", "c2=true");
        assertThat(examples(h)).allSatisfy(x -> {
            assertThat(x.featuresAt).isEqualTo(D0 + DAY);
            assertThat(x.features.numeric.get("orders")).isEqualTo(Math.log1p(1));
        });
        send(h, view("c2", D0 + 20 * DAY));
        h.processWatermark(D0 + 31 * DAY);
        assertThat(examples(h)).filteredOn(x -> x.model.equals(TrainingExample.CHURN))
                .extracting(x -> x.customerId + "=" + x.label)
                .as("30-day churn horizon: c1 did nothing, c2 came back").containsExactlyInAnyOrder("c1=true", "c2=false");
    }

    @Test
    void severalEventsAreCoalescedIntoOneEmissionAfterTheInterval() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, view("c1", D0 + HOUR));
        h.setProcessingTime(300);
        send(h, view("c1", D0 + HOUR + 1));
        send(h, purchase("c1", D0 + HOUR + 2, 10));
        send(h, view("c2", D0 + HOUR + 3));
        h.setProcessingTime(INTERVAL - 1);
        assertThat(emitted(h)).isEmpty();

        h.setProcessingTime(INTERVAL);
        assertThat(emitted(h)).extracting(p -> p.customerId).containsExactly("c1");
        assertThat(emitted(h).get(0).eventCount).isEqualTo(3);
        assertThat(emitted(h).get(0).updatedAt).isEqualTo("1970-01-01T00:00:01Z");
        h.setProcessingTime(300 + INTERVAL);
        assertThat(emitted(h)).extracting(p -> p.customerId).containsExactly("c1", "c2");

        h.setProcessingTime(10 * INTERVAL);
        assertThat(emitted(h)).as("nothing changed, nothing emitted").hasSize(2);
        send(h, view("c1", D0 + 2 * HOUR));
        h.setProcessingTime(11 * INTERVAL);
        assertThat(emitted(h)).hasSize(3);
        assertThat(emitted(h).get(2).eventCount).isEqualTo(4);
    }

    @Test
    void withoutAnIntervalEveryChangeIsEmitted() throws Exception {
        var h = harness(0, null);
        send(h, view("c1", D0));
        send(h, view("c1", D0 + 1));
        assertThat(emitted(h)).extracting(p -> p.eventCount).containsExactly(1L, 2L);
        assertThat(emitted(h)).extracting(p -> p.version).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theDailyRefreshSlidesWindowsWithoutEvents() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, purchase("c1", D0 + 10 * HOUR, 25));
        h.setProcessingTime(INTERVAL);
        CustomerProfile first = emitted(h).get(0);
        assertThat(first.windows.d7.orders).isEqualTo(1);

        h.processWatermark(D0 + 7 * DAY); // seven midnights pass
        h.setProcessingTime(2 * INTERVAL);
        assertThat(emitted(h)).as("refreshes are coalesced too").hasSize(2);
        CustomerProfile refreshed = emitted(h).get(1);
        assertThat(refreshed.asOf).isEqualTo("2024-05-08T00:00:00Z");
        assertThat(refreshed.windows.d7.orders).isZero();
        assertThat(refreshed.windows.d30.orders).isEqualTo(1);
        assertThat(refreshed.orders.daysSinceLastPurchase).isEqualTo(6);
        assertThat(refreshed.version).isGreaterThan(first.version);
        assertThat(refreshed.eventCount).isEqualTo(1);
    }

    @Test
    void dailyRefreshesStopAfterNinetyOneDaysOfInactivity() throws Exception {
        var h = harness(0, null);
        send(h, purchase("c1", D0 + 10 * HOUR, 25));
        h.processWatermark(D0 + 400 * DAY);
        List<CustomerProfile> out = emitted(h);
        // the event, then one refresh per midnight while the last event is at most 91 days back: days 1..91
        assertThat(out).hasSize(1 + 91);
        CustomerProfile last = out.get(out.size() - 1);
        assertThat(last.asOf).isEqualTo(Instant.ofEpochMilli(D0 + 91 * DAY).toString());
        assertThat(last.windows.d90.orders).isZero();
        assertThat(last.orders.count).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();

        send(h, view("c1", D0 + 401 * DAY)); // a new event restarts them
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aLateEventIsCountedAndApplied() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, purchase("c1", D0 + 5 * DAY, 10));
        h.processWatermark(D0 + 5 * DAY);
        send(h, purchase("c1", D0 + 2 * DAY, 20)); // behind the watermark
        send(h, view("c1", D0 + 5 * DAY + 1)); // not late
        h.setProcessingTime(INTERVAL);
        CustomerProfile p = emitted(h).get(emitted(h).size() - 1);
        assertThat(p.lateEvents).isEqualTo(1);
        assertThat(h.getSideOutput(QualityTick.OUTPUT)).extracting(r -> r.getValue().kind + "@" + r.getValue().hour)
                .containsExactly("LATE@" + (D0 + 2 * DAY));
        assertThat(p.eventCount).isEqualTo(3);
        assertThat(p.orders.count).isEqualTo(2);
        assertThat(p.orders.revenue).isEqualTo(30.0);
        assertThat(p.windows.d7.revenue).isEqualTo(30.0);
    }

    List<CustomerEvent> day(String customer) {
        List<CustomerEvent> events = new ArrayList<>();
        events.add(ev(customer, EventType.PROFILE_UPDATE, D0 + 9 * HOUR, e -> {
            e.source = "web";
            e.name = "Web Name";
        }));
        events.add(ev(customer, EventType.PROFILE_UPDATE, D0 + 8 * HOUR, e -> {
            e.source = "crm";
            e.name = "Crm Name";
        }));
        events.add(view(customer, D0 + 10 * HOUR));
        events.add(ev(customer, EventType.ADD_TO_CART, D0 + 10 * HOUR + 5 * 60_000, e -> e.productId = "p"));
        events.add(view(customer, D0 + 10 * HOUR + 40 * 60_000));
        events.add(purchase(customer, D0 + 10 * HOUR + 20 * 60_000, 30));
        events.add(view(customer, D0 + 10 * HOUR + 20 * 60_000));
        events.add(ev(customer, EventType.SUPPORT_TICKET, D0 + 11 * HOUR, e -> {
            e.ticketId = "t";
            e.ticketStatus = "closed";
        }));
        events.add(ev(customer, EventType.SUPPORT_TICKET, D0 + 10 * HOUR, e -> e.ticketId = "t"));
        return events;
    }

    @Test
    void outOfOrderEventsGiveTheSameProfileAsInOrder() throws Exception {
        List<CustomerEvent> shuffled = day("c1");
        List<CustomerEvent> sorted = new ArrayList<>(shuffled);
        sorted.sort((a, b) -> Long.compare(a.timestamp, b.timestamp));

        var inOrder = harness(INTERVAL, null);
        var outOfOrder = harness(INTERVAL, null);
        for (int i = 0; i < sorted.size(); i++) {
            send(inOrder, sorted.get(i));
            send(outOfOrder, shuffled.get(i));
            // watermarks trail by two hours, so nothing is late
            inOrder.processWatermark(sorted.get(i).timestamp - 2 * HOUR);
            outOfOrder.processWatermark(sorted.get(i).timestamp - 2 * HOUR);
        }
        inOrder.setProcessingTime(INTERVAL);
        outOfOrder.setProcessingTime(INTERVAL);
        CustomerProfile a = emitted(inOrder).get(0);
        CustomerProfile b = emitted(outOfOrder).get(0);
        assertThat(b.lateEvents).isZero();
        JsonNode expected = ProfileStateTest.comparable(a);
        assertThat(ProfileStateTest.comparable(b)).isEqualTo(expected);
        assertThat(a.name).isEqualTo("Crm Name");
        assertThat(a.engagement.sessions).isEqualTo(1);
        assertThat(a.engagement.cartsConverted).isEqualTo(1);
        assertThat(a.support.openTickets).isZero();
    }

    @Test
    void rfmObservationsCarryPreviousAndCurrentFiguresOfBuyersOnly() throws Exception {
        var h = harness(0, null);
        send(h, view("c1", D0));
        assertThat(rfm(h)).as("not a buyer").isEmpty();
        send(h, purchase("c1", D0 + HOUR, 40));
        send(h, view("c1", D0 + 2 * HOUR));
        send(h, purchase("c1", D0 + 3 * DAY, 10));
        List<RfmObservation> obs = rfm(h);
        assertThat(obs).hasSize(2);
        int day0 = (int) (D0 / DAY);
        assertThat(obs.get(0).previous).isNull();
        assertThat(obs.get(0).current).isEqualTo(new RfmInputs(day0, 1, 40));
        assertThat(obs.get(1).previous).isEqualTo(new RfmInputs(day0, 1, 40));
        assertThat(obs.get(1).current).isEqualTo(new RfmInputs(day0 + 3, 2, 50));
    }

    @Test
    void anErasureForgetsTheCustomerAndLeavesTheirNextEventANewHistory() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, purchase("c1", D0, 40));
        send(h, purchase("c2", D0, 15));
        h.setProcessingTime(INTERVAL);
        send(h, view("c1", D0 + HOUR)); // its emission is pending when the erasure comes
        long erasedVersion = emitted(h).get(emitted(h).size() - 1).version;
        send(h, ev("c1", EventType.CUSTOMER_ERASURE, D0 + 2 * HOUR, e -> { }));

        CustomerProfile marker = emitted(h).get(emitted(h).size() - 1);
        assertThat(marker.erased).isTrue();
        assertThat(marker.customerId).isEqualTo("c1");
        assertThat(rfm(h)).last().satisfies(o -> {
            assertThat(o.previous).as("the buyer leaves the RFM population").isEqualTo(new RfmInputs((int) (D0 / DAY), 1, 40));
            assertThat(o.current).isNull();
        });
        int before = emitted(h).size();
        h.setProcessingTime(2 * INTERVAL);
        h.processWatermark(D0 + 3 * DAY);
        assertThat(emitted(h)).as("no pending write or daily refresh of the erased customer").hasSize(before);

        send(h, view("c1", D0 + 3 * DAY + HOUR));
        h.setProcessingTime(3 * INTERVAL);
        CustomerProfile fresh = emitted(h).get(emitted(h).size() - 1);
        assertThat(fresh.erased).isFalse();
        assertThat(fresh.eventCount).isEqualTo(1);
        assertThat(fresh.orders.count).isZero();
        assertThat(fresh.firstSeen).isEqualTo(Instant.ofEpochMilli(D0 + 3 * DAY + HOUR).toString());
        assertThat(fresh.version).as("above the erased history's versions, which Elasticsearch may still remember")
                .isGreaterThan(erasedVersion);
        int written = emitted(h).size();
        h.setProcessingTime(3 * INTERVAL + ProfileBuilder.ERASED_VERSIONS_KEPT);
        assertThat(emitted(h)).as("the floor's expiry is no write of the new history").hasSize(written);

        send(h, ev("c2", EventType.CUSTOMER_ERASURE, D0 + 4 * DAY, e -> { }));
        h.setProcessingTime(4 * INTERVAL + 2 * ProfileBuilder.ERASED_VERSIONS_KEPT);
        send(h, view("c2", D0 + 4 * DAY + HOUR));
        h.setProcessingTime(5 * INTERVAL + 2 * ProfileBuilder.ERASED_VERSIONS_KEPT);
        assertThat(emitted(h).get(emitted(h).size() - 1).version).as("long after the erasure versions start over")
                .isEqualTo(1L << 10);
    }

    @Test
    void stateAndPendingEmissionsSurviveSnapshotAndRestore() throws Exception {
        var h = harness(INTERVAL, null);
        send(h, purchase("c1", D0 + HOUR, 40));
        send(h, view("c1", D0 + 2 * HOUR));
        h.setProcessingTime(INTERVAL);
        long versionBefore = emitted(h).get(0).version;
        send(h, view("c1", D0 + 3 * HOUR)); // pending emission at the snapshot
        OperatorSubtaskState snapshot = h.snapshot(1, 1);

        var restored = harness(INTERVAL, snapshot);
        restored.setProcessingTime(2 * INTERVAL);
        assertThat(emitted(restored)).as("the pending emission is restored").hasSize(1);
        CustomerProfile p = emitted(restored).get(0);
        assertThat(p.eventCount).isEqualTo(3);
        assertThat(p.version).isGreaterThan(versionBefore);

        send(restored, purchase("c1", D0 + 4 * HOUR, 5));
        restored.setProcessingTime(4 * INTERVAL);
        CustomerProfile next = emitted(restored).get(1);
        assertThat(next.eventCount).isEqualTo(4);
        assertThat(next.version).isGreaterThan(p.version);
        assertThat(next.orders.count).isEqualTo(2);
        List<RfmObservation> obs = rfm(restored);
        assertThat(obs).hasSize(1);
        assertThat(obs.get(0).previous).as("the reported figures survived too").isEqualTo(new RfmInputs((int) (D0 / DAY), 1, 40));
    }

    @Test
    void refreshTimersSurviveSnapshotAndRestore() throws Exception {
        var h = harness(0, null);
        send(h, view("c1", D0 + HOUR));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        var restored = harness(0, snapshot);
        restored.processWatermark(D0 + DAY);
        assertThat(emitted(restored)).hasSize(1);
        assertThat(emitted(restored).get(0).asOf).isEqualTo("2024-05-02T00:00:00Z");
    }
}
