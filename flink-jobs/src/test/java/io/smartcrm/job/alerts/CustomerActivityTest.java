package io.smartcrm.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.models.ScoredProfile;
import io.smartcrm.model.profile.CustomerProfile;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CustomerActivityTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();

    private static ScoredProfile profile(long lastActivity, Integer segment, double churn) {
        CustomerProfile p = new CustomerProfile();
        p.customerId = "c1";
        p.asOf = Instant.ofEpochMilli(lastActivity).toString();
        p.engagement.lastActivityAt = Instant.ofEpochMilli(lastActivity).toString();
        p.country = "DE";
        if (segment != null) {
            p.segment = new CustomerProfile.Segment();
            p.segment.id = segment;
            p.segment.name = "segment " + segment;
        }
        p.churn = new CustomerProfile.Score();
        p.churn.probability = churn;
        return new ScoredProfile(p);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredProfile, SegmentActivity> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CustomerActivity(HOUR),
                s -> s.profile.customerId, Types.STRING);
    }

    @Test
    void oneRecordPerActiveWindowWithTheLastStateWhenTheWatermarkPassesItsEnd() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(profile(T0 + 60_000, 1, 0.1), T0 + 60_000));
            h.processElement(new StreamRecord<>(profile(T0 + 120_000, 1, 0.3), T0 + 120_000));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(T0 + HOUR - 2);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(T0 + HOUR);
            List<SegmentActivity> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).time).isEqualTo(T0);
            assertThat(out.get(0).moved).isFalse();
            assertThat(out.get(0).churn).isEqualTo(0.3);
            assertThat(out.get(0).field("country")).isEqualTo("DE");
        }
    }

    @Test
    void aWriteWithoutNewActivityDoesNotCountTheCustomerAgain() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(profile(T0, 1, 0.1), T0));
            h.processWatermark(T0 + 2 * HOUR);
            h.processElement(new StreamRecord<>(profile(T0, 1, 0.2), T0 + 2 * HOUR));
            h.processWatermark(T0 + 4 * HOUR);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void activityInALaterWindowEmitsTheEarlierOneAtOnce() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(profile(T0, 1, 0.1), T0));
            h.processElement(new StreamRecord<>(profile(T0 + HOUR + 5, 1, 0.2), T0 + HOUR + 5));
            assertThat(h.extractOutputValues()).extracting(a -> a.time).containsExactly(T0);
            h.processWatermark(T0 + 3 * HOUR);
            assertThat(h.extractOutputValues()).extracting(a -> a.time).containsExactly(T0, T0 + HOUR);
        }
    }

    @Test
    void aSegmentChangeIsAMoveAtOnce() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(profile(T0, null, 0.1), T0));
            h.processElement(new StreamRecord<>(profile(T0 + 1, 2, 0.1), T0 + 1));
            assertThat(h.extractOutputValues()).as("the first segment is no move").isEmpty();
            h.processElement(new StreamRecord<>(profile(T0 + 2, 4, 0.1), T0 + 2));
            List<SegmentActivity> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).moved).isTrue();
            assertThat(out.get(0).previousSegmentId).isEqualTo(2);
            assertThat(out.get(0).segmentId).isEqualTo(4);
            assertThat(out.get(0).time).isEqualTo(T0 + 2);
        }
    }
}
