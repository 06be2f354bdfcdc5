package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One published version of the online K-means segmentation, as broadcast to the scorer and indexed in
 * {@code crm-models}: the feature scaling, and per segment its stable id, name, weight and centroid (in
 * standardized units, so each coordinate is the centroid's z-score on that feature).
 */
public class SegmentModel implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String MODEL = "segments";
    public static final String KIND = "kmeans";

    public String model = MODEL;
    public String kind = KIND;
    public long version;
    public String createdAt;
    /** ready once the centroids are initialised. */
    public String status;
    public long points;
    /** Mean squared distance of recent points to their nearest centroid, measured before learning from them. */
    public Double inertia;
    public int inertiaWindow;
    public Map<String, Object> params;
    public List<FeatureScale> features = new ArrayList<>();
    public List<Segment> segments = new ArrayList<>();

    public static class Segment implements Serializable {
        private static final long serialVersionUID = 1L;
        public int id;
        public String name;
        /** Decayed number of points the centroid has absorbed. */
        public double weight;
        /** How many of the last {@code inertiaWindow} points were nearest to it (the segment's current size share). */
        public long recentPoints;
        public double[] centroid;
    }

    /** The nearest segment to {@code f} and the Euclidean distance to it in standardized units. */
    public Assignment assign(FeatureValues f) {
        double[] x = FeatureScale.vector(features, f);
        Segment best = null;
        double bestSq = Double.POSITIVE_INFINITY;
        for (Segment s : segments) {
            double sq = 0;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - s.centroid[i];
                sq += d * d;
            }
            if (sq < bestSq) {
                bestSq = sq;
                best = s;
            }
        }
        return best == null ? null : new Assignment(best, Math.sqrt(bestSq));
    }

    public record Assignment(Segment segment, double distance) {}

    public boolean ready() {
        return ClassifierModel.READY.equals(status) && !segments.isEmpty();
    }
}
