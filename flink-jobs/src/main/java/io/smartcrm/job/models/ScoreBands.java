package io.smartcrm.job.models;

import java.io.Serializable;

/** Probability bands: low below {@code medium}, high from {@code high}, medium between. */
public record ScoreBands(double medium, double high) implements Serializable {
    public ScoreBands {
        if (!(medium > 0 && medium < high && high < 1)) {
            throw new IllegalArgumentException("bands need 0 < medium < high < 1, got " + medium + " and " + high);
        }
    }

    public String of(double probability) {
        return probability >= high ? "high" : probability >= medium ? "medium" : "low";
    }
}
