package io.smartcrm.generator;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.RejectReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An endless, seeded stream of customer events: a discrete-event simulation of a shop's customers in simulated
 * time. Pure and deterministic: the same {@link GeneratorConfig} gives a byte-identical sequence (one seeded
 * random source, an agenda ordered by time and insertion, ids from counters); it never reads the wall clock,
 * which is the publisher's business. Not thread-safe.
 *
 * <p>Each customer has a {@link Persona} and runs a few stochastic processes on a shared agenda:
 * <ul>
 *   <li>visits: Poisson in simulated time at a persona-dependent rate, thinned by local hour of day, boosted
 *       during a campaign's sale window, decaying for drifting customers. A visit is a session (sessionId):
 *       a login (always on the app, sometimes on the web), a landing page, product and category views seconds
 *       to minutes apart, items added to and removed from the cart, and at the end a purchase of the cart
 *       (1–5 lines from the {@link Catalogue}, amount = sum of the lines, in the customer's currency EUR, GBP or
 *       USD) or an abandoned cart;</li>
 *   <li>refunds of some orders days later from the ERP (same orderId, the whole order or one unit of a line);</li>
 *   <li>support tickets (subject, text, channel) that move open → pending → resolved → closed over hours and
 *       days, each step a {@code support_ticket} with the same ticketId;</li>
 *   <li>{@code profile_update}s: an initial CRM sync of existing customers, a sign-up for new ones, then
 *       occasional updates from crm, web, erp and support with the dirty values each source sends (padded and
 *       mixed-case emails, national and international phone formats, country names, codes and aliases, several
 *       birth date formats), consent flags and attributes (loyaltyTier, preferredChannel, ...) with their
 *       kinds ({@code attributeKinds}).</li>
 * </ul>
 * Every 4–6 days a campaign mails a share of the customers who consent to email ({@code email_send}); opens and
 * clicks follow with persona-dependent probability, and a click starts a session on the campaign's landing page.
 *
 * <p>Volume: about 2.8 events per customer and simulated day, so the default 10,000 customers over 120 days of
 * history make some 3.4 million events, replayed in about 28 minutes at 2,000 events/s.
 *
 * <p>Events come out in simulated-time order, except that app events carry a device timestamp up to
 * {@value #APP_JITTER_MS} ms early and duplicates are re-sent up to {@value #DUPLICATE_DELAY_MS} ms after their
 * original: an event time is never more than {@link #MAX_OUT_OF_ORDER_MS} behind one emitted before it.
 */
public final class EventGenerator implements Iterator<GeneratedEvent> {
    /** Bound of the out-of-orderness of {@link GeneratedEvent#eventTime()} along the stream. */
    public static final long MAX_OUT_OF_ORDER_MS = 5_000;

    static final long DAY_MS = 86_400_000L;
    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;
    static final long APP_JITTER_MS = 2_000;
    static final long DUPLICATE_DELAY_MS = 3_000;
    static final double ONBOARDING_VISITS_PER_DAY = 1.0;
    static final long ONBOARDING_MS = 10 * DAY_MS;
    /** New customers sign up within this long after the start. */
    static final long JOIN_WINDOW_MS = 150 * DAY_MS;
    static final long SALE_WINDOW_MS = 2 * DAY_MS;
    static final double CAMPAIGN_REACH = 0.6;
    static final double PROFILE_UPDATES_PER_DAY = 1 / 30.0;
    static final String WELCOME_CAMPAIGN = "cmp-0000-welcome";
    static final double SURGE = 10;

    /** Visit intensity by local hour: quiet nights, busy evenings. */
    private static final double[] DIURNAL = {0.25, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.5, 0.6, 0.65, 0.7, 0.75,
            0.85, 0.8, 0.7, 0.7, 0.75, 0.85, 0.95, 1.0, 1.0, 0.9, 0.7, 0.45};
    private static final String[] THEMES = {"spring-sale", "new-arrivals", "weekend-deal", "loyalty-rewards",
            "flash-sale", "back-in-stock", "summer-sale", "black-week"};
    private static final String[] TICKET_CHANNELS = {"email", "email", "chat", "phone", "web"};
    private static final String[] SUBJECTS = {"Where is my order?", "Item arrived damaged", "Refund not received",
            "Cannot log in to my account", "Wrong size delivered", "Question about my invoice",
            "Discount code not working", "Please change my delivery address"};
    private static final String[] REFUND_REASONS = {"returned: damaged", "returned: wrong size",
            "returned: changed mind", "late delivery", "goodwill"};
    private static final String[] CANCEL_REASONS = {"Too many emails", "Found a cheaper shop",
            "Not using it any more", "Delivery too slow"};
    private static final String[] PAYMENT = {"card", "invoice", "paypal"};
    /** The declared kind of every attribute the generator sends. */
    private static final Map<String, String> ATTRIBUTE_KINDS = Map.of("signupChannel", "categorical",
            "loyaltyTier", "categorical", "preferredChannel", "categorical", "paymentMethod", "categorical",
            "erpCustomerNumber", "text");

    private static final int VISIT = 0;
    private static final int STEP = 1;
    private static final int SESSION_NOW = 2;
    private static final int PROFILE = 3;
    private static final int JOIN = 4;
    private static final int CAMPAIGN = 5;
    private static final int EMAIL_SEND = 6;
    private static final int EMAIL_OPEN = 7;
    private static final int EMAIL_CLICK = 8;
    private static final int TICKET = 9;
    private static final int TICKET_UPDATE = 10;
    private static final int REFUND = 11;
    private static final int CANCEL = 12;
    private static final int DUPLICATE = 13;

    private static final int PROFILE_ROUTINE = 0;
    private static final int PROFILE_INITIAL = 1;
    private static final int PROFILE_REVOKE = 2;

    private final GeneratorConfig config;
    private final SplittableRandom rnd;
    private final Customer[] customers;
    private final int idDigits;
    private final EventQueue queue = new EventQueue();
    private final WireWriter writer = new WireWriter();
    private final CustomerEvent e = new CustomerEvent();
    /** Refunds, tickets and duplicates waiting on the agenda, by the id in the entry's argument. */
    private final Map<Integer, Object> pending = new HashMap<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private final double malformedShare;
    private final double duplicateProb;
    private final char[] eventId;
    private final int eventIdPrefix;
    private int pendingIds;
    private long events;
    private long orders;
    private long tickets;
    private long sessions;
    private long now;

    public EventGenerator(GeneratorConfig config) {
        this.config = config;
        this.rnd = new SplittableRandom(config.seed());
        this.now = config.startTime().toEpochMilli();
        this.malformedShare = config.malformedShare();
        // duplicates are re-sends on top of the originals: this probability per original gives the configured share
        this.duplicateProb = config.duplicateShare() / (1 - config.malformedShare() - config.duplicateShare());
        String prefix = String.format(Locale.ROOT, "ev-%08x-", (int) (mix(config.seed()) >>> 32));
        this.eventId = (prefix + "0000000000").toCharArray();
        this.eventIdPrefix = prefix.length();
        this.idDigits = Math.max(6, String.valueOf(config.customers()).length());
        this.customers = new Customer[config.customers()];
        campaigns.add(new Campaign(WELCOME_CAMPAIGN, 0, Long.MIN_VALUE, Long.MIN_VALUE));
        double[] cumulative = new double[Persona.values().length];
        double sum = 0;
        for (Persona p : Persona.values()) {
            sum += p.share;
            cumulative[p.ordinal()] = sum;
        }
        for (int i = 0; i < customers.length; i++) {
            double u = rnd.nextDouble() * sum;
            Persona persona = Persona.values()[Persona.values().length - 1];
            for (Persona p : Persona.values()) {
                if (u < cumulative[p.ordinal()]) {
                    persona = p;
                    break;
                }
            }
            Customer c = new Customer(i, customerId(i), persona, now, JOIN_WINDOW_MS, surge(persona), rnd);
            customers[i] = c;
            if (c.joinAt > now) {
                queue.push(c.joinAt, i, JOIN, 0);
            } else {
                queue.push(now + (long) (rnd.nextDouble() * 2 * HOUR_MS), i, PROFILE, PROFILE_INITIAL);
                scheduleProcesses(c);
            }
        }
        queue.push(Math.floorDiv(now, DAY_MS) * DAY_MS + DAY_MS + 9 * HOUR_MS
                + (long) (rnd.nextDouble() * 2 * HOUR_MS), -1, CAMPAIGN, 0);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The simulated clock: epoch ms of the agenda entry processed last (the start time before the first). */
    public long simulatedTime() {
        return now;
    }

    /** The persona of a customer of this generator. */
    public Persona persona(String customerId) {
        return customer(customerId).persona;
    }

    /** Always true: the stream is endless. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public GeneratedEvent next() {
        if (malformedShare > 0 && rnd.nextDouble() < malformedShare) {
            return malformed();
        }
        while (true) {
            queue.pop();
            now = queue.topTime;
            GeneratedEvent g = run(queue.topAction, queue.topCustomer, queue.topArg);
            if (g != null) {
                return g;
            }
        }
    }

    Customer customer(String customerId) {
        int i = -1;
        if (customerId != null && customerId.length() == idDigits + 1 && customerId.charAt(0) == 'C') {
            try {
                i = Integer.parseInt(customerId.substring(1)) - 1;
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        if (i < 0 || i >= customers.length) {
            throw new IllegalArgumentException("no customer '" + customerId + "' in this generator");
        }
        return customers[i];
    }

    private String customerId(int index) {
        String n = Integer.toString(index + 1);
        return "C" + "0".repeat(idDigits - n.length()) + n;
    }

    private GeneratedEvent run(int action, int index, int arg) {
        Customer c = index >= 0 ? customers[index] : null;
        return switch (action) {
            case VISIT -> visit(c);
            case STEP -> step(c);
            case SESSION_NOW -> c.sessionId == null && !c.cancelled ? startSession(c, arg) : null;
            case PROFILE -> profile(c, arg);
            case JOIN -> join(c);
            case CAMPAIGN -> campaign();
            case EMAIL_SEND -> emailSend(c, arg);
            case EMAIL_OPEN -> emailOpen(c, arg);
            case EMAIL_CLICK -> emailClick(c, arg);
            case TICKET -> ticket(c);
            case TICKET_UPDATE -> ticketUpdate(c, arg);
            case REFUND -> refund(c, (Refund) pending.remove(arg));
            case CANCEL -> cancel(c);
            case DUPLICATE -> (GeneratedEvent) pending.remove(arg);
            default -> throw new IllegalStateException("unknown action " + action);
        };
    }

    // ---- processes ------------------------------------------------------------------------------------------

    private void scheduleProcesses(Customer c) {
        queue.push(now + exponential(c.maxVisitRate), c.index, VISIT, 0);
        queue.push(now + exponential(c.persona.ticketsPerDay / DAY_MS), c.index, TICKET, 0);
        queue.push(now + exponential(PROFILE_UPDATES_PER_DAY / DAY_MS), c.index, PROFILE, PROFILE_ROUTINE);
        if (c.cancelAt != Long.MAX_VALUE) {
            queue.push(c.cancelAt - DAY_MS - (long) (rnd.nextDouble() * 2 * DAY_MS), c.index, PROFILE,
                    PROFILE_REVOKE);
            queue.push(c.cancelAt, c.index, CANCEL, 0);
        }
    }

    private GeneratedEvent visit(Customer c) {
        if (c.cancelled) {
            return null;
        }
        queue.push(now + exponential(c.maxVisitRate), c.index, VISIT, 0);
        if (c.sessionId != null || rnd.nextDouble() * c.maxVisitRate >= visitRate(c)) {
            return null;
        }
        return startSession(c, -1);
    }

    /** Visits per ms at the current simulated time. */
    private double visitRate(Customer c) {
        Persona p = c.persona;
        double perDay = p.visitsPerDay;
        if (saleActive()) {
            perDay *= p.campaignVisitBoost;
        }
        if (p == Persona.NEW_CUSTOMER) {
            perDay += ONBOARDING_VISITS_PER_DAY * Math.exp(-(double) (now - c.joinAt) / ONBOARDING_MS);
        }
        perDay *= decay(c);
        if (c.stopsBuyingOnShift && config.shifted(ShiftKind.LOYAL_STOP_BUYING, now)) {
            perDay *= 0.7;
        }
        if (config.shifted(ShiftKind.WINDOW_SHOPPER_SURGE, now)) {
            perDay *= surge(p);
        }
        int localHour = (int) Math.floorMod(Math.floorDiv(now, HOUR_MS) + c.country.utcOffsetHours, 24L);
        return perDay * DIURNAL[localHour] / DAY_MS;
    }

    /** Factor of the visit rate under {@link ShiftKind#WINDOW_SHOPPER_SURGE}, when it is configured. */
    private double surge(Persona p) {
        return p == Persona.WINDOW_SHOPPER && config.shiftKind() == ShiftKind.WINDOW_SHOPPER_SURGE ? SURGE : 1;
    }

    /** Activity left of a drifting customer: halves every half-life after the drift started. */
    private double decay(Customer c) {
        if (c.persona != Persona.DRIFTING_AWAY || now <= c.driftStart) {
            return 1;
        }
        return Math.pow(0.5, (now - c.driftStart) / c.driftHalfLifeMs);
    }

    private boolean saleActive() {
        Campaign latest = campaigns.get(campaigns.size() - 1);
        return now >= latest.start && now < latest.saleUntil;
    }

    private long exponential(double ratePerMs) {
        return 1 + (long) (-Math.log(1 - rnd.nextDouble()) / ratePerMs);
    }

    // ---- sessions -------------------------------------------------------------------------------------------

    private GeneratedEvent startSession(Customer c, int campaign) {
        Persona p = c.persona;
        c.clearSession();
        c.sessionId = "S-" + ++sessions;
        c.sessionApp = rnd.nextDouble() < p.appShare;
        c.sessionCampaign = campaign;
        c.loginPending = c.sessionApp || rnd.nextDouble() < 0.35;
        c.landingPending = true;
        c.viewsLeft = p.viewsMin + rnd.nextInt(p.viewsMax - p.viewsMin + 1);
        return step(c);
    }

    private GeneratedEvent step(Customer c) {
        GeneratedEvent g;
        if (c.loginPending) {
            c.loginPending = false;
            g = login(c);
        } else if (c.landingPending) {
            c.landingPending = false;
            g = landing(c);
        } else if (c.removePending) {
            c.removePending = false;
            g = removeFromCart(c);
        } else if (c.addPending >= 0) {
            g = addToCart(c);
        } else if (c.viewsLeft > 0) {
            c.viewsLeft--;
            g = browse(c);
        } else {
            GeneratedEvent bought = c.cartSize > 0 && rnd.nextDouble() < buyProb(c) ? purchase(c) : null;
            c.clearSession();
            return bought;
        }
        queue.push(now + 5_000 + Math.min(10 * MINUTE_MS, exponential(1 / 35_000.0)), c.index, STEP, 0);
        return g;
    }

    private double buyProb(Customer c) {
        boolean campaign = c.sessionCampaign > 0 || saleActive();
        if (c.stopsBuyingOnShift && config.shifted(ShiftKind.LOYAL_STOP_BUYING, now)) {
            return 0;
        }
        if (campaign && c.persona == Persona.WINDOW_SHOPPER
                && config.shifted(ShiftKind.CAMPAIGN_CONVERTS_WINDOW_SHOPPERS, now)) {
            return 0.4;
        }
        return campaign ? c.persona.campaignBuyProb : c.persona.buyProb;
    }

    private String sessionSource(Customer c) {
        return c.sessionApp ? "app" : "web";
    }

    private void beginSessionEvent(Customer c, EventType type) {
        begin(c, type, sessionSource(c));
        e.sessionId = c.sessionId;
        if (!c.sessionApp) {
            e.anonymousId = c.anonymousId;
        }
    }

    private GeneratedEvent login(Customer c) {
        beginSessionEvent(c, EventType.LOGIN);
        if (!c.sessionApp) {
            e.email = c.email("web", rnd);
        }
        e.url = c.sessionApp ? null : Catalogue.SHOP + "/login";
        return emit(c);
    }

    private GeneratedEvent landing(Customer c) {
        beginSessionEvent(c, EventType.PAGE_VIEW);
        if (c.sessionCampaign >= 0) {
            e.url = campaigns.get(c.sessionCampaign).landingUrl;
        } else {
            e.url = rnd.nextInt(3) == 0 ? Catalogue.STANDARD.categoryUrl[category(c)] : Catalogue.SHOP + "/";
        }
        return emit(c);
    }

    private int category(Customer c) {
        Campaign latest = campaigns.get(campaigns.size() - 1);
        if ((c.sessionCampaign > 0 || saleActive()) && rnd.nextBoolean()) {
            return c.sessionCampaign > 0 ? campaigns.get(c.sessionCampaign).category : latest.category;
        }
        int r = rnd.nextInt(20);
        return r < 9 ? c.favouriteA : r < 15 ? c.favouriteB : rnd.nextInt(Catalogue.CATEGORIES.length);
    }

    private GeneratedEvent browse(Customer c) {
        int category = category(c);
        if (rnd.nextInt(5) == 0) {
            beginSessionEvent(c, EventType.PAGE_VIEW);
            e.url = Catalogue.STANDARD.categoryUrl[category];
            return emit(c);
        }
        int product = Catalogue.pick(category, c.persona.priceBias, rnd);
        beginSessionEvent(c, EventType.PRODUCT_VIEW);
        e.url = Catalogue.STANDARD.url[product];
        product(c, product);
        if (rnd.nextDouble() < c.persona.addProb && c.cartSize < c.persona.maxLines) {
            c.addPending = product;
        }
        return emit(c);
    }

    private void product(Customer c, int product) {
        e.productId = Catalogue.STANDARD.productId[product];
        e.category = Catalogue.CATEGORIES[Catalogue.category(product)];
        e.unitPrice = Catalogue.STANDARD.cents[product][c.country.currency] / 100.0;
        e.currency = currency(c.country.currency);
    }

    /** The currency field: left out on some events in the base currency, which is its default. */
    private String currency(int currency) {
        String code = Catalogue.CURRENCIES[currency];
        return code.equals(config.baseCurrency()) && rnd.nextBoolean() ? null : code;
    }

    private GeneratedEvent addToCart(Customer c) {
        int product = c.addPending;
        c.addPending = -1;
        int quantity = Catalogue.quantity(product, rnd);
        c.cartProduct[c.cartSize] = product;
        c.cartQuantity[c.cartSize] = quantity;
        c.cartSize++;
        beginSessionEvent(c, EventType.ADD_TO_CART);
        product(c, product);
        e.quantity = quantity;
        c.removePending = rnd.nextDouble() < c.persona.removeProb;
        return emit(c);
    }

    private GeneratedEvent removeFromCart(Customer c) {
        int line = rnd.nextInt(c.cartSize);
        beginSessionEvent(c, EventType.REMOVE_FROM_CART);
        product(c, c.cartProduct[line]);
        e.quantity = c.cartQuantity[line];
        c.cartSize--;
        c.cartProduct[line] = c.cartProduct[c.cartSize];
        c.cartQuantity[line] = c.cartQuantity[c.cartSize];
        return emit(c);
    }

    private GeneratedEvent purchase(Customer c) {
        int currency = c.country.currency;
        List<LineItem> items = new ArrayList<>(c.cartSize);
        long totalCents = 0;
        for (int i = 0; i < c.cartSize; i++) {
            int product = c.cartProduct[i];
            long cents = Catalogue.STANDARD.cents[product][currency];
            items.add(new LineItem(Catalogue.STANDARD.productId[product],
                    Catalogue.CATEGORIES[Catalogue.category(product)], c.cartQuantity[i], cents / 100.0));
            totalCents += cents * c.cartQuantity[i];
        }
        beginSessionEvent(c, EventType.PURCHASE);
        e.url = Catalogue.SHOP + "/checkout/confirmation";
        e.orderId = "O-" + pad(++orders, 8);
        e.amount = totalCents / 100.0;
        e.currency = currency(currency);
        e.items = items;
        c.lastOrderId = e.orderId;
        if (rnd.nextDouble() < c.persona.refundProb) {
            int id = park(new Refund(e.orderId, items, totalCents, e.currency));
            queue.push(now + DAY_MS + (long) (rnd.nextDouble() * 19 * DAY_MS), c.index, REFUND, id);
        }
        return emit(c);
    }

    private GeneratedEvent refund(Customer c, Refund r) {
        begin(c, EventType.REFUND, "erp");
        e.orderId = r.orderId;
        e.currency = r.currency;
        if (r.items.size() > 1 && rnd.nextBoolean()) {
            LineItem line = r.items.get(rnd.nextInt(r.items.size()));
            e.items = List.of(new LineItem(line.productId, line.category, 1, line.unitPrice));
            e.amount = line.unitPrice;
        } else {
            e.items = r.items;
            e.amount = r.totalCents / 100.0;
        }
        e.text = REFUND_REASONS[rnd.nextInt(REFUND_REASONS.length)];
        return emit(c);
    }

    // ---- campaigns ------------------------------------------------------------------------------------------

    private GeneratedEvent campaign() {
        int index = campaigns.size();
        String id = String.format(Locale.ROOT, "cmp-%04d-%s", index, THEMES[(index - 1) % THEMES.length]);
        campaigns.add(new Campaign(id, rnd.nextInt(Catalogue.CATEGORIES.length), now, now + SALE_WINDOW_MS));
        for (Customer c : customers) {
            if (c.joinAt <= now && c.consentEmail && !c.cancelled && rnd.nextDouble() < CAMPAIGN_REACH) {
                queue.push(now + (long) (rnd.nextDouble() * 2 * HOUR_MS), c.index, EMAIL_SEND, index);
            }
        }
        long next = Math.floorDiv(now, DAY_MS) * DAY_MS + (4 + rnd.nextInt(3)) * DAY_MS + 9 * HOUR_MS;
        queue.push(next + (long) (rnd.nextDouble() * 2 * HOUR_MS), -1, CAMPAIGN, 0);
        return null;
    }

    private GeneratedEvent emailSend(Customer c, int campaign) {
        if (c.cancelled || !c.consentEmail) {
            return null;
        }
        begin(c, EventType.EMAIL_SEND, "email");
        e.campaignId = campaigns.get(campaign).id;
        e.email = c.email;
        if (rnd.nextDouble() < c.persona.openProb * decay(c)) {
            queue.push(now + 5 * MINUTE_MS + Math.min(3 * DAY_MS, exponential(1.0 / (4 * HOUR_MS))), c.index,
                    EMAIL_OPEN, campaign);
        }
        return emit(c);
    }

    private GeneratedEvent emailOpen(Customer c, int campaign) {
        begin(c, EventType.EMAIL_OPEN, "email");
        e.campaignId = campaigns.get(campaign).id;
        double click = c.persona.clickProb;
        if (c.persona == Persona.WINDOW_SHOPPER && config.shifted(ShiftKind.CAMPAIGN_CONVERTS_WINDOW_SHOPPERS, now)) {
            click = Math.min(1, click * 3);
        }
        if (rnd.nextDouble() < click) {
            queue.push(now + 10_000 + (long) (rnd.nextDouble() * 5 * MINUTE_MS), c.index, EMAIL_CLICK, campaign);
        }
        return emit(c);
    }

    private GeneratedEvent emailClick(Customer c, int campaign) {
        begin(c, EventType.EMAIL_CLICK, "email");
        e.campaignId = campaigns.get(campaign).id;
        e.url = campaigns.get(campaign).landingUrl;
        queue.push(now + 5_000 + (long) (rnd.nextDouble() * 55_000), c.index, SESSION_NOW, campaign);
        return emit(c);
    }

    // ---- support --------------------------------------------------------------------------------------------

    private GeneratedEvent ticket(Customer c) {
        if (c.cancelled) {
            return null;
        }
        queue.push(now + exponential(c.persona.ticketsPerDay / DAY_MS), c.index, TICKET, 0);
        Ticket t = new Ticket("T-" + pad(++tickets, 7), rnd.nextInt(SUBJECTS.length),
                TICKET_CHANNELS[rnd.nextInt(TICKET_CHANNELS.length)]);
        begin(c, EventType.SUPPORT_TICKET, "support");
        e.ticketId = t.id;
        e.subject = SUBJECTS[t.topic];
        e.text = ticketText(t.topic, c.lastOrderId);
        e.channel = t.channel;
        e.ticketStatus = t.status;
        queue.push(now + 10 * MINUTE_MS + exponential(1.0 / (6 * HOUR_MS)), c.index, TICKET_UPDATE, park(t));
        return emit(c);
    }

    private static String ticketText(int topic, String orderId) {
        String order = orderId == null ? "my order" : "order " + orderId;
        return switch (topic) {
            case 0 -> "I am still waiting for " + order + ". The tracking page has not changed for days.";
            case 1 -> "The parcel for " + order + " was crushed and the item inside is broken.";
            case 2 -> "I sent back " + order + " two weeks ago and have not seen my money yet.";
            case 3 -> "The password reset email never arrives, so I cannot log in.";
            case 4 -> "I got the wrong size with " + order + ". Can I swap it?";
            case 5 -> "The invoice for " + order + " shows the wrong billing address.";
            case 6 -> "The code from your newsletter is rejected at checkout.";
            default -> "Please send future deliveries to my new address.";
        };
    }

    private GeneratedEvent ticketUpdate(Customer c, int id) {
        Ticket t = (Ticket) pending.get(id);
        String note;
        switch (t.status) {
            case "open" -> {
                boolean wait = rnd.nextBoolean();
                t.status = wait ? "pending" : "resolved";
                note = wait ? "Asked the customer for details, waiting for an answer." : "Solved on first contact.";
            }
            case "pending" -> {
                t.status = "resolved";
                note = "Customer answered; issue fixed.";
            }
            default -> {
                t.status = "closed";
                note = "Closed.";
            }
        }
        switch (t.status) {
            case "pending" -> queue.push(now + HOUR_MS + exponential(1.0 / (36 * HOUR_MS)), c.index,
                    TICKET_UPDATE, id);
            case "resolved" -> {
                if (rnd.nextDouble() < 0.7) {
                    queue.push(now + DAY_MS + (long) (rnd.nextDouble() * 2 * DAY_MS), c.index, TICKET_UPDATE, id);
                } else {
                    pending.remove(id);
                }
            }
            default -> pending.remove(id);
        }
        begin(c, EventType.SUPPORT_TICKET, "support");
        e.ticketId = t.id;
        e.subject = SUBJECTS[t.topic];
        e.text = note;
        e.channel = t.channel;
        e.ticketStatus = t.status;
        return emit(c);
    }

    // ---- master data ----------------------------------------------------------------------------------------

    private GeneratedEvent join(Customer c) {
        begin(c, EventType.PROFILE_UPDATE, "web");
        e.name = c.nameValue("web", rnd);
        e.email = c.email("web", rnd);
        e.country = c.countryValue("web", rnd);
        e.city = c.cityValue("web", rnd);
        if (rnd.nextBoolean()) {
            e.birthDate = c.birthDateValue("web", rnd);
            e.gender = c.genderValue("web");
        }
        e.consent = consent(c, true);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("signupChannel", rnd.nextDouble() < c.persona.appShare ? "app" : "web");
        attributes.put("loyaltyTier", "bronze");
        putAttributes(attributes);
        if (c.consentEmail) {
            queue.push(now + MINUTE_MS + (long) (rnd.nextDouble() * 4 * MINUTE_MS), c.index, EMAIL_SEND, 0);
        }
        queue.push(now + 20_000 + (long) (rnd.nextDouble() * 40_000), c.index, SESSION_NOW, -1);
        scheduleProcesses(c);
        return emit(c);
    }

    private GeneratedEvent profile(Customer c, int kind) {
        if (kind == PROFILE_ROUTINE) {
            queue.push(now + exponential(PROFILE_UPDATES_PER_DAY / DAY_MS), c.index, PROFILE, PROFILE_ROUTINE);
        }
        if (c.cancelled) {
            return null;
        }
        if (kind == PROFILE_REVOKE) {
            c.consentEmail = false;
            begin(c, EventType.PROFILE_UPDATE, "web");
            e.consent = consent(c, false);
            return emit(c);
        }
        int r = rnd.nextInt(20);
        String source = kind == PROFILE_INITIAL || r < 6 ? "crm" : r < 12 ? "web" : r < 17 ? "erp" : "support";
        begin(c, EventType.PROFILE_UPDATE, source);
        Map<String, String> attributes = new LinkedHashMap<>();
        switch (source) {
            case "crm" -> {
                fullProfile(c, source);
                e.consent = consent(c, false);
                attributes.put("loyaltyTier", c.loyaltyTier);
                attributes.put("preferredChannel", c.preferredChannel);
            }
            case "web" -> {
                e.email = c.email(source, rnd);
                if (rnd.nextBoolean()) {
                    e.phone = c.phone(source, rnd);
                }
                if (rnd.nextInt(3) == 0) {
                    e.name = c.nameValue(source, rnd);
                    e.country = c.countryValue(source, rnd);
                    e.city = c.cityValue(source, rnd);
                }
                if (rnd.nextInt(5) == 0) {
                    e.birthDate = c.birthDateValue(source, rnd);
                    e.gender = c.genderValue(source);
                }
                if (c.consentEmail ? rnd.nextDouble() < 0.05 : rnd.nextDouble() < 0.15) {
                    c.consentEmail = !c.consentEmail;
                }
                e.consent = consent(c, true);
            }
            case "erp" -> {
                fullProfile(c, source);
                attributes.put("erpCustomerNumber", "ERP-" + (100_000 + c.index));
                attributes.put("paymentMethod", PAYMENT[rnd.nextInt(PAYMENT.length)]);
            }
            default -> {
                e.email = c.email(source, rnd);
                e.phone = c.phone(source, rnd);
                attributes.put("preferredChannel", c.preferredChannel);
            }
        }
        putAttributes(attributes);
        return emit(c);
    }

    private void fullProfile(Customer c, String source) {
        e.name = c.nameValue(source, rnd);
        e.email = c.email(source, rnd);
        e.phone = c.phone(source, rnd);
        e.country = c.countryValue(source, rnd);
        e.city = c.cityValue(source, rnd);
        e.birthDate = c.birthDateValue(source, rnd);
        e.gender = c.genderValue(source);
    }

    /** Sets the attributes, if any, and their kinds in the same order. */
    private void putAttributes(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return;
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        attributes.keySet().forEach(name -> kinds.put(name, ATTRIBUTE_KINDS.get(name)));
        e.attributes = attributes;
        e.attributeKinds = kinds;
    }

    private static Map<String, Boolean> consent(Customer c, boolean withPush) {
        Map<String, Boolean> consent = new LinkedHashMap<>();
        consent.put("email", c.consentEmail);
        consent.put("sms", c.consentSms);
        if (withPush) {
            consent.put("push", c.persona.appShare >= 0.5);
        }
        return consent;
    }

    private GeneratedEvent cancel(Customer c) {
        c.cancelled = true;
        begin(c, EventType.SUBSCRIPTION_CANCEL, rnd.nextBoolean() ? "web" : "crm");
        e.text = CANCEL_REASONS[rnd.nextInt(CANCEL_REASONS.length)];
        return emit(c);
    }

    // ---- messages -------------------------------------------------------------------------------------------

    private void begin(Customer c, EventType type, String source) {
        CustomerEvent x = e;
        x.eventId = nextEventId();
        x.type = type;
        x.timestamp = now;
        x.customerId = c.id;
        x.source = source;
        x.email = null;
        x.phone = null;
        x.anonymousId = null;
        x.sessionId = null;
        x.url = null;
        x.productId = null;
        x.category = null;
        x.quantity = null;
        x.unitPrice = null;
        x.orderId = null;
        x.amount = null;
        x.currency = null;
        x.items = null;
        x.campaignId = null;
        x.ticketId = null;
        x.subject = null;
        x.text = null;
        x.channel = null;
        x.ticketStatus = null;
        x.name = null;
        x.country = null;
        x.city = null;
        x.birthDate = null;
        x.gender = null;
        x.consent = null;
        x.attributes = null;
        x.attributeKinds = null;
    }

    /** Writes the event, with an app's early device clock, and maybe plans a re-send of the same bytes. */
    private GeneratedEvent emit(Customer c) {
        if ("app".equals(e.source)) {
            e.timestamp -= rnd.nextLong(APP_JITTER_MS);
        }
        byte[] value = writer.write(e);
        if (duplicateProb > 0 && rnd.nextDouble() < duplicateProb) {
            int id = park(new GeneratedEvent(c.id, c.key, value, e.timestamp, GeneratedEvent.Kind.DUPLICATE, null));
            queue.push(now + 200 + rnd.nextLong(DUPLICATE_DELAY_MS - 200), c.index, DUPLICATE, id);
        }
        return new GeneratedEvent(c.id, c.key, value, e.timestamp, GeneratedEvent.Kind.VALID, null);
    }

    private GeneratedEvent malformed() {
        Customer c = customers[rnd.nextInt(customers.length)];
        for (int i = 0; i < 8 && c.joinAt > now; i++) {
            c = customers[rnd.nextInt(customers.length)];
        }
        RejectReason reason = Malformed.REASONS.get(rnd.nextInt(Malformed.REASONS.size()));
        byte[] value = Malformed.make(reason, c, nextEventId(), now, rnd);
        return new GeneratedEvent(c.id, c.key, value, now, GeneratedEvent.Kind.MALFORMED, reason);
    }

    private String nextEventId() {
        long n = ++events;
        for (int i = eventId.length - 1; i >= eventIdPrefix; i--) {
            eventId[i] = (char) ('0' + n % 10);
            n /= 10;
        }
        return new String(eventId);
    }

    private int park(Object o) {
        int id = pendingIds++;
        pending.put(id, o);
        return id;
    }

    private static String pad(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** SplitMix64 finalizer: spreads the seed's bits into the event id prefix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static final class Campaign {
        final String id;
        final int category;
        final long start;
        final long saleUntil;
        final String landingUrl;

        Campaign(String id, int category, long start, long saleUntil) {
            this.id = id;
            this.category = category;
            this.start = start;
            this.saleUntil = saleUntil;
            this.landingUrl = Catalogue.SHOP + "/campaign/" + id + "?utm_source=email&utm_medium=email&utm_campaign="
                    + id;
        }
    }

    private record Refund(String orderId, List<LineItem> items, long totalCents, String currency) {}

    private static final class Ticket {
        final String id;
        final int topic;
        final String channel;
        String status = "open";

        Ticket(String id, int topic, String channel) {
            this.id = id;
            this.topic = topic;
            this.channel = channel;
        }
    }
}
