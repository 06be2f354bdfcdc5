package io.smartcrm.job.models;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of an online logistic regression, named as in Flink ML's {@code OnlineLogisticRegression}
 * (FTRL-Proximal: alpha, beta, reg, elasticNet, globalBatchSize), plus when it may score and how its
 * quality is measured.
 */
public record ClassifierSettings(double alpha, double beta, double reg, double elasticNet, int globalBatchSize,
                                 long minLabels, int qualityWindow, int maxCategories) implements Serializable {

    public ClassifierSettings {
        if (!(alpha > 0) || !(beta >= 0) || !(reg >= 0) || !(elasticNet >= 0 && elasticNet <= 1)) {
            throw new IllegalArgumentException("FTRL needs alpha > 0, beta >= 0, reg >= 0 and elasticNet in [0, 1]");
        }
        if (globalBatchSize < 1 || minLabels < 1 || qualityWindow < 2 || maxCategories < 1) {
            throw new IllegalArgumentException("globalBatchSize, minLabels and maxCategories must be >= 1, "
                    + "qualityWindow >= 2");
        }
    }

    Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("alpha", alpha);
        p.put("beta", beta);
        p.put("reg", reg);
        p.put("elasticNet", elasticNet);
        p.put("globalBatchSize", globalBatchSize);
        return p;
    }
}
