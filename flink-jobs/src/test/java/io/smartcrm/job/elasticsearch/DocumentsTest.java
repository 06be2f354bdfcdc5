package io.smartcrm.job.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.job.profile.ProfileSettings;
import io.smartcrm.job.profile.ProfileState;
import io.smartcrm.job.models.ScoredProfile;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.model.wire.DeadLetter;
import io.smartcrm.model.quality.QualityCounts;
import io.smartcrm.templates.IndexTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every document the job writes fits the shipped strict mappings (field paths and JSON types), so Elasticsearch
 * never refuses a well-formed one; the live check is in the ITCases.
 */
class DocumentsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final long T = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

    static CustomerEvent ev(EventType type, long ts) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "e-" + type.wireName() + "-" + ts;
        e.customerId = "c1";
        e.type = type;
        e.timestamp = ts;
        e.source = "web";
        return e;
    }

    /** A profile with every section filled. */
    static CustomerProfile richProfile() {
        ProfileSettings settings = new ProfileSettings(List.of("crm", "web"), 1_800_000, 86_400_000);
        ProfileState s = new ProfileState();
        s.customerId = "c1";
        List<CustomerEvent> events = new ArrayList<>();
        CustomerEvent update = ev(EventType.PROFILE_UPDATE, T);
        update.name = "Ann";
        update.email = "ann@x.com";
        update.phone = "+442079460000";
        update.country = "GB";
        update.city = "Leeds";
        update.birthDate = "1990-02-03";
        update.gender = "f";
        update.consent = Map.of("email", true, "sms", false);
        update.attributes = Map.of("tier", "gold");
        events.add(update);
        CustomerEvent buy = ev(EventType.PURCHASE, T + 1);
        buy.amount = 10.0;
        buy.items = List.of(new LineItem("p", "shoes", 1, 10));
        events.add(buy);
        CustomerEvent refund = ev(EventType.REFUND, T + 2);
        refund.amount = 1.0;
        events.add(refund);
        CustomerEvent cart = ev(EventType.ADD_TO_CART, T - 5);
        cart.productId = "p";
        events.add(cart);
        events.add(ev(EventType.PAGE_VIEW, T + 3));
        for (EventType t : List.of(EventType.EMAIL_SEND, EventType.EMAIL_OPEN, EventType.EMAIL_CLICK)) {
            CustomerEvent m = ev(t, T + 4);
            m.campaignId = "m";
            events.add(m);
        }
        CustomerEvent ticket = ev(EventType.SUPPORT_TICKET, T + 5);
        ticket.ticketId = "t";
        events.add(ticket);
        events.add(ev(EventType.SUBSCRIPTION_CANCEL, T + 6));
        for (CustomerEvent e : events) {
            s.apply(e, false, settings);
        }
        CustomerProfile p = s.toDocument(settings, T + 10);
        p.rfm = new CustomerProfile.Rfm();
        p.rfm.recency = 5;
        p.rfm.frequency = 1;
        p.rfm.monetary = 3;
        p.rfm.code = "513";
        return p;
    }

    @Test
    void aFullProfileFitsTheCustomersMapping() throws Exception {
        CustomerProfile p = richProfile();
        ScoredProfile scored = new ScoredProfile(p);
        scored.rescores = 3;
        EsDocument doc = Documents.customer("crm-customers", scored);
        assertThat(doc.id).isEqualTo("c1");
        assertThat(doc.version).as("profile version, then re-scorings").isEqualTo((p.version << 20) + 3);
        assertThat(p.version).isPositive();
        JsonNode json = MAPPER.readTree(doc.source);
        assertThat(json.path("orders").path("topCategories").get(0).asText()).isEqualTo("shoes");
        assertThat(json.has("engagement")).isTrue();
        assertThat(json.path("subscription").path("cancelled").asBoolean()).isTrue();
        assertThat(json.has("updatedAt")).isTrue();
        assertFits(json, "crm-customers");
        assertThat(leaves(json)).as("nulls are left out").noneMatch(leaf -> leaf.getValue().isNull());
    }

    @Test
    void anEventWithItemsAndWarningsFitsTheEventsMapping() throws Exception {
        CustomerEvent e = ev(EventType.PURCHASE, T);
        e.amount = 12.5;
        e.currency = "EUR";
        e.items = List.of(new LineItem("p1", "shoes", 2, 5.0), new LineItem("p2", null, 1, 2.5));
        e.email = "a@b.c";
        e.consent = Map.of("email", true);
        e.attributes = Map.of("k", "v");
        e.birthDate = "1990-01-01";
        e.warn("phone: not a valid number '123'");
        EsDocument doc = Documents.event("crm-events-2024.05.01", e);
        assertThat(doc.id).isEqualTo(e.eventId);
        assertThat(doc.version).isEqualTo(EsDocument.CREATE_ONLY);
        JsonNode json = MAPPER.readTree(doc.source);
        assertThat(json.path("timestamp").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(json.path("warnings").get(0).asText()).startsWith("phone");
        assertFits(json, "crm-events");
    }

    @Test
    void aDeadLetterFitsTheDlqMappingUnderItsMessageId() throws Exception {
        DeadLetter d = deadLetter("k");
        EsDocument doc = Documents.deadLetter("crm-dlq", d);
        assertThat(doc.id).isEqualTo("crm.events-3-42");
        assertThat(doc.version).isEqualTo(EsDocument.CREATE_ONLY);
        JsonNode json = MAPPER.readTree(doc.source);
        assertThat(json.path("reason").asText()).isEqualTo("malformed_json");
        assertThat(json.has("id")).isFalse();
        assertFits(json, "crm-dlq");
    }

    @Test
    void qualityCountsFitTheQualityMappingVersionedByTheirTotal() throws Exception {
        QualityCounts c = new QualityCounts("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", "web");
        c.duplicates = 3;
        c.late = 2;
        EsDocument doc = Documents.quality("crm-quality", c);
        assertThat(doc.id).isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli() + "-web");
        assertThat(doc.version).isEqualTo(5);
        JsonNode json = MAPPER.readTree(doc.source);
        assertThat(json.path("duplicates").asLong()).isEqualTo(3);
        assertThat(json.has("total")).isFalse();
        assertFits(json, "crm-quality");
    }

    @Test
    void aDeadLettersKeyAndIdsAreCutToKeywordSize() throws Exception {
        DeadLetter d = deadLetter("k".repeat(50_000));
        d.customerId = "c".repeat(40_000);
        d.eventId = "e".repeat(2_000);
        JsonNode json = MAPPER.readTree(Documents.deadLetter("crm-dlq", d).source);
        assertThat(json.path("key").asText()).hasSize(Documents.MAX_DEAD_LETTER_KEYWORD);
        assertThat(json.path("customerId").asText()).hasSize(Documents.MAX_DEAD_LETTER_KEYWORD);
        assertThat(json.path("eventId").asText()).hasSize(Documents.MAX_DEAD_LETTER_KEYWORD);
        assertThat(d.key).as("the dead letter itself keeps the whole key").hasSize(50_000);
        JsonNode topic = MAPPER.readTree(Documents.json(d));
        assertThat(topic.path("key").asText()).hasSize(50_000);
    }

    static DeadLetter deadLetter(String key) {
        DeadLetter d = new DeadLetter();
        d.reason = "malformed_json";
        d.message = "not valid JSON";
        d.payload = "{oops";
        d.payloadEncoding = "utf-8";
        d.key = key;
        d.topic = "crm.events";
        d.partition = 3;
        d.offset = 42;
        d.recordTimestamp = T;
        d.rejectedAt = T + 1;
        d.customerId = "c1";
        d.eventId = "e1";
        return d;
    }

    /** Every leaf of the document has a mapped path whose type takes the JSON value. */
    static void assertFits(JsonNode doc, String template) {
        Map<String, String> mapping = mappingTypes(IndexTemplates.tree(template).at("/template/mappings/properties"), "");
        for (Map.Entry<String, JsonNode> leaf : leaves(doc)) {
            String path = leaf.getKey();
            JsonNode value = leaf.getValue().isArray() ? leaf.getValue().get(0) : leaf.getValue();
            String type = typeOf(mapping, path);
            assertThat(type).as("%s has no mapping in %s", path, template).isNotNull();
            switch (type) {
                case "long", "integer", "byte" -> assertThat(value.isIntegralNumber()).as("%s is %s", path, type).isTrue();
                case "double" -> assertThat(value.isNumber()).as("%s is %s", path, type).isTrue();
                case "boolean" -> assertThat(value.isBoolean()).as("%s is %s", path, type).isTrue();
                case "keyword", "text" -> assertThat(value.isTextual()).as("%s is %s: %s", path, type, value).isTrue();
                // the default date format takes ISO strings and epoch milliseconds
                case "date" -> assertThat(value.isTextual() || value.isIntegralNumber()).as("%s is %s", path, type).isTrue();
                case "flattened", "unindexed" -> assertThat(value.isValueNode()).isTrue();
                default -> throw new AssertionError("unexpected mapping type " + type + " at " + path);
            }
        }
    }

    /** The mapped type of a path; inside a flattened field, or an object with dynamic false, any key is taken. */
    private static String typeOf(Map<String, String> mapping, String path) {
        if (mapping.containsKey(path)) {
            return mapping.get(path);
        }
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            String ancestor = mapping.get(path.substring(0, dot));
            if ("flattened".equals(ancestor)) {
                return "flattened";
            }
            if ("object-dynamic-false".equals(ancestor)) {
                return "unindexed";
            }
        }
        return null;
    }

    private static Map<String, String> mappingTypes(JsonNode properties, String prefix) {
        Map<String, String> types = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode def = f.getValue();
            String path = prefix + f.getKey();
            if (def.has("properties")) {
                types.put(path, "false".equals(def.path("dynamic").asText()) ? "object-dynamic-false" : "object");
                types.putAll(mappingTypes(def.get("properties"), path + "."));
            } else {
                types.put(path, def.path("type").asText());
            }
        }
        return types;
    }

    /** Leaf values by dotted path; arrays of objects are walked element by element. */
    static List<Map.Entry<String, JsonNode>> leaves(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, List<Map.Entry<String, JsonNode>> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                collect(v, path + ".", out);
            } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                for (JsonNode element : v) {
                    collect(element, path + ".", out);
                }
            } else {
                out.add(Map.entry(path, v));
            }
        }
    }
}
