package io.smartcrm.job.rfm;

import java.util.Map;
import java.util.TreeMap;

/**
 * The current population of buyers as three histograms: last-purchase day (exact), order count (exact) and net
 * revenue in logarithmic bins of ~5 % width. Each buyer is counted once: an update removes its previous figures.
 */
public class RfmPopulation {
    /** Bins per unit of log1p(|revenue|): bins are ~5 % wide. */
    static final double MONETARY_BINS_PER_LOG = 20.0;

    public TreeMap<Integer, Long> recency = new TreeMap<>();
    public TreeMap<Long, Long> frequency = new TreeMap<>();
    public TreeMap<Integer, Long> monetary = new TreeMap<>();
    public long buyers;

    public RfmPopulation() {}

    public void apply(RfmObservation o) {
        if (o.previous != null) {
            add(o.previous, -1);
        }
        if (o.current != null) {
            add(o.current, 1);
        }
    }

    private void add(RfmInputs in, long delta) {
        buyers += delta;
        bump(recency, in.lastPurchaseDay, delta);
        bump(frequency, in.orders, delta);
        bump(monetary, monetaryBin(in.monetary), delta);
    }

    private static <K> void bump(Map<K, Long> histogram, K key, long delta) {
        histogram.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    static int monetaryBin(double revenue) {
        return (int) Math.floor(Math.signum(revenue) * Math.log1p(Math.abs(revenue)) * MONETARY_BINS_PER_LOG);
    }

    public RfmDistribution snapshot(long version) {
        return new RfmDistribution(version, buyers, RfmDistribution.Histogram.of(recency),
                RfmDistribution.Histogram.of(frequency), RfmDistribution.Histogram.of(monetary));
    }
}
