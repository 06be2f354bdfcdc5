package io.smartcrm.job.models;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.learn.CentroidMatcher;
import io.smartcrm.learn.OnlineKMeans;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning state of the segmentation: feature moments, online K-means, recent inertia and the ids of the
 * last published centroids. Every {@code globalBatchSize} points the moments learn first, the centroids are
 * re-expressed in the new scaling, the batch's distances to them are recorded (inertia), then K-means
 * updates. Publishing matches the centroids to the previously published ones by minimum total distance, so a
 * segment id keeps its meaning across versions.
 */
public class SegmentTrainer implements Serializable {
    private static final long serialVersionUID = 1L;

    public FeatureSpace space;
    public OnlineKMeans kmeans;
    public ArrayList<FeatureValues> batch = new ArrayList<>();
    /** The scaling the K-means centroids are expressed in. */
    public ArrayList<FeatureScale> scales;
    public double[] recentSquaredDistances;
    /** Centroid index of each of the recent points, aligned with {@link #recentSquaredDistances}. */
    public int[] recentCentroids;
    public int recentCount;
    public int recentNext;
    /** Last published centroids, in raw feature units, and their segment ids. */
    public double[][] publishedRaw;
    public int[] publishedIds;
    public long version;
    public boolean changed;

    public SegmentTrainer() {}

    public SegmentTrainer(SegmentSettings s) {
        space = new FeatureSpace(false, 1);
        FeatureValues declared = new FeatureValues();
        s.features().forEach(n -> declared.numeric.put(n, 0.0));
        space.declare(declared);
        kmeans = new OnlineKMeans(s.k(), s.decayFactor(), s.seed());
        recentSquaredDistances = new double[s.inertiaWindow()];
        recentCentroids = new int[s.inertiaWindow()];
    }

    /** Adds one point; true when a mini-batch was learned. */
    public boolean learn(FeatureValues point, SegmentSettings s) {
        batch.add(point.select(s.features()));
        if (batch.size() < s.globalBatchSize()) {
            return false;
        }
        batch.forEach(space::observe);
        List<FeatureScale> next = space.scales();
        if (kmeans.initialized()) {
            kmeans.setCentroids(rescale(kmeans.centroids(), scales, next));
        }
        List<double[]> xs = new ArrayList<>(batch.size());
        for (FeatureValues f : batch) {
            double[] x = FeatureScale.vector(next, f);
            if (kmeans.initialized()) {
                int nearest = kmeans.nearest(x);
                double d = kmeans.distance(x, nearest);
                recentSquaredDistances[recentNext] = d * d;
                recentCentroids[recentNext] = nearest;
                recentNext = (recentNext + 1) % recentSquaredDistances.length;
                recentCount = Math.min(recentCount + 1, recentSquaredDistances.length);
            }
            xs.add(x);
        }
        kmeans.update(xs);
        scales = new ArrayList<>(next);
        batch.clear();
        changed = true;
        return true;
    }

    /** The next model version; null while the centroids are not initialised. */
    public SegmentModel publish(long nowMillis, SegmentSettings s) {
        if (!kmeans.initialized()) {
            return null;
        }
        version++;
        changed = false;
        double[][] centroids = kmeans.centroids();
        int[] ids = new int[centroids.length];
        if (publishedRaw == null) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i + 1;
            }
        } else {
            int[] previous = CentroidMatcher.match(toScaled(publishedRaw, scales), centroids);
            for (int j = 0; j < ids.length; j++) {
                ids[j] = publishedIds[previous[j]];
            }
        }
        publishedRaw = toRaw(centroids, scales);
        publishedIds = ids;

        SegmentModel m = new SegmentModel();
        m.version = version;
        m.createdAt = Instant.ofEpochMilli(nowMillis).toString();
        m.status = ClassifierModel.READY;
        m.points = kmeans.points();
        m.inertiaWindow = recentSquaredDistances.length;
        if (recentCount > 0) {
            double sum = 0;
            for (int i = 0; i < recentCount; i++) {
                sum += recentSquaredDistances[i];
            }
            m.inertia = sum / recentCount;
        }
        m.params = s.params();
        m.features = new ArrayList<>(scales);
        String[] names = SegmentNames.of(s.features(), centroids, ids);
        double[] weights = kmeans.weights();
        long[] recent = new long[centroids.length];
        for (int i = 0; i < recentCount; i++) {
            recent[recentCentroids[i]]++;
        }
        for (int i = 0; i < centroids.length; i++) {
            SegmentModel.Segment seg = new SegmentModel.Segment();
            seg.id = ids[i];
            seg.name = names[i];
            seg.weight = weights[i];
            seg.recentPoints = recent[i];
            seg.centroid = centroids[i];
            m.segments.add(seg);
        }
        m.segments.sort(java.util.Comparator.comparingInt(g -> g.id));
        return m;
    }

    /** Centroids in {@code from} units re-expressed in {@code to} units (via raw feature values). */
    public static double[][] rescale(double[][] centroids, List<FeatureScale> from, List<FeatureScale> to) {
        return toScaled(toRaw(centroids, from), to);
    }

    private static double[][] toRaw(double[][] centroids, List<FeatureScale> scales) {
        double[][] raw = new double[centroids.length][];
        for (int c = 0; c < centroids.length; c++) {
            raw[c] = new double[centroids[c].length];
            for (int i = 0; i < raw[c].length; i++) {
                FeatureScale s = scales.get(i);
                raw[c][i] = s.std > 0 ? centroids[c][i] * s.std + s.mean : s.mean;
            }
        }
        return raw;
    }

    private static double[][] toScaled(double[][] raw, List<FeatureScale> scales) {
        double[][] out = new double[raw.length][];
        for (int c = 0; c < raw.length; c++) {
            out[c] = new double[raw[c].length];
            for (int i = 0; i < raw[c].length; i++) {
                out[c][i] = scales.get(i).scale(raw[c][i]);
            }
        }
        return out;
    }
}
