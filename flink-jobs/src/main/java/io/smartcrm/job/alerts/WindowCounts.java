package io.smartcrm.job.alerts;

import io.smartcrm.model.alert.SegmentSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One window's segment statistics, by stable segment id; customers without a segment yet are left out. */
public class WindowCounts {
    public long windowStart;
    public Map<Integer, SegmentStats> segments = new TreeMap<>();

    public WindowCounts() {}

    public WindowCounts(long windowStart) {
        this.windowStart = windowStart;
    }

    void add(SegmentActivity a) {
        if (a.moved) {
            segment(a.segmentId, a.segmentName).movedIn++;
            if (a.previousSegmentId != null) {
                segment(a.previousSegmentId, a.previousSegmentName).movedOut++;
            }
        } else if (a.segmentId != null) {
            segment(a.segmentId, a.segmentName).addActive(a);
        }
    }

    private SegmentStats segment(int id, String name) {
        SegmentStats s = segments.computeIfAbsent(id, k -> new SegmentStats());
        if (s.name == null) {
            s.name = name;
        }
        return s;
    }

    /** Active segmented customers in the window. */
    long total() {
        long n = 0;
        for (SegmentStats s : segments.values()) {
            n += s.customers;
        }
        return n;
    }

    /** One snapshot document per segment seen in the window. */
    List<SegmentSnapshot> snapshots(long windowMillis) {
        long total = total();
        List<SegmentSnapshot> docs = new ArrayList<>();
        for (Map.Entry<Integer, SegmentStats> e : segments.entrySet()) {
            SegmentStats s = e.getValue();
            SegmentSnapshot d = new SegmentSnapshot();
            d.windowStart = Instant.ofEpochMilli(windowStart).toString();
            d.windowEnd = Instant.ofEpochMilli(windowStart + windowMillis).toString();
            d.segmentId = e.getKey();
            d.segmentName = s.name;
            d.modelVersion = s.modelVersion;
            d.customers = s.customers;
            d.activeCustomers = total;
            d.share = total == 0 ? 0 : s.customers / (double) total;
            d.movedIn = s.movedIn;
            d.movedOut = s.movedOut;
            d.churnMean = s.churnMean();
            d.churnScored = s.churnScored;
            d.propensityMean = SegmentStats.mean(s.propensitySum, s.propensityScored);
            d.propensityScored = s.propensityScored;
            d.buyers = s.buyers;
            d.recencyDays = SegmentStats.mean(s.recencySum, s.buyers);
            d.frequency = SegmentStats.mean(s.frequencySum, s.buyers);
            d.monetary = SegmentStats.mean(s.monetarySum, s.buyers);
            d.rfmRecency = SegmentStats.mean(s.rfmRecencySum, s.rfmScored);
            d.rfmFrequency = SegmentStats.mean(s.rfmFrequencySum, s.rfmScored);
            d.rfmMonetary = SegmentStats.mean(s.rfmMonetarySum, s.rfmScored);
            docs.add(d);
        }
        return docs;
    }
}
