package io.smartcrm.job.models;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the online K-means, named as in Flink ML's {@code OnlineKMeans} (k, decayFactor,
 * globalBatchSize, seed), plus the features it clusters on and how many recent points its inertia covers.
 */
public record SegmentSettings(int k, double decayFactor, int globalBatchSize, long seed, List<String> features,
                              int inertiaWindow) implements Serializable {

    public SegmentSettings {
        if (k < 2 || !(decayFactor >= 0 && decayFactor <= 1) || globalBatchSize < 1 || inertiaWindow < 1) {
            throw new IllegalArgumentException("K-means needs k >= 2, decayFactor in [0, 1], globalBatchSize >= 1");
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("K-means needs at least one feature");
        }
        features = List.copyOf(features);
    }

    Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("k", k);
        p.put("decayFactor", decayFactor);
        p.put("globalBatchSize", globalBatchSize);
        p.put("seed", seed);
        return p;
    }
}
