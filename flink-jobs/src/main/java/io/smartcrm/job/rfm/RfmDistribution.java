package io.smartcrm.job.rfm;

import io.smartcrm.model.profile.CustomerProfile;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of the buyer population that scores R, F and M from 1 to 5 by quintile: a value's
 * mid-rank percentile p = (buyers below + half the buyers equal) / buyers gives score 1 + min(4, ⌊5p⌋). Ties
 * share a score, so a large group of one-order buyers does not straddle two quintiles at random.
 */
public class RfmDistribution {
    public long version;
    public long buyers;
    public Histogram recency;
    public Histogram frequency;
    public Histogram monetary;

    public RfmDistribution() {}

    RfmDistribution(long version, long buyers, Histogram recency, Histogram frequency, Histogram monetary) {
        this.version = version;
        this.buyers = buyers;
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
    }

    /** Scores a buyer; null for a non-buyer or an empty population. */
    public CustomerProfile.Rfm score(RfmInputs in) {
        if (in == null || buyers <= 0) {
            return null;
        }
        CustomerProfile.Rfm rfm = new CustomerProfile.Rfm();
        rfm.recency = quintile(recency.percentile(in.lastPurchaseDay));
        rfm.frequency = quintile(frequency.percentile(in.orders));
        rfm.monetary = quintile(monetary.percentile(RfmPopulation.monetaryBin(in.monetary)));
        rfm.code = "" + rfm.recency + rfm.frequency + rfm.monetary;
        return rfm;
    }

    static int quintile(double percentile) {
        return 1 + Math.min(4, Math.max(0, (int) Math.floor(percentile * 5)));
    }

    /** Sorted keys with cumulative counts, for percentile look-ups by binary search. */
    public static class Histogram {
        public long[] keys;
        /** cumulative[i] = count of all keys ≤ keys[i]. */
        public long[] cumulative;

        public Histogram() {}

        static <K extends Number> Histogram of(TreeMap<K, Long> counts) {
            Histogram h = new Histogram();
            h.keys = new long[counts.size()];
            h.cumulative = new long[counts.size()];
            int i = 0;
            long sum = 0;
            for (Map.Entry<K, Long> e : counts.entrySet()) {
                sum += e.getValue();
                h.keys[i] = e.getKey().longValue();
                h.cumulative[i++] = sum;
            }
            return h;
        }

        double percentile(long value) {
            int n = keys.length;
            if (n == 0) {
                return 0.5;
            }
            long total = cumulative[n - 1];
            int i = Arrays.binarySearch(keys, value);
            long below;
            long equal;
            if (i >= 0) {
                below = i == 0 ? 0 : cumulative[i - 1];
                equal = cumulative[i] - below;
            } else {
                int insertion = -i - 1;
                below = insertion == 0 ? 0 : cumulative[insertion - 1];
                equal = 0;
            }
            return (below + equal / 2.0) / total;
        }
    }
}
