package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireWriterTest {
    private final WireWriter writer = new WireWriter();

    @Test
    void writesTheSameBytesAsTheCodecForEveryField() {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "ev-1";
        e.type = EventType.PURCHASE;
        e.timestamp = 1_735_689_600_123L;
        e.customerId = "C000001";
        e.source = "web";
        e.email = " Anna.Müller@Example.com ";
        e.phone = "+44 20 7946 0018";
        e.anonymousId = "anon-1";
        e.sessionId = "S-1";
        e.url = "https://shop.example.com/p/x?a=1&b=\"2\"";
        e.productId = "SKU-1";
        e.category = "home";
        e.quantity = 3;
        e.unitPrice = 19.99;
        e.orderId = "O-1";
        e.amount = 1234567.5;
        e.currency = "GBP";
        e.items = List.of(new LineItem("SKU-1", "home", 2, 0.1), new LineItem("SKU-2", null, 1, 1e-3));
        e.campaignId = "cmp-1";
        e.ticketId = "T-1";
        e.subject = "Tab\tnewline\n quote\" backslash\\ bell\u0007 del\u007f";
        e.text = "Emoji 😀, CJK 漢字, Ω, slash /, \r\f\b";
        e.channel = "chat";
        e.ticketStatus = "open";
        e.name = "Zoë Jansen";
        e.country = "The Netherlands";
        e.city = "Den Haag";
        e.birthDate = "1/2/1990";
        e.gender = "F";
        Map<String, Boolean> consent = new LinkedHashMap<>();
        consent.put("email", true);
        consent.put("sms", false);
        consent.put("fax", null);
        e.consent = consent;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("loyaltyTier", "gold");
        attributes.put("née", null);
        e.attributes = attributes;
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("loyaltyTier", "categorical");
        kinds.put("née", "text");
        kinds.put("\"odd\tname\"", null);
        e.attributeKinds = kinds;

        assertThat(new String(writer.write(e), StandardCharsets.UTF_8))
                .isEqualTo(new String(EventCodec.toJson(e), StandardCharsets.UTF_8));
    }

    @Test
    void attributeKindsParseBackIdentically() throws Exception {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "x";
        e.type = EventType.PROFILE_UPDATE;
        e.timestamp = 1_735_689_600_000L;
        e.customerId = "C1";
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("loyaltyTier", "gold");
        attributes.put("erpCustomerNumber", "ERP-100001");
        e.attributes = attributes;
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("loyaltyTier", "categorical");
        kinds.put("erpCustomerNumber", "text");
        e.attributeKinds = kinds;
        byte[] json = writer.write(e);
        assertThat(json).isEqualTo(EventCodec.toJson(e));
        CustomerEvent back = Streams.CODEC.parse(json, e.timestamp);
        assertThat(back).isEqualTo(e);
        assertThat(back.attributeKinds).containsExactly(Map.entry("loyaltyTier", "categorical"),
                Map.entry("erpCustomerNumber", "text"));
    }

    @Test
    void writesTimestampsAsInstantToStringDoes() {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "x";
        e.type = EventType.LOGIN;
        e.customerId = "C1";
        for (long t : new long[] {0, 999, 1000, 1_735_689_599_999L, 1_735_689_600_000L, 253_402_300_799_999L,
                -1, -86_400_001L, 253_402_300_800_000L}) {
            e.timestamp = t;
            assertThat(writer.write(e)).as("timestamp %d", t).isEqualTo(EventCodec.toJson(e));
        }
    }

    @Test
    void emptyMapsAndMissingFieldsKeepTheCommas() {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "x";
        e.type = EventType.PROFILE_UPDATE;
        e.customerId = "C1";
        e.consent = new LinkedHashMap<>();
        e.attributes = new LinkedHashMap<>();
        e.attributeKinds = new LinkedHashMap<>();
        e.items = List.of();
        assertThat(writer.write(e)).isEqualTo(EventCodec.toJson(e));
    }

    @Test
    void everyGeneratedEventIsInTheCodecsCanonicalForm() {
        EventGenerator generator = new EventGenerator(Streams.config().build());
        for (int i = 0; i < 30_000; i++) {
            GeneratedEvent g = generator.next();
            if (g.kind() != GeneratedEvent.Kind.MALFORMED) {
                assertThat(EventCodec.toJson(Streams.parse(g))).isEqualTo(g.value());
            }
        }
    }
}
