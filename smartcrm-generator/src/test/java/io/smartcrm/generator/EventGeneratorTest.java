package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smartcrm.generator.GeneratedEvent.Kind;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.EventCodec;
import io.smartcrm.model.wire.InvalidEventException;
import io.smartcrm.model.wire.RejectReason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    private static final int N = 200_000;
    private static EventGenerator generator;
    private static List<GeneratedEvent> stream;
    /** The valid events of the stream, parsed. */
    private static List<CustomerEvent> valid;

    @BeforeAll
    static void generate() {
        Streams.Sample sample = Streams.standard();
        generator = sample.generator();
        stream = sample.events();
        valid = sample.valid();
    }

    @Test
    void sameSeedGivesTheSameBytesAndOtherSeedsDiffer() {
        GeneratorConfig config = Streams.config().build();
        EventGenerator a = new EventGenerator(config);
        EventGenerator b = new EventGenerator(config);
        for (int i = 0; i < 50_000; i++) {
            GeneratedEvent x = a.next();
            GeneratedEvent y = b.next();
            assertThat(y.value()).as("event %d", i).isEqualTo(x.value());
            assertThat(y.key()).isEqualTo(x.key());
            assertThat(y.eventTime()).isEqualTo(x.eventTime());
            assertThat(y.kind()).isEqualTo(x.kind());
            assertThat(y.expectedReason()).isEqualTo(x.expectedReason());
        }
        EventGenerator other = new EventGenerator(config.toBuilder().seed(43).build());
        int same = 0;
        EventGenerator again = new EventGenerator(config);
        for (int i = 0; i < 1_000; i++) {
            if (new String(other.next().value(), StandardCharsets.UTF_8)
                    .equals(new String(again.next().value(), StandardCharsets.UTF_8))) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @Test
    void validEventsAndDuplicatesPassTheCodecAndTheSchema() throws Exception {
        JsonSchema schema;
        try (InputStream in = EventCodec.class.getResourceAsStream(EventCodec.SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        ObjectMapper mapper = new ObjectMapper();
        Set<EventType> types = new HashSet<>();
        for (int i = 0; i < N; i++) {
            GeneratedEvent g = stream.get(i);
            if (g.kind() == Kind.MALFORMED) {
                continue;
            }
            assertThat(g.expectedReason()).isNull();
            CustomerEvent e = Streams.parse(g);
            types.add(e.type);
            assertThat(e.customerId).isEqualTo(g.customerId());
            assertThat(new String(g.key(), StandardCharsets.UTF_8)).isEqualTo(g.customerId());
            assertThat(e.timestamp).isEqualTo(g.eventTime());
            if (i < 50_000) {
                Set<ValidationMessage> errors = schema.validate(mapper.readTree(g.value()));
                assertThat(errors).as("schema errors of %s", new String(g.value(), StandardCharsets.UTF_8))
                        .isEmpty();
            }
        }
        assertThat(types).as("every kind of event; erasure requests are not behaviour")
                .containsExactlyInAnyOrderElementsOf(java.util.EnumSet.complementOf(java.util.EnumSet.of(EventType.CUSTOMER_ERASURE)));
    }

    @Test
    void malformedMessagesFailWithTheirTaggedReason() {
        Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
        for (GeneratedEvent g : stream) {
            if (g.kind() != Kind.MALFORMED) {
                continue;
            }
            assertThat(g.expectedReason()).isNotNull();
            assertThat(g.key()).isNotEmpty();
            assertThatThrownBy(() -> Streams.CODEC.parse(g.value(), g.eventTime()))
                    .as("%s: %s", g.expectedReason(), preview(g.value()))
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            ex -> assertThat(ex.reason()).isEqualTo(g.expectedReason()));
            reasons.merge(g.expectedReason(), 1, Integer::sum);
        }
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(Malformed.REASONS);
        assertThat(reasons.keySet()).contains(RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD,
                RejectReason.UNKNOWN_TYPE, RejectReason.WRONG_TYPE, RejectReason.NON_POSITIVE_AMOUNT,
                RejectReason.FUTURE_TIMESTAMP, RejectReason.OVERSIZE);
    }

    @Test
    void duplicateAndMalformedSharesMatchTheConfig() {
        long duplicates = stream.stream().filter(g -> g.kind() == Kind.DUPLICATE).count();
        long malformed = stream.stream().filter(g -> g.kind() == Kind.MALFORMED).count();
        assertThat(duplicates / (double) N).isCloseTo(0.01, within(0.0015));
        assertThat(malformed / (double) N).isCloseTo(0.005, within(0.001));

        EventGenerator clean = new EventGenerator(Streams.config().malformedShare(0).duplicateShare(0).build());
        assertThat(Streams.take(clean, 20_000)).allMatch(g -> g.kind() == Kind.VALID);
    }

    @Test
    void duplicatesRepeatAnEarlierEventShortlyAfterAndIdsAreOtherwiseUnique() {
        Map<String, Integer> validIndexById = new HashMap<>();
        for (int i = 0; i < N; i++) {
            GeneratedEvent g = stream.get(i);
            if (g.kind() == Kind.MALFORMED) {
                continue;
            }
            String id = Streams.parse(g).eventId;
            if (g.kind() == Kind.VALID) {
                assertThat(validIndexById.put(id, i)).as("eventId %s used twice", id).isNull();
            } else {
                Integer original = validIndexById.get(id);
                assertThat(original).as("duplicate %s without an original", id).isNotNull();
                assertThat(g.value()).isEqualTo(stream.get(original).value());
                assertThat(g.customerId()).isEqualTo(stream.get(original).customerId());
                assertThat(g.eventTime()).isEqualTo(stream.get(original).eventTime());
            }
        }
    }

    @Test
    void eventTimesAreInOrderUpToTheDocumentedBound() {
        long max = stream.get(0).eventTime();
        long worst = 0;
        for (GeneratedEvent g : stream) {
            worst = Math.max(worst, max - g.eventTime());
            max = Math.max(max, g.eventTime());
        }
        assertThat(worst).isPositive().isLessThanOrEqualTo(EventGenerator.MAX_OUT_OF_ORDER_MS);
        assertThat(stream.get(0).eventTime()).isGreaterThanOrEqualTo(Streams.START.toEpochMilli() - 2_000);
        assertThat(generator.simulatedTime()).isGreaterThanOrEqualTo(max);
    }

    @Test
    void ordersAddUpAndRefundsReferToEarlierOrders() {
        Map<String, CustomerEvent> orders = new HashMap<>();
        int refunds = 0;
        Set<String> currencies = new HashSet<>();
        for (CustomerEvent e : valid) {
            if (e.type == EventType.PURCHASE) {
                assertThat(e.items).hasSizeBetween(1, 5);
                double sum = 0;
                for (LineItem li : e.items) {
                    sum += li.quantity * li.unitPrice;
                }
                assertThat(e.amount).isPositive().isCloseTo(sum, within(1e-6));
                assertThat(orders.put(e.orderId, e)).isNull();
                currencies.add(String.valueOf(e.currency));
            } else if (e.type == EventType.REFUND) {
                CustomerEvent order = orders.get(e.orderId);
                assertThat(order).as("refund of unknown order %s", e.orderId).isNotNull();
                assertThat(e.customerId).isEqualTo(order.customerId);
                assertThat(e.currency).isEqualTo(order.currency);
                assertThat(e.amount).isPositive().isLessThanOrEqualTo(order.amount);
                assertThat(e.timestamp).isGreaterThan(order.timestamp);
                refunds++;
            }
        }
        assertThat(refunds).isGreaterThan(100);
        assertThat(currencies).contains("EUR", "GBP", "USD", "null");
    }

    @Test
    void ticketsMoveThroughTheirStatuses() {
        Map<String, String> status = new HashMap<>();
        Map<String, String> owner = new HashMap<>();
        int updates = 0;
        for (CustomerEvent e : valid) {
            if (e.type != EventType.SUPPORT_TICKET) {
                continue;
            }
            assertThat(e.subject).isNotBlank();
            assertThat(e.text).isNotBlank();
            assertThat(e.channel).isIn("email", "chat", "phone", "web");
            String before = status.put(e.ticketId, e.ticketStatus);
            if (before == null) {
                assertThat(e.ticketStatus).isEqualTo("open");
                owner.put(e.ticketId, e.customerId);
            } else {
                updates++;
                assertThat(e.customerId).isEqualTo(owner.get(e.ticketId));
                assertThat(before + ">" + e.ticketStatus)
                        .isIn("open>pending", "open>resolved", "pending>resolved", "resolved>closed");
            }
        }
        assertThat(updates).isGreaterThan(status.size());
        assertThat(status.values()).contains("open", "pending", "resolved", "closed");
    }

    @Test
    void profilesComeFromSeveralSourcesWithDirtyButUsableValues() {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        Set<String> sources = new HashSet<>();
        int dirtyEmails = 0;
        int nationalPhones = 0;
        for (CustomerEvent e : valid) {
            if (e.type != EventType.PROFILE_UPDATE) {
                continue;
            }
            sources.add(e.source);
            Customer c = generator.customer(e.customerId);
            if (e.email != null) {
                assertThat(e.email.strip().toLowerCase()).isEqualTo(c.email);
                if (!e.email.equals(c.email)) {
                    dirtyEmails++;
                }
            }
            if (e.phone != null) {
                assertThat(phones.isValidNumber(parsePhone(phones, e.phone, c.country.code)))
                        .as("phone %s of %s", e.phone, c.country).isTrue();
                if (!e.phone.startsWith("+")) {
                    nationalPhones++;
                }
            }
            if (e.country != null) {
                assertThat(e.country).isIn(c.country.code, c.country.code.toLowerCase(), c.country.alpha3,
                        c.country.englishName, c.country.englishName.toLowerCase(),
                        c.country.englishName.toUpperCase(), c.country.alias);
            }
        }
        assertThat(sources).containsExactlyInAnyOrder("crm", "web", "erp", "support");
        assertThat(dirtyEmails).isGreaterThan(100);
        assertThat(nationalPhones).isGreaterThan(100);
    }

    @Test
    void attributesTravelWithTheirDeclaredKinds() {
        Map<String, String> kinds = new HashMap<>();
        for (CustomerEvent e : valid) {
            if (e.attributes == null) {
                assertThat(e.attributeKinds).isNull();
                continue;
            }
            assertThat(e.attributeKinds.keySet()).containsExactlyElementsOf(e.attributes.keySet());
            kinds.putAll(e.attributeKinds);
        }
        assertThat(kinds).isEqualTo(Map.of("signupChannel", "categorical", "loyaltyTier", "categorical",
                "preferredChannel", "categorical", "paymentMethod", "categorical", "erpCustomerNumber", "text"));
    }

    @Test
    void sessionsAndCampaignsLookReal() {
        Map<String, List<CustomerEvent>> sessions = new HashMap<>();
        Map<String, Integer> sendsByCampaign = new HashMap<>();
        int opens = 0;
        int clicks = 0;
        for (CustomerEvent e : valid) {
            if (e.sessionId != null) {
                sessions.computeIfAbsent(e.sessionId, k -> new ArrayList<>()).add(e);
            }
            switch (e.type) {
                case EMAIL_SEND -> sendsByCampaign.merge(e.campaignId, 1, Integer::sum);
                case EMAIL_OPEN -> opens++;
                case EMAIL_CLICK -> clicks++;
                default -> { }
            }
        }
        double viewsPerSession = sessions.values().stream().mapToLong(s -> s.stream()
                .filter(e -> e.type == EventType.PAGE_VIEW || e.type == EventType.PRODUCT_VIEW).count())
                .average().orElse(0);
        assertThat(viewsPerSession).isBetween(3.0, 15.0);
        for (List<CustomerEvent> s : sessions.values()) {
            assertThat(s).extracting(e -> e.customerId).containsOnly(s.get(0).customerId);
            long minutes = (s.get(s.size() - 1).timestamp - s.get(0).timestamp) / 60_000;
            assertThat(minutes).isLessThan(4 * 60);
        }
        assertThat(sessions.values()).anyMatch(s -> s.get(0).type == EventType.LOGIN && "app".equals(s.get(0).source));
        assertThat(sendsByCampaign.keySet()).contains(EventGenerator.WELCOME_CAMPAIGN);
        assertThat(sendsByCampaign.keySet().stream().filter(id -> !id.equals(EventGenerator.WELCOME_CAMPAIGN)))
                .hasSizeGreaterThanOrEqualTo(4);
        int sends = sendsByCampaign.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(opens).isBetween(sends / 5, sends * 4 / 5);
        assertThat(clicks).isBetween(opens / 10, opens * 3 / 4);
    }

    @Test
    void personaOfAnUnknownCustomerIsAnError() {
        assertThat(generator.persona(stream.get(0).customerId())).isNotNull();
        assertThatThrownBy(() -> generator.persona("C999999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.persona("x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static PhoneNumber parsePhone(PhoneNumberUtil util, String raw, String region) {
        try {
            return util.parse(raw, region);
        } catch (NumberParseException e) {
            throw new AssertionError("unparseable phone " + raw, e);
        }
    }

    private static String preview(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
