package io.smartcrm.job.alerts;

import io.smartcrm.model.alert.AlertRule;

/** A record of the rules topic: the rule as it now is, or its deletion ({@link #rule} null). */
public class RuleUpdate {
    public String id;
    public AlertRule rule;

    public RuleUpdate() {}

    public RuleUpdate(String id, AlertRule rule) {
        this.id = id;
        this.rule = rule;
    }
}
