package io.smartcrm.job.alerts;

import io.smartcrm.model.alert.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares each closed window's segment distribution of active customers with a reference, the pooled trailing
 * judged windows, and keeps one {@link OngoingAlert} per condition:
 * <ul>
 *   <li>{@code distribution_shift}: population stability index PSI = Σ (p − q)·ln(p / q) over segments, with
 *       shares smoothed by half a customer so empty segments divide by nothing; minor from {@code psiMinor},
 *       major from {@code psiMajor}. It must also exceed what sampling noise gives once in a thousand windows:
 *       n·PSI is about χ²(k − 1) for an unchanged distribution (n = 1 / (1/N + 1/M)), so PSI must reach the
 *       0.999 quantile of χ²(k − 1) divided by n;</li>
 *   <li>{@code segment_share}: a segment's share changed by the factor {@code 1 + shareChange} (up or down),
 *       by at least {@value ShiftSettings#MIN_SHARE_POINTS} in absolute terms, with a two-proportion z of at least
 *       {@value ShiftSettings#Z_CRITICAL}; the segment must have {@code minSegmentCustomers} in the window or per
 *       reference window;</li>
 *   <li>{@code segment_churn}: a segment's mean churn risk rose by {@code churnChange}, with Welch's z of at least
 *       {@value ShiftSettings#Z_CRITICAL}, over at least {@code minSegmentCustomers} scored customers on both
 *       sides.</li>
 * </ul>
 * A condition is published once it held in {@code openAfter} consecutive judged windows (opened at the first),
 * so a one-window spike never alerts. Windows with fewer than {@code minCustomers} active segmented customers
 * are not judged. While a distribution or
 * share alert is open the reference is frozen, so a lasting shift keeps its alert open until the distribution
 * returns, or until {@code maxOpenWindows}, when it is resolved as the new normal and the windows since become
 * the reference. Segments are compared by their stable ids, whatever the model names them now; a lasting
 * change of the model's own segments (as it learns) is such a shift too, and is accepted the same way.
 */
public class ShiftDetector {
    static final String DISTRIBUTION = "shift";
    static final String SHARE = "share-";
    static final String CHURN = "churn-";

    /** Judged windows pooled into the reference, oldest first. */
    public List<WindowCounts> reference = new ArrayList<>();
    /** Judged windows since the reference was frozen, oldest first. */
    public List<WindowCounts> recent = new ArrayList<>();
    /** Open alerts by condition key. */
    public Map<String, OngoingAlert> open = new HashMap<>();

    public ShiftDetector() {}

    /** Judges a closed window; returns the alerts opened, updated or resolved by it. */
    public List<Alert> onWindow(WindowCounts window, ShiftSettings s) {
        long n = window.total();
        if (n < s.minCustomers()) {
            return List.of();
        }
        if (reference.size() < ShiftSettings.MIN_REFERENCE_WINDOWS) {
            reference.add(window);
            return List.of();
        }
        Map<Integer, SegmentStats> pooled = pool(reference);
        long m = 0;
        for (SegmentStats r : pooled.values()) {
            m += r.customers;
        }
        Context c = new Context(window, pooled, n, m, s);
        Map<String, Alert> held = new LinkedHashMap<>();
        Alert shift = c.distributionShift();
        if (shift != null) {
            held.put(DISTRIBUTION, shift);
        }
        for (int id : c.segmentIds) {
            Alert share = c.shareChange(id);
            if (share != null) {
                held.put(SHARE + id, share);
            }
            Alert churn = c.churnRise(id);
            if (churn != null) {
                held.put(CHURN + id, churn);
            }
        }
        List<Alert> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(open.keySet());
        keys.addAll(held.keySet());
        for (String key : keys) {
            Alert current = held.get(key);
            OngoingAlert ongoing = open.get(key);
            if (current != null) {
                OngoingAlert o = OngoingAlert.held(ongoing, key, current, window.windowStart);
                open.put(key, o);
                if (o.alert.windows < s.openAfter()) {
                    continue;
                }
                if (o.alert.windows >= s.maxOpenWindows()) {
                    changes.add(o.resolve(c.start, c.end, "accepted as the new normal",
                            "Accepted as the new normal after " + o.alert.windows + " windows: " + current.explanation));
                    open.remove(key);
                    rebaseline();
                } else {
                    changes.add(o.published());
                }
            } else if (!ongoing.isPublished()) {
                open.remove(key);
            } else {
                Alert resolved = ongoing.quietWindow(s.resolveAfter(), c.start, c.end, c.returned(key));
                if (resolved != null) {
                    changes.add(resolved);
                    open.remove(key);
                }
            }
        }
        boolean frozen = open.keySet().stream().anyMatch(k -> !k.startsWith(CHURN));
        if (frozen) {
            recent.add(window);
            trim(recent, s.referenceWindows());
        } else {
            reference.add(window);
            trim(reference, s.referenceWindows());
            recent.clear();
        }
        return changes;
    }

    private void rebaseline() {
        if (recent.size() >= ShiftSettings.MIN_REFERENCE_WINDOWS) {
            reference = new ArrayList<>(recent);
        }
        recent.clear();
    }

    private static void trim(List<WindowCounts> windows, int max) {
        while (windows.size() > max) {
            windows.remove(0);
        }
    }

    private static Map<Integer, SegmentStats> pool(List<WindowCounts> windows) {
        Map<Integer, SegmentStats> pooled = new HashMap<>();
        for (WindowCounts w : windows) {
            w.segments.forEach((id, st) -> pooled.computeIfAbsent(id, k -> new SegmentStats()).add(st));
        }
        return pooled;
    }

    /** 0.999 quantile of χ²(df), Wilson–Hilferty approximation (within 2 % for df ≥ 2). */
    static double chiSquare999(int df) {
        double z = 3.0902;
        double a = 2.0 / (9.0 * df);
        double t = 1 - a + z * Math.sqrt(a);
        return df * t * t * t;
    }

    /** The comparison of one window with the pooled reference. */
    private final class Context {
        final WindowCounts window;
        final Map<Integer, SegmentStats> pooled;
        final long n;
        final long m;
        final ShiftSettings s;
        final TreeSet<Integer> segmentIds = new TreeSet<>();
        final String start;
        final String end;
        final int referenceWindows;

        Context(WindowCounts window, Map<Integer, SegmentStats> pooled, long n, long m, ShiftSettings s) {
            this.window = window;
            this.pooled = pooled;
            this.n = n;
            this.m = m;
            this.s = s;
            segmentIds.addAll(pooled.keySet());
            segmentIds.addAll(window.segments.keySet());
            start = Instant.ofEpochMilli(window.windowStart).toString();
            end = Instant.ofEpochMilli(window.windowStart + s.windowMillis()).toString();
            referenceWindows = reference.size();
        }

        long count(Map<Integer, SegmentStats> m, int id) {
            SegmentStats st = m.get(id);
            return st == null ? 0 : st.customers;
        }

        String name(int id) {
            SegmentStats st = window.segments.get(id);
            if (st == null || st.name == null) {
                st = pooled.get(id);
            }
            return st == null || st.name == null ? "segment " + id : st.name;
        }

        double smoothed(long count, long total) {
            return (count + 0.5) / (total + 0.5 * segmentIds.size());
        }

        double psi() {
            double psi = 0;
            for (int id : segmentIds) {
                double p = smoothed(count(window.segments, id), n);
                double q = smoothed(count(pooled, id), m);
                psi += (p - q) * Math.log(p / q);
            }
            return psi;
        }

        Alert base(String kind) {
            Alert a = new Alert();
            a.kind = kind;
            a.windowStart = start;
            a.windowEnd = end;
            return a;
        }

        Alert distributionShift() {
            double psi = psi();
            double effectiveN = 1.0 / (1.0 / n + 1.0 / m);
            double noise = chiSquare999(Math.max(1, segmentIds.size() - 1)) / effectiveN;
            if (psi < s.psiMinor() || psi < noise) {
                return null;
            }
            Alert a = base(Alert.DISTRIBUTION_SHIFT);
            a.severity = psi >= s.psiMajor() ? "major" : "minor";
            a.psi = round(psi);
            a.threshold = s.psiMinor();
            a.beforeCount = m;
            a.afterCount = n;
            a.shares = new ArrayList<>();
            for (int id : segmentIds) {
                a.shares.add(new Alert.Share(id, name(id), round(count(pooled, id) / (double) m),
                        round(count(window.segments, id) / (double) n), count(window.segments, id)));
            }
            List<Alert.Share> moved = new ArrayList<>(a.shares);
            moved.sort(Comparator.comparingDouble((Alert.Share x) -> -Math.abs(x.after - x.before)));
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "The segment mix of active customers shifted (PSI %.2f, %s)", psi, a.severity));
            for (int i = 0; i < Math.min(2, moved.size()); i++) {
                Alert.Share x = moved.get(i);
                text.append(i == 0 ? ": " : ", ").append(String.format(Locale.ROOT, "'%s' %s → %s",
                        x.segmentName, percent(x.before), percent(x.after)));
            }
            a.explanation = text.append(' ').append(when()).toString();
            return a;
        }

        Alert shareChange(int id) {
            long c = count(window.segments, id);
            long r = count(pooled, id);
            if (c < s.minSegmentCustomers() && r < (long) s.minSegmentCustomers() * referenceWindows) {
                return null;
            }
            double after = c / (double) n;
            double before = r / (double) m;
            double ratio = smoothed(c, n) / smoothed(r, m);
            double factor = 1 + s.shareChange();
            double pooledShare = (c + r) / (double) (n + m);
            double se = Math.sqrt(pooledShare * (1 - pooledShare) * (1.0 / n + 1.0 / m));
            boolean changed = ratio >= factor || ratio <= 1 / factor;
            if (!changed || Math.abs(after - before) < ShiftSettings.MIN_SHARE_POINTS || se == 0
                    || Math.abs(after - before) / se < ShiftSettings.Z_CRITICAL) {
                return null;
            }
            double major = 1 + 2 * s.shareChange();
            Alert a = base(Alert.SEGMENT_SHARE);
            a.severity = ratio >= major || ratio <= 1 / major ? "major" : "minor";
            a.segmentId = id;
            a.segmentName = name(id);
            a.before = round(before);
            a.after = round(after);
            a.beforeCount = r;
            a.afterCount = c;
            a.threshold = s.shareChange();
            a.explanation = String.format(Locale.ROOT, "'%s' %s from %s to %s of active customers %s",
                    a.segmentName, after > before ? "grew" : "shrank", percent(before), percent(after), when());
            return a;
        }

        Alert churnRise(int id) {
            SegmentStats cur = window.segments.get(id);
            SegmentStats ref = pooled.get(id);
            if (cur == null || ref == null || cur.churnScored < s.minSegmentCustomers()
                    || ref.churnScored < s.minSegmentCustomers()) {
                return null;
            }
            double after = cur.churnMean();
            double before = ref.churnMean();
            double se = Math.sqrt(cur.churnVariance() / cur.churnScored + ref.churnVariance() / ref.churnScored);
            double rise = after - before;
            if (rise < s.churnChange() || se == 0 || rise / se < ShiftSettings.Z_CRITICAL) {
                return null;
            }
            Alert a = base(Alert.SEGMENT_CHURN);
            a.severity = rise >= 2 * s.churnChange() ? "major" : "minor";
            a.segmentId = id;
            a.segmentName = name(id);
            a.before = round(before);
            a.after = round(after);
            a.beforeCount = ref.churnScored;
            a.afterCount = cur.churnScored;
            a.threshold = s.churnChange();
            a.explanation = String.format(Locale.ROOT, "Mean churn risk in '%s' rose from %.2f to %.2f %s",
                    a.segmentName, before, after, when());
            return a;
        }

        String returned(String key) {
            if (key.equals(DISTRIBUTION)) {
                return String.format(Locale.ROOT, "Resolved: the segment mix returned to its reference (PSI %.2f) %s",
                        psi(), when());
            }
            int id = Integer.parseInt(key.substring(key.indexOf('-') + 1));
            if (key.startsWith(SHARE)) {
                return String.format(Locale.ROOT, "Resolved: '%s' is back at %s of active customers (reference %s) %s",
                        name(id), percent(count(window.segments, id) / (double) n),
                        percent(count(pooled, id) / (double) m), when());
            }
            return String.format(Locale.ROOT, "Resolved: mean churn risk in '%s' is back near its reference %s",
                    name(id), when());
        }

        String when() {
            return "in the " + Durations.windowName(s.windowMillis()) + " ending "
                    + Durations.minute(window.windowStart + s.windowMillis())
                    + " (reference: the " + referenceWindows + " windows before)";
        }
    }

    static String percent(double share) {
        double p = share * 100;
        return p < 10 && Math.abs(p - Math.round(p)) > 0.05
                ? String.format(Locale.ROOT, "%.1f %%", p) : String.format(Locale.ROOT, "%.0f %%", p);
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
