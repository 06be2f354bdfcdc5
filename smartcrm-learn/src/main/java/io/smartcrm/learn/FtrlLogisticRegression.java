package io.smartcrm.learn;

import java.io.Serializable;
import java.util.List;

/**
 * Online logistic regression trained by FTRL-Proximal on mini-batches, with the update of Apache Flink ML's
 * {@code OnlineLogisticRegression}: parameters {@code alpha}, {@code beta}, {@code reg} and {@code elasticNet}, with
 * {@code l1 = elasticNet * reg} and {@code l2 = (1 - elasticNet) * reg}; the batch gradient of each coordinate is the
 * mean over the examples whose feature is non-zero (Flink ML's rule for sparse vectors). There is no intercept: the
 * caller appends a constant 1 feature.
 *
 * <p>Feature vectors may grow: a vector longer than {@link #dimension()} grows the model with zero weights, a shorter
 * one counts as zero-padded. A plain mutable object (public no-arg constructor, non-final fields, arrays only) so that
 * Flink's Kryo can checkpoint it.
 */
public class FtrlLogisticRegression implements Serializable {
    private static final long serialVersionUID = 1L;

    private double alpha;
    private double beta;
    private double reg;
    private double elasticNet;
    private double[] w = new double[0];
    private double[] z = new double[0];
    private double[] n = new double[0];
    private long examples;
    private long updates;

    /** For serialization frameworks only. */
    public FtrlLogisticRegression() {}

    /**
     * @param alpha learning-rate scale, &gt; 0
     * @param beta learning-rate smoothing, &gt; 0
     * @param reg regularization strength, &ge; 0
     * @param elasticNet share of {@code reg} that is L1, in [0, 1]
     */
    public FtrlLogisticRegression(double alpha, double beta, double reg, double elasticNet) {
        if (!(alpha > 0) || alpha == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
        }
        if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        }
        if (!(reg >= 0) || reg == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("reg must be finite and >= 0, got " + reg);
        }
        if (!(elasticNet >= 0 && elasticNet <= 1)) {
            throw new IllegalArgumentException("elasticNet must be in [0, 1], got " + elasticNet);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.reg = reg;
        this.elasticNet = elasticNet;
    }

    /** w·x. */
    public double margin(double[] x) {
        Vectors.requireFinite(x, "x");
        return Vectors.dot(w, x);
    }

    /** P(y = 1 | x) = sigmoid(w·x). */
    public double predict(double[] x) {
        return sigmoid(margin(x));
    }

    /**
     * One FTRL step on a mini-batch. All predictions use the weights from before the batch. An empty batch changes
     * nothing.
     *
     * @param xs feature vectors
     * @param labels 0 or 1, one per vector
     */
    public void update(List<double[]> xs, double[] labels) {
        Vectors.requireFinite(xs, "xs");
        if (labels == null || labels.length != xs.size()) {
            throw new IllegalArgumentException("need one label per example: " + xs.size() + " examples, "
                    + (labels == null ? "null" : String.valueOf(labels.length)) + " labels");
        }
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] != 0 && labels[j] != 1) {
                throw new IllegalArgumentException("labels[" + j + "] is " + labels[j] + "; labels must be 0 or 1");
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        int d = Math.max(w.length, Vectors.maxLength(xs));
        w = Vectors.grow(w, d);
        z = Vectors.grow(z, d);
        n = Vectors.grow(n, d);

        double[] g = new double[d];
        int[] nonZero = new int[d];
        for (int j = 0; j < labels.length; j++) {
            double[] x = xs.get(j);
            double residual = sigmoid(Vectors.dot(w, x)) - labels[j];
            for (int i = 0; i < x.length; i++) {
                if (x[i] != 0) {
                    g[i] += residual * x[i];
                    nonZero[i]++;
                }
            }
        }
        double l1 = elasticNet * reg;
        double l2 = (1 - elasticNet) * reg;
        for (int i = 0; i < d; i++) {
            if (nonZero[i] > 0) {
                g[i] /= nonZero[i];
            }
            double sigma = (Math.sqrt(n[i] + g[i] * g[i]) - Math.sqrt(n[i])) / alpha;
            z[i] += g[i] - sigma * w[i];
            n[i] += g[i] * g[i];
            w[i] = Math.abs(z[i]) <= l1 ? 0 : (Math.signum(z[i]) * l1 - z[i]) / ((beta + Math.sqrt(n[i])) / alpha + l2);
        }
        examples += labels.length;
        updates++;
    }

    /** Numerically stable logistic function. */
    static double sigmoid(double m) {
        if (m >= 0) {
            return 1 / (1 + Math.exp(-m));
        }
        double e = Math.exp(m);
        return e / (1 + e);
    }

    /** A copy of the weights w. */
    public double[] coefficients() {
        return w.clone();
    }

    /** FTRL accumulator z (a copy). */
    double[] z() {
        return z.clone();
    }

    /** FTRL accumulator n, the sum of squared gradients (a copy). */
    double[] n() {
        return n.clone();
    }

    public int dimension() {
        return w.length;
    }

    /** Examples trained on. */
    public long examples() {
        return examples;
    }

    /** Mini-batches trained on. */
    public long updates() {
        return updates;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    public double reg() {
        return reg;
    }

    public double elasticNet() {
        return elasticNet;
    }
}
