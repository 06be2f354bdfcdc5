package io.smartcrm.generator;

/**
 * Behaviour types of simulated customers. Each customer gets one persona (a seeded draw with the shares below);
 * the persona sets how often the customer visits, how a session goes, how they react to campaigns and how often
 * they need support. Visits follow a Poisson process in simulated time, thinned by the local hour of day
 * (busy evenings, quiet nights). Numbers are per customer and simulated day.
 */
public enum Persona {
    /**
     * Loyal big spenders (12 %): a visit every ~3 days, mostly on the app with a login; a filled cart is bought
     * 55 % of the time, baskets of up to 5 lines drawn from the expensive end of each category; rare refunds
     * (4 %); open 55 % of campaign emails and click a third of those; loyalty tier gold or platinum.
     */
    LOYAL_BIG_SPENDER(0.12, 0.30, 3, 8, 0.45, 0.08, 0.55, 0.65, 1.2, 5, 1, 0.04, 0.55, 0.35, 0.004, 0.6),
    /**
     * Bargain hunters (20 %): rarely visit outside campaigns but 3.5 times as often during a campaign's two-day
     * sale window; buy mostly then (8 % of carts outside, 60 % inside), small baskets (1–2 lines) from the cheap
     * end; many refunds (18 %); open and click campaign emails most eagerly.
     */
    BARGAIN_HUNTER(0.20, 0.18, 2, 6, 0.35, 0.20, 0.08, 0.60, 3.5, 2, -1, 0.18, 0.65, 0.50, 0.006, 0.3),
    /**
     * Window shoppers (23 %): frequent long sessions (8–18 product views), carts often filled and emptied again
     * and abandoned: only 2.5 % of their carts are bought; lukewarm on email.
     */
    WINDOW_SHOPPER(0.23, 0.55, 8, 18, 0.12, 0.35, 0.025, 0.04, 1.3, 3, 0, 0.05, 0.30, 0.15, 0.002, 0.4),
    /**
     * New customers (15 %): first seen during the run (sign-up at a seeded time within 150 days of the start, so
     * some join after the history has caught up with the wall clock), with a sign-up profile, a welcome email and
     * an onboarding burst of visits (about one more a day, decaying with a 10-day time constant).
     */
    NEW_CUSTOMER(0.15, 0.25, 3, 10, 0.30, 0.15, 0.30, 0.40, 1.5, 3, 0, 0.06, 0.60, 0.30, 0.005, 0.5),
    /**
     * Drifting away (15 %): regular customers whose visits and email opens decay with a half-life of 7–21 days
     * from a seeded point in the first 100 days (so at the end of the default 120-day history some are fading and
     * some are gone); 40 % of them withdraw email consent and send {@code subscription_cancel} two to three
     * half-lives after the decay began, then go quiet for good.
     */
    DRIFTING_AWAY(0.15, 0.35, 2, 7, 0.30, 0.20, 0.30, 0.35, 1.0, 3, 0, 0.08, 0.40, 0.20, 0.008, 0.4),
    /**
     * Support-heavy (15 %): ordinary shoppers who open a ticket every ~8 days (others: every few hundred days)
     * and get many refunds (20 %); each ticket is opened, often set to pending, then resolved and mostly closed
     * hours to days later, each step a {@code support_ticket} event with the same ticketId.
     */
    SUPPORT_HEAVY(0.15, 0.25, 3, 8, 0.30, 0.15, 0.35, 0.40, 1.1, 3, 0, 0.20, 0.40, 0.20, 0.12, 0.4);

    final double share;
    final double visitsPerDay;
    final int viewsMin;
    final int viewsMax;
    final double addProb;
    final double removeProb;
    final double buyProb;
    final double campaignBuyProb;
    final double campaignVisitBoost;
    final int maxLines;
    /** -1 picks from the cheap end of a category, +1 from the expensive end, 0 anywhere. */
    final int priceBias;
    final double refundProb;
    final double openProb;
    final double clickProb;
    final double ticketsPerDay;
    final double appShare;

    Persona(double share, double visitsPerDay, int viewsMin, int viewsMax, double addProb, double removeProb,
            double buyProb, double campaignBuyProb, double campaignVisitBoost, int maxLines, int priceBias,
            double refundProb, double openProb, double clickProb, double ticketsPerDay, double appShare) {
        this.share = share;
        this.visitsPerDay = visitsPerDay;
        this.viewsMin = viewsMin;
        this.viewsMax = viewsMax;
        this.addProb = addProb;
        this.removeProb = removeProb;
        this.buyProb = buyProb;
        this.campaignBuyProb = campaignBuyProb;
        this.campaignVisitBoost = campaignVisitBoost;
        this.maxLines = maxLines;
        this.priceBias = priceBias;
        this.refundProb = refundProb;
        this.openProb = openProb;
        this.clickProb = clickProb;
        this.ticketsPerDay = ticketsPerDay;
        this.appShare = appShare;
    }
}
