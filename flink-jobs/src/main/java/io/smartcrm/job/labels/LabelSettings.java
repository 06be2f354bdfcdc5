package io.smartcrm.job.labels;

import java.io.Serializable;
import java.util.Set;

/**
 * How labels are made: the churn horizon (no activity for this long, or a cancellation within it, is churn),
 * the purchase horizon of propensity, and the attribute that carries an explicit churn label.
 */
public record LabelSettings(long churnHorizonMillis, long propensityHorizonMillis, String churnLabelAttribute)
        implements Serializable {

    public LabelSettings {
        if (churnHorizonMillis <= 0 || propensityHorizonMillis <= 0) {
            throw new IllegalArgumentException("label horizons must be positive");
        }
        if (churnLabelAttribute == null || churnLabelAttribute.isBlank()) {
            throw new IllegalArgumentException("the churn label attribute must not be blank");
        }
    }

    /** Attributes that are labels, never features. */
    public Set<String> labelAttributes() {
        return Set.of(churnLabelAttribute);
    }
}
