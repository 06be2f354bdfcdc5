package io.smartcrm.job.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a segment from its centroid's z-scores, first rule that holds (a feature the model does not use
 * counts as 0): R = days_since_last_purchase, F = orders, M = net_revenue, A = avg_order_value,
 * T = tenure_days, E = sessions_30d, S = tickets_90d.
 * <ol>
 *   <li>R &gt; 0.8 and M &gt; 0.5: "at risk, big spenders"</li>
 *   <li>R &gt; 0.8 and E &gt; 0.5: "window shoppers"</li>
 *   <li>R &gt; 0.8: "dormant"</li>
 *   <li>S &gt; 1: "needs support"</li>
 *   <li>T &lt; −0.8 and F &lt; 0: "new"</li>
 *   <li>F &gt; 0.5 and M &gt; 0.5: "high-value loyal"</li>
 *   <li>M &gt; 0.8: "big spenders"</li>
 *   <li>F &gt; 0.5 and A &lt; −0.3: "bargain hunters"</li>
 *   <li>F &gt; 0.5: "frequent buyers"</li>
 *   <li>E &gt; 0.5 and F ≤ 0: "window shoppers"</li>
 *   <li>R &lt; −0.5: "recent buyers"</li>
 *   <li>F &lt; −0.5 and M &lt; −0.5: "occasional buyers"</li>
 *   <li>otherwise: "average"</li>
 * </ol>
 * When two segments get the same name, the later ones (by id) get " (2)", " (3)"….
 */
public final class SegmentNames {
    private SegmentNames() {}

    /** Names for the centroids (in the order given), with {@code features} naming their coordinates. */
    public static String[] of(List<String> features, double[][] centroids, int[] ids) {
        String[] names = new String[centroids.length];
        Integer[] order = new Integer[centroids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(ids[a], ids[b]));
        Map<String, Integer> used = new HashMap<>();
        for (int i : order) {
            String base = name(features, centroids[i]);
            int n = used.merge(base, 1, Integer::sum);
            names[i] = n == 1 ? base : base + " (" + n + ")";
        }
        return names;
    }

    static String name(List<String> features, double[] centroid) {
        double r = z(features, centroid, "days_since_last_purchase");
        double f = z(features, centroid, "orders");
        double m = z(features, centroid, "net_revenue");
        double a = z(features, centroid, "avg_order_value");
        double t = z(features, centroid, "tenure_days");
        double e = z(features, centroid, "sessions_30d");
        double s = z(features, centroid, "tickets_90d");
        if (r > 0.8) {
            return m > 0.5 ? "at risk, big spenders" : e > 0.5 ? "window shoppers" : "dormant";
        }
        if (s > 1) {
            return "needs support";
        }
        if (t < -0.8 && f < 0) {
            return "new";
        }
        if (f > 0.5 && m > 0.5) {
            return "high-value loyal";
        }
        if (m > 0.8) {
            return "big spenders";
        }
        if (f > 0.5) {
            return a < -0.3 ? "bargain hunters" : "frequent buyers";
        }
        if (e > 0.5 && f <= 0) {
            return "window shoppers";
        }
        if (r < -0.5) {
            return "recent buyers";
        }
        if (f < -0.5 && m < -0.5) {
            return "occasional buyers";
        }
        return "average";
    }

    private static double z(List<String> features, double[] centroid, String feature) {
        int i = features.indexOf(feature);
        return i < 0 ? 0 : centroid[i];
    }
}
