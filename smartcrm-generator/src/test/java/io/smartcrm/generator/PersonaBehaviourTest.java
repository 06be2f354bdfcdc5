package io.smartcrm.generator;

import static io.smartcrm.generator.Persona.BARGAIN_HUNTER;
import static io.smartcrm.generator.Persona.DRIFTING_AWAY;
import static io.smartcrm.generator.Persona.LOYAL_BIG_SPENDER;
import static io.smartcrm.generator.Persona.NEW_CUSTOMER;
import static io.smartcrm.generator.Persona.SUPPORT_HEAVY;
import static io.smartcrm.generator.Persona.WINDOW_SHOPPER;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Measures each persona over 200,000 messages (2,000 customers, about five simulated weeks). */
class PersonaBehaviourTest {
    private static final Map<Persona, Tally> TALLY = new EnumMap<>(Persona.class);
    private static long start;
    private static long end;
    /** Drifting customers whose decay began in the first ten days, and their activity early and late. */
    private static final Set<String> earlyDrifters = new HashSet<>();
    private static int earlyDriftersFirstThird;
    private static int earlyDriftersLastThird;

    /** What one persona did, summed over its customers. */
    private static final class Tally {
        int customers;
        double revenueEur;
        int purchases;
        int purchasesInSale;
        int refunds;
        int cartSessions;
        int boughtSessions;
        int sessions;
        int productViews;
        int ticketsOpened;
        int sends;
        int opens;
        int clicks;
        int cancels;
        int eventsFirstThird;
        int eventsLastThird;
        final Set<String> seen = new HashSet<>();
        final List<Long> firstSeen = new ArrayList<>();

        double perCustomer(double v) {
            return v / customers;
        }
    }

    @BeforeAll
    static void measure() {
        Streams.Sample sample = Streams.standard();
        EventGenerator generator = sample.generator();
        List<CustomerEvent> events = sample.valid();
        for (Persona p : Persona.values()) {
            TALLY.put(p, new Tally());
        }
        for (int i = 1; i <= generator.config().customers(); i++) {
            Customer c = generator.customer(String.format("C%06d", i));
            TALLY.get(c.persona).customers++;
            if (c.persona == DRIFTING_AWAY && c.driftStart < Streams.START.toEpochMilli() + 10 * EventGenerator.DAY_MS) {
                earlyDrifters.add(c.id);
            }
        }
        start = Streams.START.toEpochMilli();
        end = events.get(events.size() - 1).timestamp;
        long third = (end - start) / 3;

        List<long[]> sales = new ArrayList<>();
        Set<String> campaigns = new HashSet<>();
        Map<String, Set<EventType>> sessions = new HashMap<>();
        Map<String, Persona> sessionPersona = new HashMap<>();
        for (CustomerEvent e : events) {
            Persona p = generator.persona(e.customerId);
            Tally t = TALLY.get(p);
            if (t.seen.add(e.customerId)) {
                t.firstSeen.add(e.timestamp);
            }
            boolean early = earlyDrifters.contains(e.customerId);
            if (e.timestamp < start + third) {
                t.eventsFirstThird++;
                earlyDriftersFirstThird += early ? 1 : 0;
            } else if (e.timestamp >= end - third) {
                t.eventsLastThird++;
                earlyDriftersLastThird += early ? 1 : 0;
            }
            if (e.sessionId != null) {
                sessions.computeIfAbsent(e.sessionId, k -> new HashSet<>()).add(e.type);
                sessionPersona.put(e.sessionId, p);
            }
            switch (e.type) {
                case PURCHASE -> {
                    t.purchases++;
                    t.revenueEur += e.amount / ("GBP".equals(e.currency) ? 0.86 : "USD".equals(e.currency) ? 1.08 : 1);
                    long ts = e.timestamp;
                    if (sales.stream().anyMatch(s -> ts >= s[0] && ts < s[1])) {
                        t.purchasesInSale++;
                    }
                }
                case REFUND -> t.refunds++;
                case PRODUCT_VIEW -> t.productViews++;
                case SUPPORT_TICKET -> t.ticketsOpened += "open".equals(e.ticketStatus) ? 1 : 0;
                case EMAIL_SEND -> {
                    t.sends++;
                    if (!e.campaignId.equals(EventGenerator.WELCOME_CAMPAIGN) && campaigns.add(e.campaignId)) {
                        sales.add(new long[] {e.timestamp, e.timestamp + EventGenerator.SALE_WINDOW_MS});
                    }
                }
                case EMAIL_OPEN -> t.opens++;
                case EMAIL_CLICK -> t.clicks++;
                case SUBSCRIPTION_CANCEL -> t.cancels++;
                default -> { }
            }
        }
        sessions.forEach((id, types) -> {
            Tally t = TALLY.get(sessionPersona.get(id));
            t.sessions++;
            if (types.contains(EventType.ADD_TO_CART)) {
                t.cartSessions++;
                if (types.contains(EventType.PURCHASE)) {
                    t.boughtSessions++;
                }
            }
        });
    }

