package io.smartcrm.generator;

/**
 * A change of behaviour from {@link GeneratorConfig#shiftAt()} (until {@link GeneratorConfig#shiftUntil()}, if set),
 * for shift-detection demos and tests.
 */
public enum ShiftKind {
    /** 30 % of the loyal big spenders (a fixed draw per customer) visit 30 % less and never buy again. */
    LOYAL_STOP_BUYING,
    /**
     * Campaigns start to work on window shoppers: they click campaign emails three times as often and a cart in
     * a campaign session (or during a campaign's sale window) is bought with probability 0.4 instead of 0.04.
     */
    CAMPAIGN_CONVERTS_WINDOW_SHOPPERS,
    /** A viral ad brings window shoppers back ten times as often: they crowd the active customers. */
    WINDOW_SHOPPER_SURGE
}
