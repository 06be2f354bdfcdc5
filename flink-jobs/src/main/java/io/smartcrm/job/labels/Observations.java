package io.smartcrm.job.labels;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.features.ProfileFeatures;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer's open label observations. An observation starts (at most one per model) at a daily tick with
 * the features as of its start, and ends after its horizon in event time:
 * <ul>
 *   <li>churn: positive if the customer cancels within the horizon, or shows no activity in (start, start +
 *   horizon]; negative if active in it (and not cancelled). Activity is any event the customer makes (not email
 *   sends, profile updates, refunds or the cancellation itself).</li>
 *   <li>propensity: positive if the customer buys in (start, start + horizon], else negative.</li>
 * </ul>
 * Features are only ever from the start, so no later information leaks into them. Every example is emitted when
 * its horizon ends, whatever its label (a cancellation too), so the models never see one class earlier than the
 * other. Events at or before the start (even late ones) do not count.
 */
public class Observations {
    public static final long NONE = Long.MIN_VALUE;

    public long churnStart = NONE;
    public FeatureValues churnFeatures;
    public boolean churnActive;
    public boolean churnCancelled;
    public long propensityStart = NONE;
    public FeatureValues propensityFeatures;
    public boolean purchased;

    public Observations() {}

    public boolean isEmpty() {
        return churnStart == NONE && propensityStart == NONE;
    }

    /** Notes an event for the open observations. */
    public void onEvent(CustomerEvent e, LabelSettings s) {
        if (propensityStart != NONE && e.type == EventType.PURCHASE && e.timestamp > propensityStart
                && e.timestamp <= propensityStart + s.propensityHorizonMillis()) {
            purchased = true;
        }
        if (churnStart == NONE || e.timestamp <= churnStart || e.timestamp > churnStart + s.churnHorizonMillis()) {
            return;
        }
        if (e.type == EventType.SUBSCRIPTION_CANCEL) {
            churnCancelled = true;
        } else if (isActivity(e.type)) {
            churnActive = true;
        }
    }

    /** The examples whose horizon has ended by event time {@code time}; those observations close. */
    public List<TrainingExample> due(String customerId, long time, LabelSettings s) {
        List<TrainingExample> out = new ArrayList<>(2);
        if (churnStart != NONE && time >= churnStart + s.churnHorizonMillis()) {
            out.add(new TrainingExample(TrainingExample.CHURN, customerId, churnStart, churnCancelled || !churnActive,
                    churnFeatures));
            churnStart = NONE;
            churnFeatures = null;
            churnActive = false;
            churnCancelled = false;
        }
        if (propensityStart != NONE && time >= propensityStart + s.propensityHorizonMillis()) {
            out.add(new TrainingExample(TrainingExample.PROPENSITY, customerId, propensityStart, purchased,
                    propensityFeatures));
            propensityStart = NONE;
            propensityFeatures = null;
            purchased = false;
        }
        return out;
    }

    /** Opens the observations not open yet at {@code start}; returns the event times at which they end. */
    public List<Long> open(long start, FeatureValues features, boolean mayChurn, LabelSettings s) {
        List<Long> ends = new ArrayList<>(2);
        if (churnStart == NONE && mayChurn) {
            churnStart = start;
            churnFeatures = features;
            churnActive = false;
            churnCancelled = false;
            ends.add(start + s.churnHorizonMillis());
        }
        if (propensityStart == NONE) {
            propensityStart = start;
            propensityFeatures = features;
            purchased = false;
            ends.add(start + s.propensityHorizonMillis());
        }
        return ends;
    }

    /** An explicit churn label carried by a profile update ({@code true}/{@code false}, yes/no, 1/0), or null. */
    public static Boolean explicitLabel(CustomerEvent e, LabelSettings s) {
        if (e.type != EventType.PROFILE_UPDATE || e.attributes == null) {
            return null;
        }
        String v = e.attributes.get(s.churnLabelAttribute());
        return v == null ? null : ProfileFeatures.parseBoolean(v);
    }

    static boolean isActivity(EventType t) {
        return t != EventType.EMAIL_SEND && t != EventType.PROFILE_UPDATE && t != EventType.REFUND
                && t != EventType.SUBSCRIPTION_CANCEL;
    }
}
