package io.smartcrm.job.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.job.elasticsearch.Documents;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.profile.CustomerProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The profile arithmetic on small hand-computed examples. */
class ProfileStateTest {
    static final ProfileSettings SETTINGS = new ProfileSettings(List.of("crm", "erp", "support", "app", "web", "email"),
            Duration.ofMinutes(30).toMillis(), Duration.ofHours(24).toMillis());
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    static final long MIN = 60_000L;
    /** Midnight UTC starting day 0 of every example. */
    static final long D0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    static final long NOW = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    private static int ids;

    static CustomerEvent ev(EventType type, long ts, Consumer<CustomerEvent> with) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "e" + (++ids);
        e.type = type;
        e.timestamp = ts;
        e.customerId = "c1";
        with.accept(e);
        return e;
    }

    static CustomerEvent ev(EventType type, long ts) {
        return ev(type, ts, e -> { });
    }

    static CustomerEvent purchase(long ts, double amount) {
        return ev(EventType.PURCHASE, ts, e -> e.amount = amount);
    }

    static CustomerEvent refund(long ts, double amount) {
        return ev(EventType.REFUND, ts, e -> e.amount = amount);
    }

    static CustomerEvent view(long ts, String session) {
        return ev(EventType.PAGE_VIEW, ts, e -> e.sessionId = session);
    }

    static CustomerEvent cartAdd(long ts) {
        return ev(EventType.ADD_TO_CART, ts, e -> e.productId = "p");
    }

    static ProfileState state(CustomerEvent... events) {
        ProfileState s = new ProfileState();
        s.customerId = "c1";
        for (CustomerEvent e : events) {
            s.apply(e, false, SETTINGS);
        }
        return s;
    }

    static CustomerProfile doc(ProfileState s) {
        return s.toDocument(SETTINGS, NOW);
    }

    static CustomerProfile doc(CustomerEvent... events) {
        return doc(state(events));
    }

    /** The document as JSON without {@code updatedAt}, for comparing whole documents. */
    static JsonNode comparable(CustomerProfile p) {
        try {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(Documents.json(p));
            tree.remove("updatedAt");
            return tree;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class Lifetime {
        @Test
        void firstLastSeenTenureAndEventCount() {
            CustomerProfile p = doc(view(D0 + 10 * HOUR, null), ev(EventType.LOGIN, D0 + 12 * DAY + HOUR),
                    view(D0 + 3 * DAY, null));
            assertThat(p.customerId).isEqualTo("c1");
            assertThat(p.eventCount).isEqualTo(3);
            assertThat(p.firstSeen).isEqualTo("2024-05-01T10:00:00Z");
            assertThat(p.lastSeen).isEqualTo("2024-05-13T01:00:00Z");
            assertThat(p.asOf).isEqualTo("2024-05-13T01:00:00Z");
            assertThat(p.tenureDays).isEqualTo(11); // 11 days 15 hours
            assertThat(p.updatedAt).isEqualTo("2030-01-01T00:00:00Z");
            assertThat(p.lateEvents).isZero();
        }

        @Test
        void anEmptyProfileHasNoFigures() {
            CustomerProfile p = doc(new ProfileState());
            assertThat(p.eventCount).isZero();
            assertThat(p.firstSeen).isNull();
            assertThat(p.tenureDays).isNull();
            assertThat(p.orders.avgOrderValue).isNull();
            assertThat(p.engagement.cartAbandonmentRate).isNull();
            assertThat(p.engagement.emailOpenRate).isNull();
        }
    }

    @Nested
    class Orders {
        @Test
        void ordersRevenueRefundsAndAverageOrderValue() {
            CustomerProfile p = doc(purchase(D0 + 10 * HOUR, 100), purchase(D0 + 2 * DAY + 10 * HOUR, 50.25),
                    refund(D0 + 3 * DAY + 10 * HOUR, 30.1), purchase(D0 + DAY, 19.99));
            CustomerProfile.Orders o = p.orders;
            assertThat(o.count).isEqualTo(3);
            assertThat(o.grossRevenue).isEqualTo(170.24);
            assertThat(o.refunds).isEqualTo(1);
            assertThat(o.refundAmount).isEqualTo(30.1);
            assertThat(o.revenue).isEqualTo(140.14); // 170.24 - 30.10
            assertThat(o.avgOrderValue).isEqualTo(56.75); // 170.24 / 3 = 56.7466…
            assertThat(o.firstPurchaseAt).isEqualTo("2024-05-01T10:00:00Z");
            assertThat(o.lastPurchaseAt).isEqualTo("2024-05-03T10:00:00Z");
            assertThat(o.daysSinceLastPurchase).isEqualTo(1); // as of the refund, a day later
        }

        @Test
        void refundsWithoutPurchasesGiveNegativeRevenueAndNoAverage() {
            CustomerProfile p = doc(refund(D0, 20));
            assertThat(p.orders.count).isZero();
            assertThat(p.orders.revenue).isEqualTo(-20.0);
            assertThat(p.orders.avgOrderValue).isNull();
            assertThat(p.orders.lastPurchaseAt).isNull();
            assertThat(p.orders.daysSinceLastPurchase).isNull();
        }

        @Test
        void daysSinceLastPurchaseGrowsWithTheDailyRefresh() {
            ProfileState s = state(purchase(D0 + 2 * DAY + 10 * HOUR, 10));
            assertThat(doc(s).orders.daysSinceLastPurchase).isZero();
            s.refresh(D0 + 10 * DAY);
            assertThat(doc(s).orders.daysSinceLastPurchase).isEqualTo(7); // 7 days 14 hours
            assertThat(doc(s).asOf).isEqualTo("2024-05-11T00:00:00Z");
        }

        @Test
        void distinctProductsAndTopCategoriesWeightedByQuantity() {
            CustomerProfile p = doc(
                    ev(EventType.PURCHASE, D0, e -> {
                        e.amount = 50.0;
                        e.items = List.of(new LineItem("p1", "shoes", 1, 20), new LineItem("p2", "hats", 3, 10));
                    }),
                    ev(EventType.PURCHASE, D0 + HOUR, e -> {
                        e.amount = 30.0;
                        e.items = List.of(new LineItem("p1", "shoes", 1, 20), new LineItem("p3", "bags", 1, 10));
                    }),
                    ev(EventType.PURCHASE, D0 + 2 * HOUR, e -> {
                        e.amount = 5.0;
                        e.productId = "p4";
                    }),
                    ev(EventType.PRODUCT_VIEW, D0, e -> {
                        e.productId = "p9";
                        e.category = "coats";
                    }));
            assertThat(p.orders.distinctProducts).isEqualTo(4); // p1 p2 p3 p4; views do not count
            // hats 3, shoes 2, bags 1, coats 1 (ties by name)
            assertThat(p.orders.topCategories).containsExactly("hats", "shoes", "bags");
        }
    }

    @Nested
    class Windows {
        /** Purchases of 1, 2, 4, 8, 16, 32 and 64 on days 100, 94, 93, 71, 70, 11 and 10. */
        ProfileState spread() {
            return state(purchase(D0 + 100 * DAY + HOUR, 1), purchase(D0 + 94 * DAY, 2), purchase(D0 + 93 * DAY, 4),
                    purchase(D0 + 71 * DAY, 8), purchase(D0 + 70 * DAY, 16), purchase(D0 + 11 * DAY, 32),
                    purchase(D0 + 10 * DAY, 64));
        }

        @Test
        void windowsEndOnTheAsOfDayInclusive() {
            CustomerProfile p = doc(spread());
            assertThat(p.windows.d7.orders).isEqualTo(2);
            assertThat(p.windows.d7.revenue).isEqualTo(3.0);
            assertThat(p.windows.d30.orders).isEqualTo(4);
            assertThat(p.windows.d30.revenue).isEqualTo(15.0);
            assertThat(p.windows.d90.orders).isEqualTo(6);
            assertThat(p.windows.d90.revenue).isEqualTo(63.0);
            assertThat(p.windows.d90.activeDays).isEqualTo(6);
            assertThat(p.orders.count).isEqualTo(7);
            assertThat(p.orders.grossRevenue).isEqualTo(127.0);
        }

        @Test
        void windowsSlideOnRefreshWithoutEvents() {
            ProfileState s = spread();
            s.refresh(D0 + 101 * DAY);
            CustomerProfile p = doc(s);
            assertThat(p.windows.d7.revenue).isEqualTo(1.0); // day 94 left the week
            assertThat(p.windows.d30.revenue).isEqualTo(7.0); // day 71 left the month
            assertThat(p.windows.d90.revenue).isEqualTo(31.0); // day 11 left the quarter
            s.refresh(D0 + 200 * DAY);
            p = doc(s);
            assertThat(p.windows.d90.orders).isZero();
            assertThat(p.windows.d90.revenue).isZero();
            assertThat(p.windows.d90.activeDays).isZero();
            assertThat(p.orders.count).as("lifetime unaffected").isEqualTo(7);
            assertThat(s.days).as("old buckets pruned").isEmpty();
        }

        @Test
        void refundsReduceWindowRevenueAndEngagementIsCountedPerDay() {
            CustomerProfile p = doc(purchase(D0 + HOUR, 100), refund(D0 + 2 * HOUR, 40),
                    view(D0 + 3 * HOUR, null), view(D0 + 3 * HOUR + MIN, null), cartAdd(D0 + 3 * HOUR + 2 * MIN),
                    ev(EventType.EMAIL_OPEN, D0 + 4 * HOUR, e -> e.campaignId = "m"),
                    ev(EventType.EMAIL_CLICK, D0 + 4 * HOUR, e -> e.campaignId = "m"),
                    ev(EventType.SUPPORT_TICKET, D0 + 5 * HOUR, e -> e.ticketId = "t1"));
            CustomerProfile.WindowFigures w = p.windows.d7;
            assertThat(w.orders).isEqualTo(1);
            assertThat(w.revenue).isEqualTo(60.0);
            assertThat(w.pageViews).isEqualTo(2);
            assertThat(w.cartAdds).isEqualTo(1);
            assertThat(w.sessions).isEqualTo(1);
            assertThat(w.emailOpens).isEqualTo(1);
            assertThat(w.emailClicks).isEqualTo(1);
            assertThat(w.tickets).isEqualTo(1);
            assertThat(w.activeDays).isEqualTo(1);
            assertThat(comparable(p).path("windows").path("d30")).isEqualTo(comparable(p).path("windows").path("d7"));
        }

        @Test
        void eventsOlderThanTheQuarterOnlyCountForLifetime() {
            CustomerProfile p = doc(purchase(D0 + 100 * DAY, 5), purchase(D0 + 5 * DAY, 7));
            assertThat(p.windows.d90.revenue).isEqualTo(5.0);
            assertThat(p.orders.revenue).isEqualTo(12.0);
        }
    }

    @Nested
    class Sessions {
        @Test
        void bySessionIdEachDistinctIdIsOneSession() {
            // two tabs: s1 and s2 interleave
            CustomerProfile p = doc(view(D0 + 10 * HOUR, "s1"), view(D0 + 10 * HOUR + 5 * MIN, "s1"),
                    view(D0 + 10 * HOUR + 10 * MIN, "s2"), ev(EventType.LOGIN, D0 + 10 * HOUR + 20 * MIN, e -> e.sessionId = "s1"),
                    view(D0 + 15 * HOUR, "s3"));
            assertThat(p.engagement.sessions).isEqualTo(3);
            assertThat(p.engagement.pageViews).isEqualTo(4);
            assertThat(p.engagement.logins).isEqualTo(1);
        }

        @Test
        void withoutSessionIdByInactivityGap() {
            // 10:00 10:20 10:45 | 11:30 11:50 (45 min gap > 30)
            CustomerProfile p = doc(view(D0 + 600 * MIN, null), view(D0 + 620 * MIN, null), view(D0 + 645 * MIN, null),
                    view(D0 + 690 * MIN, null), view(D0 + 710 * MIN, null));
            assertThat(p.engagement.sessions).isEqualTo(2);
        }

        @Test
        void aGapOfExactlyTheSessionGapContinuesTheSession() {
            assertThat(doc(view(D0, null), view(D0 + 30 * MIN, null)).engagement.sessions).isEqualTo(1);
            assertThat(doc(view(D0, null), view(D0 + 30 * MIN + 1, null)).engagement.sessions).isEqualTo(2);
        }

        @Test
        void outOfOrderEventsGiveTheSameSessions() {
            assertThat(doc(view(D0 + 710 * MIN, null), view(D0 + 600 * MIN, null), view(D0 + 690 * MIN, null),
                    view(D0 + 620 * MIN, null), view(D0 + 645 * MIN, null)).engagement.sessions).isEqualTo(2);
        }

        @Test
        void aLateEventBridgingTwoSessionsMergesThem() {
            ProfileState s = state(view(D0 + 600 * MIN, null), view(D0 + 650 * MIN, null));
            assertThat(doc(s).engagement.sessions).isEqualTo(2);
            s.apply(view(D0 + 625 * MIN, null), true, SETTINGS);
            assertThat(doc(s).engagement.sessions).isEqualTo(1);
            assertThat(doc(s).windows.d7.sessions).isEqualTo(1);
        }

        @Test
        void onlyEngagementEventsMakeSessions() {
            CustomerProfile p = doc(purchase(D0, 10), ev(EventType.EMAIL_OPEN, D0, e -> e.campaignId = "m"),
                    ev(EventType.PROFILE_UPDATE, D0), cartAdd(D0 + 2 * HOUR),
                    ev(EventType.REMOVE_FROM_CART, D0 + 2 * HOUR + MIN, e -> e.productId = "p"),
                    ev(EventType.PRODUCT_VIEW, D0 + 2 * HOUR + 2 * MIN, e -> e.productId = "p"));
            assertThat(p.engagement.sessions).isEqualTo(1);
            assertThat(p.engagement.productViews).isEqualTo(1);
            assertThat(p.engagement.cartRemoves).isEqualTo(1);
        }

        @Test
        void aSessionCountsForTheDayItStarted() {
            ProfileState s = state(view(D0 + DAY - 10 * MIN, null), view(D0 + DAY + 10 * MIN, null));
            s.refresh(D0 + 7 * DAY);
            CustomerProfile p = doc(s);
            assertThat(p.engagement.sessions).isEqualTo(1);
            assertThat(p.windows.d7.sessions).as("started on day 0, outside the last 7 days").isZero();
            assertThat(p.windows.d7.activeDays).isEqualTo(1);
        }
    }

    @Nested
    class Carts {
        @Test
        void aPurchaseConvertsTheOpenCart() {
            CustomerProfile p = doc(cartAdd(D0 + 10 * HOUR), cartAdd(D0 + 10 * HOUR + 5 * MIN), purchase(D0 + 11 * HOUR, 20));
            assertThat(p.engagement.cartAdds).isEqualTo(2);
            assertThat(p.engagement.cartsConverted).isEqualTo(1);
            assertThat(p.engagement.cartsAbandoned).isZero();
            assertThat(p.engagement.cartAbandonmentRate).isEqualTo(0.0);
        }

        @Test
        void aCartIdleLongerThanTheAbandonTimeIsAbandonedWhenANewOneOpens() {
            CustomerProfile p = doc(cartAdd(D0 + 10 * HOUR), cartAdd(D0 + 2 * DAY + 10 * HOUR), purchase(D0 + 2 * DAY + 11 * HOUR, 5));
            assertThat(p.engagement.cartsAbandoned).isEqualTo(1);
            assertThat(p.engagement.cartsConverted).isEqualTo(1);
            assertThat(p.engagement.cartAbandonmentRate).isEqualTo(0.5);
        }

        @Test
        void abandonmentAtDocumentTime() {
            ProfileState s = state(cartAdd(D0 + 10 * HOUR), view(D0 + DAY + 9 * HOUR, null));
            assertThat(doc(s).engagement.cartsAbandoned).as("23 h idle: still open").isZero();
            s.apply(view(D0 + DAY + 11 * HOUR, null), false, SETTINGS);
            assertThat(doc(s).engagement.cartsAbandoned).as("25 h idle").isEqualTo(1);
            assertThat(doc(s).engagement.cartAbandonmentRate).isEqualTo(1.0);
        }

        @Test
        void abandonmentAtDocumentTimeAlsoOnTheDailyRefresh() {
            ProfileState s = state(cartAdd(D0 + 10 * HOUR));
            s.refresh(D0 + 2 * DAY);
            assertThat(doc(s).engagement.cartsAbandoned).isEqualTo(1);
        }

        @Test
        void cartActivityKeepsTheCartOpen() {
            CustomerProfile p = doc(cartAdd(D0 + 10 * HOUR), ev(EventType.REMOVE_FROM_CART, D0 + 20 * HOUR, e -> e.productId = "p"),
                    purchase(D0 + DAY + 19 * HOUR, 5)); // 23 h after the last cart activity, 33 h after opening
            assertThat(p.engagement.cartsConverted).isEqualTo(1);
            assertThat(p.engagement.cartsAbandoned).isZero();
        }

        @Test
        void aPurchaseAfterTheAbandonTimeDoesNotConvertTheAbandonedCart() {
            CustomerProfile p = doc(cartAdd(D0 + 10 * HOUR), purchase(D0 + 2 * DAY, 5));
            assertThat(p.engagement.cartsAbandoned).isEqualTo(1);
            assertThat(p.engagement.cartsConverted).isZero();
        }

        @Test
        void cartFiguresDoNotDependOnWhenDocumentsAreMade() {
            CustomerEvent[] events = {cartAdd(D0 + 10 * HOUR), view(D0 + DAY + 12 * HOUR, null), purchase(D0 + 2 * DAY, 5)};
            ProfileState once = state(events);
            ProfileState often = new ProfileState();
            often.customerId = "c1";
            for (CustomerEvent e : events) {
                often.apply(e, false, SETTINGS);
                doc(often);
            }
            assertThat(comparable(doc(often))).isEqualTo(comparable(doc(once)));
        }

        @Test
        void aPurchaseWithoutACartConvertsNothing() {
            CustomerProfile p = doc(purchase(D0, 5));
            assertThat(p.engagement.cartsConverted).isZero();
            assertThat(p.engagement.cartAbandonmentRate).isNull();
        }

        @Test
        void outOfOrderCartEventsGiveTheSameFigures() {
            CustomerProfile p = doc(purchase(D0 + 11 * HOUR, 20), cartAdd(D0 + 10 * HOUR));
            assertThat(p.engagement.cartsConverted).isEqualTo(1);
            assertThat(p.engagement.cartsAbandoned).isZero();
        }
    }

    @Nested
    class EmailsTicketsSubscription {
        @Test
        void openAndClickRatesPerEmailSent() {
            List<CustomerEvent> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                events.add(ev(EventType.EMAIL_SEND, D0 + i * HOUR, e -> e.campaignId = "m"));
            }
            for (int i = 0; i < 3; i++) {
                events.add(ev(EventType.EMAIL_OPEN, D0 + i * HOUR + MIN, e -> e.campaignId = "m"));
            }
            events.add(ev(EventType.EMAIL_CLICK, D0 + 2 * MIN, e -> e.campaignId = "m"));
            CustomerProfile p = doc(events.toArray(CustomerEvent[]::new));
            assertThat(p.engagement.emailsSent).isEqualTo(4);
            assertThat(p.engagement.emailOpens).isEqualTo(3);
            assertThat(p.engagement.emailClicks).isEqualTo(1);
            assertThat(p.engagement.emailOpenRate).isEqualTo(0.75);
            assertThat(p.engagement.emailClickRate).isEqualTo(0.25);
        }

        @Test
        void ratesAreCappedAtOneAndAbsentWithoutSends() {
            CustomerProfile p = doc(ev(EventType.EMAIL_SEND, D0, e -> e.campaignId = "m"),
                    ev(EventType.EMAIL_OPEN, D0 + 1, e -> e.campaignId = "m"),
                    ev(EventType.EMAIL_OPEN, D0 + 2, e -> e.campaignId = "m"));
            assertThat(p.engagement.emailOpenRate).isEqualTo(1.0);
            assertThat(doc(ev(EventType.EMAIL_OPEN, D0, e -> e.campaignId = "m")).engagement.emailOpenRate).isNull();
        }

        static CustomerEvent ticket(String id, String status, long ts) {
            return ev(EventType.SUPPORT_TICKET, ts, e -> {
                e.ticketId = id;
                e.ticketStatus = status;
            });
        }

        @Test
        void ticketsAreCountedOnceAndOpenByTheirNewestStatus() {
            CustomerProfile p = doc(ticket("t1", null, D0 + HOUR), ticket("t1", "pending", D0 + 2 * HOUR),
                    ticket("t2", "open", D0 + HOUR), ticket("t2", "closed", D0 + 3 * HOUR),
                    ticket("t3", "resolved", D0 + 4 * HOUR), ticket("t4", "closed", D0 + 6 * HOUR),
                    ticket("t4", "open", D0 + 5 * HOUR)); // the older "open" arrives last
            assertThat(p.support.tickets).isEqualTo(4);
            assertThat(p.support.openTickets).isEqualTo(1); // t1 pending
            assertThat(p.support.lastTicketAt).isEqualTo("2024-05-01T06:00:00Z");
            assertThat(p.windows.d7.tickets).isEqualTo(4);
        }

        @Test
        void simultaneousStatusesResolveTheSameWayInAnyOrder() {
            CustomerProfile a = doc(ticket("t1", "open", D0), ticket("t1", "closed", D0));
            CustomerProfile b = doc(ticket("t1", "closed", D0), ticket("t1", "open", D0));
            assertThat(a.support.openTickets).isEqualTo(b.support.openTickets);
        }

        @Test
        void cancellation() {
            CustomerProfile p = doc(view(D0, null), ev(EventType.SUBSCRIPTION_CANCEL, D0 + 5 * HOUR),
                    ev(EventType.SUBSCRIPTION_CANCEL, D0 + 2 * HOUR));
            assertThat(p.subscription.cancelled).isTrue();
            assertThat(p.subscription.cancelledAt).isEqualTo("2024-05-01T05:00:00Z");
            assertThat(doc(view(D0, null)).subscription.cancelled).isFalse();
        }
    }

    @Nested
    class MasterData {
        CustomerEvent update(String source, long ts, Consumer<CustomerEvent> with) {
            return ev(EventType.PROFILE_UPDATE, ts, e -> {
                e.source = source;
                with.accept(e);
            });
        }

        @Test
        void newestWinsAmongEqualSources() {
            CustomerProfile p = doc(update("web", D0 + 2 * HOUR, e -> e.name = "Ann B"), update("web", D0 + HOUR, e -> e.name = "Ann A"));
            assertThat(p.name).isEqualTo("Ann B");
        }

        @Test
        void aMoreTrustedSourceWinsOverANewerLessTrustedOne() {
            CustomerProfile p = doc(update("crm", D0, e -> {
                e.email = "crm@x.com";
                e.country = "GB";
            }), update("web", D0 + DAY, e -> {
                e.email = "web@x.com";
                e.country = "IE";
                e.city = "Dublin";
            }));
            assertThat(p.email).isEqualTo("crm@x.com");
            assertThat(p.country).isEqualTo("GB");
            assertThat(p.city).as("no crm value for city").isEqualTo("Dublin");
        }

        @Test
        void unlistedAndMissingSourcesRankBelowListedOnes() {
            assertThat(doc(update("email", D0, e -> e.name = "Listed"), update("pos", D0 + DAY, e -> e.name = "Unlisted")).name)
                    .isEqualTo("Listed");
            assertThat(doc(update(null, D0 + DAY, e -> e.name = "NoSource"), update("pos", D0, e -> e.name = "Pos")).name)
                    .as("unlisted and missing rank equally: newest wins").isEqualTo("NoSource");
        }

        @Test
        void contactDataComesFromAnyEventType() {
            CustomerProfile p = doc(ev(EventType.PURCHASE, D0, e -> {
                e.amount = 1.0;
                e.email = "buyer@x.com";
                e.phone = "+442079460000";
            }));
            assertThat(p.email).isEqualTo("buyer@x.com");
            assertThat(p.phone).isEqualTo("+442079460000");
        }

        @Test
        void consentAndAttributesWinPerKey() {
            CustomerProfile p = doc(
                    update("web", D0, e -> {
                        e.consent = Map.of("email", true, "sms", true);
                        e.attributes = Map.of("tier", "silver", "lang", "en");
                    }),
                    update("web", D0 + HOUR, e -> {
                        e.consent = Map.of("sms", false);
                        e.attributes = Map.of("tier", "gold");
                    }));
            assertThat(p.consent).containsExactly(Map.entry("email", true), Map.entry("sms", false));
            assertThat(p.attributes).containsExactly(Map.entry("lang", "en"), Map.entry("tier", "gold"));
            assertThat(p.birthDate).isNull();
        }

        @Test
        void theNewestDeclaredKindWinsPerAttributeWhateverTheSourceOrArrival() {
            CustomerEvent a = update("crm", D0, e -> {
                e.attributes = Map.of("tier", "gold", "tenure", "12");
                e.attributeKinds = Map.of("tier", "categorical", "tenure", "numeric");
            });
            CustomerEvent b = update("web", D0 + HOUR, e -> e.attributeKinds = Map.of("tier", "text"));
            CustomerEvent older = update("crm", D0 - HOUR, e -> e.attributeKinds = Map.of("tenure", "label"));
            CustomerProfile p = doc(a, b, older);
            assertThat(p.attributeKinds).isInstanceOf(TreeMap.class)
                    .containsExactly(Map.entry("tenure", "numeric"), Map.entry("tier", "text"));
            assertThat(p.attributes).as("the value still follows source precedence")
                    .containsEntry("tier", "gold");
            assertThat(doc(older, b, a).attributeKinds).isEqualTo(p.attributeKinds);
        }

        @Test
        void kindsAreOutputOnlyForAttributesTheProfileHolds() {
            CustomerEvent declared = update("crm", D0,
                    e -> e.attributeKinds = Map.of("churned", "label", "ghost", "text"));
            assertThat(doc(declared).attributeKinds).as("no attributes, no kinds").isNull();
            CustomerEvent valued = update("web", D0 + HOUR, e -> e.attributes = Map.of("churned", "false"));
            assertThat(doc(declared, valued).attributeKinds).containsExactly(Map.entry("churned", "label"));
            assertThat(doc(valued).attributeKinds).as("an attribute without a declared kind").isNull();
        }

        @Test
        void simultaneousKindsResolveTheSameWayInAnyOrderWithALabelFirst() {
            CustomerEvent label = update("web", D0, e -> e.attributeKinds = Map.of("churned", "label", "plan", "text"));
            CustomerEvent flag = update("crm", D0, e -> {
                e.attributes = Map.of("churned", "true", "plan", "basic");
                e.attributeKinds = Map.of("churned", "boolean", "plan", "categorical");
            });
            assertThat(doc(label, flag).attributeKinds).isEqualTo(doc(flag, label).attributeKinds)
                    .containsExactly(Map.entry("churned", "label"), Map.entry("plan", "text"));
        }

        @Test
        void equalSourceAndTimeIsDecidedByValueNotByArrival() {
            CustomerEvent a = update("web", D0, e -> e.gender = "f");
            CustomerEvent b = update("web", D0, e -> e.gender = "m");
            assertThat(doc(a, b).gender).isEqualTo(doc(b, a).gender).isEqualTo("m");
        }
    }

    /**
     * A customer's varied history over 43 hours, for order-independence: within the memory of session and cart
     * details (the cart abandonment time of 24 h plus a day), events in any order give the same figures.
     */
    static List<CustomerEvent> history() {
        List<CustomerEvent> events = new ArrayList<>();
        events.add(ev(EventType.PROFILE_UPDATE, D0 + HOUR, e -> {
            e.source = "web";
            e.name = "Ann";
            e.email = "ann@web.com";
            e.country = "IE";
            e.consent = Map.of("email", true);
        }));
        events.add(ev(EventType.PROFILE_UPDATE, D0 + 2 * HOUR, e -> {
            e.source = "crm";
            e.email = "ann@crm.com";
            e.birthDate = "1990-02-03";
            e.attributes = Map.of("tier", "gold");
            e.attributeKinds = Map.of("tier", "categorical");
        }));
        events.add(ev(EventType.PROFILE_UPDATE, D0 + 3 * HOUR, e -> {
            e.source = "web";
            e.name = "Ann Smith";
            e.consent = Map.of("email", false, "sms", true);
            e.attributeKinds = Map.of("tier", "text");
        }));
        events.add(view(D0 + 10 * HOUR, null));
        events.add(view(D0 + 10 * HOUR + 20 * MIN, null));
        events.add(view(D0 + 10 * HOUR + 45 * MIN, "s9"));
        events.add(cartAdd(D0 + 10 * HOUR + 25 * MIN));
        events.add(ev(EventType.PURCHASE, D0 + 10 * HOUR + 50 * MIN, e -> {
            e.amount = 42.5;
            e.items = List.of(new LineItem("p1", "shoes", 1, 42.5));
        }));
        events.add(view(D0 + 11 * HOUR + 30 * MIN, null));
        events.add(cartAdd(D0 + 11 * HOUR + 31 * MIN));
        events.add(ev(EventType.EMAIL_SEND, D0 + 12 * HOUR, e -> e.campaignId = "m"));
        events.add(ev(EventType.EMAIL_OPEN, D0 + 13 * HOUR, e -> e.campaignId = "m"));
        events.add(ev(EventType.SUPPORT_TICKET, D0 + 14 * HOUR, e -> e.ticketId = "t1"));
        events.add(ev(EventType.SUPPORT_TICKET, D0 + 16 * HOUR, e -> {
            e.ticketId = "t1";
            e.ticketStatus = "closed";
        }));
        events.add(refund(D0 + DAY, 10));
        events.add(ev(EventType.LOGIN, D0 + DAY + 13 * HOUR, e -> e.source = "app"));
        events.add(purchase(D0 + DAY + 20 * HOUR, 15));
        return events;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theSameEventsInAnyOrderGiveTheSameDocument(long seed) {
        List<CustomerEvent> inOrder = history();
        List<CustomerEvent> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(seed));
        ProfileState a = state(inOrder.toArray(CustomerEvent[]::new));
        ProfileState b = state(shuffled.toArray(CustomerEvent[]::new));
        JsonNode expected = comparable(a.toDocument(SETTINGS, NOW));
        assertThat(comparable(b.toDocument(SETTINGS, NOW + 12345))).isEqualTo(expected);
        // and the hand-computed figures of that history
        CustomerProfile p = a.toDocument(SETTINGS, NOW);
        assertThat(p.name).isEqualTo("Ann Smith");
        assertThat(p.email).isEqualTo("ann@crm.com");
        assertThat(p.consent).containsExactly(Map.entry("email", false), Map.entry("sms", true));
        assertThat(p.attributeKinds).containsExactly(Map.entry("tier", "text"));
        // gap runs 10:00–10:25 (the cart add is engagement too), 11:30–11:31 and the next day's login; plus s9
        assertThat(p.engagement.sessions).isEqualTo(4);
        assertThat(p.engagement.cartsConverted).isEqualTo(1);
        assertThat(p.engagement.cartsAbandoned).isEqualTo(1); // the 11:31 cart, idle 32 h when the next purchase came
        assertThat(p.orders.revenue).isEqualTo(47.5);
        assertThat(p.support.openTickets).isZero();
    }

    /** The state is Flink POJO state: every field, attribute kinds included, survives its serializer. */
    @Test
    void theStateIsAPojoAndSurvivesItsSerializer() throws Exception {
        PojoTestUtils.assertSerializedAsPojo(ProfileState.class);
        ProfileState s = state(history().toArray(CustomerEvent[]::new));
        TypeSerializer<ProfileState> serializer =
                TypeInformation.of(ProfileState.class).createSerializer(new SerializerConfigImpl());
        ProfileState back = InstantiationUtil.deserializeFromByteArray(serializer,
                InstantiationUtil.serializeToByteArray(serializer, s));
        assertThat(back.attributeKinds).isEqualTo(s.attributeKinds).containsOnlyKeys("tier");
        assertThat(comparable(doc(back))).isEqualTo(comparable(doc(s)));
    }

    @Test
    void sessionDetailsOlderThanTheMemoryAreFinal() {
        ProfileState s = state(view(D0 + 600 * MIN, null), view(D0 + 620 * MIN, null), view(D0 + 3 * DAY, null));
        assertThat(s.gapSessions).as("the day-0 session is forgotten, still counted").hasSize(1);
        s.apply(view(D0 + 610 * MIN, null), true, SETTINGS);
        // beyond the memory a late event cannot join the session it belonged to: it counts as one of its own
        assertThat(doc(s).engagement.sessions).isEqualTo(3);
    }

    @Test
    void cartDetailsOlderThanTheMemoryAreSettledWithTheSameResult() {
        ProfileState s = state(cartAdd(D0 + HOUR), purchase(D0 + 2 * HOUR, 5), cartAdd(D0 + 3 * HOUR));
        ProfileState unsettled = state(cartAdd(D0 + HOUR), purchase(D0 + 2 * HOUR, 5), cartAdd(D0 + 3 * HOUR));
        unsettled.refresh(D0 + 10 * DAY); // a refresh moves asOf but settles nothing
        assertThat(unsettled.cartMarks).hasSize(3);
        CustomerProfile before = doc(unsettled);
        s.apply(view(D0 + 10 * DAY, null), false, SETTINGS);
        assertThat(s.cartMarks).as("settled").isEmpty();
        assertThat(s.cartsConverted).isEqualTo(1);
        assertThat(doc(s).engagement.cartsConverted).isEqualTo(before.engagement.cartsConverted).isEqualTo(1);
        assertThat(doc(s).engagement.cartsAbandoned).isEqualTo(before.engagement.cartsAbandoned).isEqualTo(1);
    }

    @Nested
    class LateEventsAndVersions {
        @Test
        void lateEventsAreAppliedToLifetimeAndWindowsAndCounted() {
            ProfileState s = state(purchase(D0 + 5 * DAY, 10));
            s.apply(purchase(D0 + 2 * DAY, 20), true, SETTINGS);
            CustomerProfile p = doc(s);
            assertThat(p.lateEvents).isEqualTo(1);
            assertThat(p.eventCount).isEqualTo(2);
            assertThat(p.orders.count).isEqualTo(2);
            assertThat(p.orders.revenue).isEqualTo(30.0);
            assertThat(p.orders.firstPurchaseAt).isEqualTo("2024-05-03T00:00:00Z");
            assertThat(p.windows.d7.revenue).isEqualTo(30.0);
            assertThat(p.asOf).as("a late event does not move asOf back").isEqualTo("2024-05-06T00:00:00Z");
        }

        @Test
        void versionsIncreaseWithEveryEventAndRefresh() {
            ProfileState s = new ProfileState();
            List<Long> versions = new ArrayList<>();
            versions.add(s.version());
            s.apply(view(D0, null), false, SETTINGS);
            versions.add(s.version());
            s.refresh(D0 + DAY);
            versions.add(s.version());
            s.refresh(D0 + 2 * DAY);
            versions.add(s.version());
            s.apply(view(D0 + HOUR, null), true, SETTINGS); // late: still a new version
            versions.add(s.version());
            s.refresh(D0 + 3 * DAY);
            versions.add(s.version());
            s.apply(view(D0 + 3 * DAY + HOUR, null), false, SETTINGS);
            versions.add(s.version());
            assertThat(versions).isSorted().doesNotHaveDuplicates();
            assertThat(doc(s).version).isEqualTo(s.version());
        }

        @Test
        void aRefreshThatDoesNotMoveTimeChangesNothing() {
            ProfileState s = state(view(D0 + 5 * HOUR, null));
            long v = s.version();
            s.refresh(D0 + 5 * HOUR);
            s.refresh(D0);
            assertThat(s.version()).isEqualTo(v);
            assertThat(doc(s).asOf).isEqualTo("2024-05-01T05:00:00Z");
        }

        @Test
        void recentActivityLastsNinetyOneDaysAfterTheLastEvent() {
            ProfileState s = state(view(D0 + 5 * HOUR, null));
            assertThat(s.hasRecentActivity(D0 + 5 * HOUR + 91 * DAY)).isTrue();
            assertThat(s.hasRecentActivity(D0 + 5 * HOUR + 91 * DAY + 1)).isFalse();
            assertThat(new ProfileState().hasRecentActivity(D0)).isFalse();
        }
    }

    @Test
    void moneyIsRoundedToCents() {
        CustomerProfile p = doc(purchase(D0, 0.1), purchase(D0 + 1, 0.2));
        assertThat(p.orders.grossRevenue).isEqualTo(0.3);
        assertThat(p.orders.avgOrderValue).isCloseTo(0.15, within(1e-9));
    }
}
