package io.smartcrm.job.alerts;

/** Sums over one segment's active customers in one window: enough for counts, shares, means and variances. */
public class SegmentStats {
    public String name;
    public Long modelVersion;
    public long customers;
    public long movedIn;
    public long movedOut;
    public long churnScored;
    public double churnSum;
    public double churnSquares;
    public long propensityScored;
    public double propensitySum;
    public long buyers;
    public double recencySum;
    public double frequencySum;
    public double monetarySum;
    public long rfmScored;
    public double rfmRecencySum;
    public double rfmFrequencySum;
    public double rfmMonetarySum;

    public SegmentStats() {}

    void addActive(SegmentActivity a) {
        name = a.segmentName;
        if (a.modelVersion != null && (modelVersion == null || a.modelVersion > modelVersion)) {
            modelVersion = a.modelVersion;
        }
        customers++;
        if (a.churn != null) {
            churnScored++;
            churnSum += a.churn;
            churnSquares += a.churn * a.churn;
        }
        if (a.propensity != null) {
            propensityScored++;
            propensitySum += a.propensity;
        }
        if (a.orders > 0) {
            buyers++;
            frequencySum += a.orders;
            monetarySum += a.revenue;
            if (a.daysSinceLastPurchase != null) {
                recencySum += a.daysSinceLastPurchase;
            }
        }
        if (a.rfmRecency != null) {
            rfmScored++;
            rfmRecencySum += a.rfmRecency;
            rfmFrequencySum += a.rfmFrequency;
            rfmMonetarySum += a.rfmMonetary;
        }
    }

    /** Adds another window's sums (pooling a reference). */
    void add(SegmentStats o) {
        if (o.name != null) {
            name = o.name;
        }
        customers += o.customers;
        movedIn += o.movedIn;
        movedOut += o.movedOut;
        churnScored += o.churnScored;
        churnSum += o.churnSum;
        churnSquares += o.churnSquares;
        propensityScored += o.propensityScored;
        propensitySum += o.propensitySum;
        buyers += o.buyers;
        recencySum += o.recencySum;
        frequencySum += o.frequencySum;
        monetarySum += o.monetarySum;
        rfmScored += o.rfmScored;
        rfmRecencySum += o.rfmRecencySum;
        rfmFrequencySum += o.rfmFrequencySum;
        rfmMonetarySum += o.rfmMonetarySum;
    }

    Double churnMean() {
        return churnScored == 0 ? null : churnSum / churnScored;
    }

    double churnVariance() {
        if (churnScored < 2) {
            return 0;
        }
        double mean = churnSum / churnScored;
        return Math.max(0, (churnSquares - churnScored * mean * mean) / (churnScored - 1));
    }

    static Double mean(double sum, long n) {
        return n == 0 ? null : sum / n;
    }
}