    @Test
    void loyalCustomersSpendMostThenBargainHuntersThenWindowShoppers() {
        double loyal = TALLY.get(LOYAL_BIG_SPENDER).perCustomer(TALLY.get(LOYAL_BIG_SPENDER).revenueEur);
        double bargain = TALLY.get(BARGAIN_HUNTER).perCustomer(TALLY.get(BARGAIN_HUNTER).revenueEur);
        double window = TALLY.get(WINDOW_SHOPPER).perCustomer(TALLY.get(WINDOW_SHOPPER).revenueEur);
        assertThat(loyal).isGreaterThan(3 * bargain);
        assertThat(bargain).isGreaterThan(1.5 * window);
        assertThat(window).isPositive();
    }

    @Test
    void windowShoppersBrowseMostAndAbandonTheirCarts() {
        Map<Persona, Double> abandonment = new EnumMap<>(Persona.class);
        TALLY.forEach((p, t) -> abandonment.put(p, 1 - t.boughtSessions / (double) t.cartSessions));
        assertThat(abandonment.get(WINDOW_SHOPPER)).isGreaterThan(0.9);
        assertThat(abandonment.get(LOYAL_BIG_SPENDER)).isLessThan(0.6);
        abandonment.forEach((p, a) -> {
            if (p != WINDOW_SHOPPER) {
                assertThat(abandonment.get(WINDOW_SHOPPER)).as("vs %s", p).isGreaterThan(a);
            }
        });
        Tally window = TALLY.get(WINDOW_SHOPPER);
        TALLY.forEach((p, t) -> {
            if (p != WINDOW_SHOPPER) {
                assertThat(window.productViews / (double) window.sessions).as("vs %s", p)
                        .isGreaterThan(1.5 * t.productViews / t.sessions);
            }
        });
    }

    @Test
    void supportHeavyCustomersOpenByFarTheMostTickets() {
        double heavy = TALLY.get(SUPPORT_HEAVY).perCustomer(TALLY.get(SUPPORT_HEAVY).ticketsOpened);
        assertThat(heavy).isGreaterThan(2);
        TALLY.forEach((p, t) -> {
            if (p != SUPPORT_HEAVY) {
                assertThat(heavy).as("vs %s", p).isGreaterThan(5 * t.perCustomer(t.ticketsOpened));
            }
        });
    }

    @Test
    void bargainHuntersBuyInSalesReactToEmailsAndReturnMore() {
        Tally bargain = TALLY.get(BARGAIN_HUNTER);
        Tally loyal = TALLY.get(LOYAL_BIG_SPENDER);
        Tally window = TALLY.get(WINDOW_SHOPPER);
        double bargainInSale = bargain.purchasesInSale / (double) bargain.purchases;
        double loyalInSale = loyal.purchasesInSale / (double) loyal.purchases;
        assertThat(bargainInSale).isGreaterThan(loyalInSale + 0.2);
        assertThat(bargain.clicks / (double) bargain.sends).isGreaterThan(2 * window.clicks / (double) window.sends);
        assertThat(bargain.opens / (double) bargain.sends).isGreaterThan(window.opens / (double) window.sends);
        assertThat(bargain.refunds / (double) bargain.purchases).isGreaterThan(2 * loyal.refunds / (double) loyal.purchases);
        Tally support = TALLY.get(SUPPORT_HEAVY);
        assertThat(support.refunds / (double) support.purchases).isGreaterThan(2 * loyal.refunds / (double) loyal.purchases);
    }

    @Test
    void driftingCustomersFadeAndSomeCancel() {
        Tally drifting = TALLY.get(DRIFTING_AWAY);
        Tally loyal = TALLY.get(LOYAL_BIG_SPENDER);
        assertThat(earlyDrifters.size()).isGreaterThan(10);
        assertThat(earlyDriftersLastThird / (double) earlyDriftersFirstThird).isLessThan(0.5);
        assertThat(loyal.eventsLastThird / (double) loyal.eventsFirstThird).isGreaterThan(0.7);
        assertThat(drifting.cancels).isGreaterThan(earlyDrifters.size() / 10);
        TALLY.forEach((p, t) -> {
            if (p != DRIFTING_AWAY) {
                assertThat(t.cancels).as("cancels of %s", p).isZero();
            }
        });
    }

    @Test
    void newCustomersAppearDuringTheRunOthersFromTheStart() {
        long hour = EventGenerator.HOUR_MS;
        Tally fresh = TALLY.get(NEW_CUSTOMER);
        assertThat(fresh.firstSeen).allMatch(t -> t >= start);
        long lateArrivals = fresh.firstSeen.stream().filter(t -> t > start + 3 * EventGenerator.DAY_MS).count();
        assertThat(lateArrivals).isGreaterThan(fresh.firstSeen.size() / 2);
        assertThat(fresh.seen.size()).isLessThan(fresh.customers / 2);
        for (Persona p : List.of(LOYAL_BIG_SPENDER, BARGAIN_HUNTER, WINDOW_SHOPPER, SUPPORT_HEAVY, DRIFTING_AWAY)) {
            Tally t = TALLY.get(p);
            assertThat(t.seen).as("%s seen", p).hasSize(t.customers);
            assertThat(t.firstSeen).as("%s first seen", p).allMatch(ts -> ts < start + 3 * hour);
        }
    }
}
