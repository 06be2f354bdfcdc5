package io.smartcrm.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.alert.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftDetectorTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final ShiftSettings SETTINGS = new ShiftSettings(HOUR, 24, 0.10, 0.25, 0.5, 0.15, 100, 20, 1, 2, 168);
    private static final String[] NAMES = {"loyal", "bargain", "window shoppers", "support", "dormant"};
    private static final double[] STABLE = {0.15, 0.20, 0.35, 0.15, 0.15};
    private static final double[] SURGE = {0.08, 0.11, 0.65, 0.08, 0.08};

    private final SplittableRandom rnd = new SplittableRandom(7);

    /** A window of {@code n} active customers drawn from {@code shares}, churn risk {@code churn} for everyone. */
    private WindowCounts window(long index, int n, double[] shares, double churn) {
        WindowCounts w = new WindowCounts(index * HOUR);
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            int s = 0;
            while (s < shares.length - 1 && u >= shares[s]) {
                u -= shares[s];
                s++;
            }
            SegmentActivity a = new SegmentActivity();
            a.segmentId = s;
            a.segmentName = NAMES[s];
            a.churn = Math.min(1, Math.max(0, churn + 0.1 * (rnd.nextDouble() - 0.5)));
            w.add(a);
        }
        return w;
    }

    @Test
    void aStableDistributionNeverAlertsEvenInSmallWindows() {
        ShiftDetector d = new ShiftDetector();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            alerts.addAll(d.onWindow(window(i, 100 + rnd.nextInt(400), STABLE, 0.2), SETTINGS));
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void aSurgeOpensOneAlertPerConditionUpdatesItAndResolvesWhenTheMixReturns() {
        ShiftDetector d = new ShiftDetector();
        for (int i = 0; i < 24; i++) {
            assertThat(d.onWindow(window(i, 500, STABLE, 0.2), SETTINGS)).isEmpty();
        }
        List<Alert> first = d.onWindow(window(24, 500, SURGE, 0.2), SETTINGS);
        Alert shift = first.stream().filter(a -> a.kind.equals(Alert.DISTRIBUTION_SHIFT)).findFirst().orElseThrow();
        assertThat(shift.state).isEqualTo(Alert.OPEN);
        assertThat(shift.severity).isEqualTo("major");
        assertThat(shift.psi).isGreaterThan(0.25);
        assertThat(shift.version).isEqualTo(1);
        assertThat(shift.id).isEqualTo("shift-19700102T0000Z");
        Alert share = first.stream().filter(a -> a.kind.equals(Alert.SEGMENT_SHARE) && a.segmentId == 2)
                .findFirst().orElseThrow();
        assertThat(share.explanation).startsWith("'window shoppers' grew from 35 % to ")
                .contains("of active customers in the hour ending 1970-01-02 01:00 UTC");

        List<Alert> second = d.onWindow(window(25, 500, SURGE, 0.2), SETTINGS);
        Alert updated = second.stream().filter(a -> a.id.equals(shift.id)).findFirst().orElseThrow();
        assertThat(updated.version).isEqualTo(2);
        assertThat(updated.windows).isEqualTo(2);
        assertThat(updated.openedAt).isEqualTo("1970-01-02T00:00:00Z");

        assertThat(d.onWindow(window(26, 500, STABLE, 0.2), SETTINGS)).as("one quiet window is not enough")
                .extracting(a -> a.id).doesNotContain(shift.id, share.id);
        List<Alert> resolved = d.onWindow(window(27, 500, STABLE, 0.2), SETTINGS);
        assertThat(resolved).extracting(a -> a.state).containsOnly(Alert.RESOLVED);
        assertThat(resolved).extracting(a -> a.id).contains(shift.id, share.id);
        assertThat(resolved.stream().filter(a -> a.id.equals(shift.id)).findFirst().orElseThrow().resolution)
                .isEqualTo("returned");
        assertThat(d.open).isEmpty();
    }

    @Test
    void theReferenceIsFrozenWhileAShiftLastsAndALastingShiftBecomesTheNewNormal() {
        ShiftSettings s = new ShiftSettings(HOUR, 24, 0.10, 0.25, 0.5, 0.15, 100, 20, 1, 2, 6);
        ShiftDetector d = new ShiftDetector();
        for (int i = 0; i < 24; i++) {
            d.onWindow(window(i, 500, STABLE, 0.2), s);
        }
        List<Alert> all = new ArrayList<>();
        for (int i = 24; i < 30; i++) {
            all.addAll(d.onWindow(window(i, 500, SURGE, 0.2), s));
        }
        Alert last = all.stream().filter(a -> a.kind.equals(Alert.DISTRIBUTION_SHIFT)).reduce((a, b) -> b).orElseThrow();
        assertThat(last.state).isEqualTo(Alert.RESOLVED);
        assertThat(last.resolution).isEqualTo("accepted as the new normal");
        assertThat(last.windows).isEqualTo(6);
        List<Alert> after = new ArrayList<>();
        for (int i = 30; i < 40; i++) {
            after.addAll(d.onWindow(window(i, 500, SURGE, 0.2), s));
        }
        assertThat(after).extracting(a -> a.kind).doesNotContain(Alert.DISTRIBUTION_SHIFT);
    }

    @Test
    void smallWindowsAreNotJudgedAndEmptySegmentsDivideByNothing() {
        ShiftDetector d = new ShiftDetector();
        for (int i = 0; i < 24; i++) {
            d.onWindow(window(i, 500, new double[] {0.5, 0.5, 0, 0, 0}, 0.2), SETTINGS);
        }
        assertThat(d.onWindow(window(24, 99, new double[] {0, 0, 1, 0, 0}, 0.2), SETTINGS)).isEmpty();
        List<Alert> alerts = d.onWindow(window(25, 500, new double[] {0.25, 0.25, 0.5, 0, 0}, 0.2), SETTINGS);
        assertThat(alerts).extracting(a -> a.kind).contains(Alert.DISTRIBUTION_SHIFT);
        assertThat(alerts).allSatisfy(a -> assertThat(a.psi == null || Double.isFinite(a.psi)).isTrue());
    }

    @Test
    void aRiseOfASegmentsMeanChurnRiskIsAnAlert() {
        ShiftDetector d = new ShiftDetector();
        for (int i = 0; i < 24; i++) {
            d.onWindow(window(i, 500, STABLE, 0.2), SETTINGS);
        }
        List<Alert> alerts = d.onWindow(window(24, 500, STABLE, 0.6), SETTINGS);
        assertThat(alerts).extracting(a -> a.kind).containsOnly(Alert.SEGMENT_CHURN);
        assertThat(alerts).hasSize(NAMES.length);
        assertThat(alerts.get(0).severity).isEqualTo("major");
        assertThat(alerts.get(0).explanation).startsWith("Mean churn risk in 'loyal' rose from 0.20 to 0.60");
    }

    @Test
    void withOpenAfterTwoAOneWindowSpikeIsSilentAndALastingShiftOpensDatedFromItsFirstWindow() {
        ShiftSettings s = new ShiftSettings(HOUR, 24, 0.10, 0.25, 0.5, 0.15, 100, 20, 2, 2, 168);
        ShiftDetector d = new ShiftDetector();
        for (int i = 0; i < 24; i++) {
            d.onWindow(window(i, 500, STABLE, 0.2), s);
        }
        assertThat(d.onWindow(window(24, 500, SURGE, 0.2), s)).as("one window").isEmpty();
        assertThat(d.onWindow(window(25, 500, STABLE, 0.2), s)).as("the spike is gone, nothing to resolve").isEmpty();
        assertThat(d.open).isEmpty();
        assertThat(d.onWindow(window(26, 500, SURGE, 0.2), s)).isEmpty();
        List<Alert> opened = d.onWindow(window(27, 500, SURGE, 0.2), s);
        Alert shift = opened.stream().filter(a -> a.kind.equals(Alert.DISTRIBUTION_SHIFT)).findFirst().orElseThrow();
        assertThat(shift.version).isEqualTo(1);
        assertThat(shift.windows).isEqualTo(2);
        assertThat(shift.openedAt).isEqualTo("1970-01-02T02:00:00Z");
    }

    @Test
    void chiSquareQuantilesAreClose() {
        assertThat(ShiftDetector.chiSquare999(4)).isCloseTo(18.47, org.assertj.core.data.Offset.offset(0.4));
        assertThat(ShiftDetector.chiSquare999(10)).isCloseTo(29.59, org.assertj.core.data.Offset.offset(0.4));
    }
}
