package io.smartcrm.ingest;

import static io.smartcrm.ingest.Fixtures.accepted;
import static io.smartcrm.ingest.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.RejectReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingTest {
    private static final String HEADER = "inv,sku,qty,price,cust,ts\n";

    private static String orders(String complete, String extraGroup) {
        return """
                {"input": {"format": "csv"},
                 "customerId": {"column": "cust"},
                 "timestamp": {"column": "ts", "format": "epochMillis"},
                 "events": [{"name": "order",
                   "type": {"rules": [{"column": "inv", "startsWith": "C", "type": "refund"}], "default": "purchase"},
                   "eventId": "o:{inv}",
                   "group": {"by": "{inv}", "complete": "%s" %s},
                   "fields": {"orderId": {"column": "inv"}, "currency": {"constant": "GBP"}},
                   "items": {"productId": {"column": "sku"}, "quantity": {"column": "qty", "convert": ["integer", "abs"]},
                             "unitPrice": {"column": "price"}},
                   "amount": {"sum": ["qty", "price"], "sign": {"refund": "negate"}}}]}
                """.formatted(complete, extraGroup);
    }

    private static List<MappedEvent> byTime(String lines) {
        return Fixtures.map(orders("timestampAdvance", ""), HEADER + lines);
    }

    private static List<String> ids(List<MappedEvent> events) {
        return events.stream().map(e -> e.event().eventId).toList();
    }

    @Test
    void interleavedGroupsCloseWhenTimeMovesPastThem() {
        List<MappedEvent> events = byTime("""
                A,p1,2,1.5,c1,1000
                B,p2,1,4.0,c2,1000
                A,p3,1,0.5,c1,1000
                C,p4,1,1.0,c3,2000
                """);
        assertThat(ids(events)).containsExactly("o:A", "o:B", "o:C");
        MappedEvent a = events.get(0);
        assertThat(a.lines()).isEqualTo(2);
        assertThat(a.line()).isEqualTo(2);
        assertThat(a.event().items).containsExactly(new LineItem("p1", null, 2, 1.5), new LineItem("p3", null, 1, 0.5));
        assertThat(a.event().amount).isEqualTo(3.5);
        assertThat(a.event().orderId).isEqualTo("A");
        assertThat(accepted(a).type).isEqualTo(EventType.PURCHASE);
    }

    @Test
    void aGroupStaysOpenWhileItsOwnLinesMoveTimeOn() {
        List<MappedEvent> events = byTime("""
                A,p1,1,1,c1,1000
                A,p2,1,1,c1,2000
                B,p3,1,1,c2,2000
                """);
        assertThat(events).extracting(MappedEvent::lines).containsExactly(2, 1);
        assertThat(events.get(0).event().timestamp).as("the first line's time").isEqualTo(1000);
    }

    @Test
    void aKeyThatComesBackAfterItsGroupWasPublishedGetsANewId() {
        String csv = HEADER + "A,p1,1,1,c1,1000\nB,p2,1,1,c2,2000\nA,p3,1,1,c1,3000\nA,p4,1,1,c1,3000\n";
        assertThat(ids(Fixtures.map(orders("timestampAdvance", ""), csv))).containsExactly("o:A", "o:B", "o:A#2");
        assertThat(Fixtures.report(orders("timestampAdvance", ""), csv).splitGroups()).isEqualTo(1);
    }

    @Test
    void keyChangeGroupsConsecutiveLines() {
        List<MappedEvent> events = Fixtures.map(orders("keyChange", ""),
                HEADER + "A,p1,1,1,c1,3000\nA,p2,1,1,c1,1000\nB,p3,1,1,c2,2000\nA,p4,1,1,c1,500\n");
        assertThat(ids(events)).containsExactly("o:A", "o:B", "o:A#2");
        assertThat(events).extracting(MappedEvent::lines).containsExactly(2, 1, 1);
    }

    @Test
    void openGroupsAreBounded() {
        String mapping = orders("timestampAdvance", ", \"maxOpenGroups\": 2");
        String csv = HEADER + "A,p1,1,1,c1,1000\nB,p2,1,1,c2,1000\nC,p3,1,1,c3,1000\nA,p4,1,1,c1,1000\n";
        assertThat(ids(Fixtures.map(mapping, csv))).containsExactly("o:A", "o:B", "o:C", "o:A#2");
        IngestReport report = Fixtures.report(mapping, csv);
        assertThat(report.forcedGroupCloses()).as("A, then B when A comes back").isEqualTo(2);
        assertThat(report.groups()).isEqualTo(4);
    }

    @Test
    void linesOutOfTimeOrderAreCounted() {
        IngestReport report = Fixtures.report(orders("timestampAdvance", ""),
                HEADER + "A,p1,1,1,c1,2000\nB,p2,1,1,c2,1000\n");
        assertThat(report.outOfOrderLines()).isEqualTo(1);
        assertThat(report.events()).isEqualTo(2);
    }

    @Test
    void refundAmountIsTheRefundedMoney() {
        MappedEvent refund = byTime("C9,p1,-2,1.25,c1,1000\nC9,p2,-1,0.5,c1,1000\n").get(0);
        assertThat(refund.event().type).isEqualTo(EventType.REFUND);
        assertThat(refund.event().amount).isEqualTo(3.0);
        assertThat(refund.event().items).extracting(li -> li.quantity).containsExactly(2, 1);
        accepted(refund);
    }

    @Test
    void amountIsExactAndKeepsItsSignForPurchases() {
        assertThat(byTime("A,p1,3,0.1,c1,1000\n").get(0).event().amount).isEqualTo(0.3);
        MappedEvent mixed = byTime("A,p1,2,3.0,c1,1000\nA,p2,-1,1.0,c1,1000\n").get(0);
        assertThat(mixed.event().amount).isEqualTo(5.0);
        MappedEvent negative = byTime("A,p1,-2,3.0,c1,1000\n").get(0);
        assertThat(negative.event().amount).as("not made positive").isEqualTo(-6.0);
        assertRejected(negative, RejectReason.NON_POSITIVE_AMOUNT);
    }

    @Test
    void badLineValuesReachTheJobAsText() {
        MappedEvent e = byTime("A,p1,x,1.0,c1,1000\nA,p2,1,,c1,1000\nA,p3,1,2.0,c1,1000\n").get(0);
        assertThat(e.rawValues()).containsEntry("items[0].quantity", "x").containsEntry("items[1].unitPrice", null)
                .containsEntry("amount", "x");
        assertThat(e.toTree().at("/items/0/quantity").asText()).isEqualTo("x");
        assertThat(e.toTree().at("/items/1").has("unitPrice")).isFalse();
        assertRejected(e, RejectReason.WRONG_TYPE);
        IngestReport report = Fixtures.report(orders("timestampAdvance", ""), HEADER + "A,p1,x,1.0,c1,1000\n");
        assertThat(report.valuesNotConverted()).containsEntry("order.items.quantity", 1L)
                .containsEntry("order.amount", 1L);
    }

    @Test
    void blankPriceLeavesTheAmountOut() {
        MappedEvent e = byTime("A,p1,1,,c1,1000\n").get(0);
        assertThat(e.event().amount).isNull();
        assertRejected(e, RejectReason.MISSING_FIELD);
    }

    @Test
    void oncePerKeyAndUngroupedEvents() {
        String mapping = """
                {"input": {"format": "csv"}, "customerId": {"column": "cust"}, "timestamp": {"column": "ts", "format": "epochMillis"},
                 "events": [
                   {"name": "first", "type": "profile_update", "oncePer": "{cust}", "eventId": "p:{cust}"},
                   {"name": "line", "type": "add_to_cart", "eventId": "l:{_line}", "fields": {"productId": {"column": "sku"}},
                    "items": {"productId": {"column": "sku"}, "quantity": {"column": "qty"}, "unitPrice": {"column": "price"}}}]}
                """;
        List<MappedEvent> events = Fixtures.map(mapping, HEADER + "A,p1,1,1,c1,1000\nB,p2,2,1,c1,1000\nC,p3,1,1,,1000\n");
        assertThat(ids(events)).containsExactly("p:c1", "l:2", "l:3", "l:4");
        assertThat(events.get(2).event().items).containsExactly(new LineItem("p2", null, 2, 1.0));
        assertThat(events.get(3).event().customerId).isNull();
        assertRejected(events.get(3), RejectReason.MISSING_FIELD);
        IngestReport report = Fixtures.report(mapping, HEADER + "A,p1,1,1,c1,1000\nC,p3,1,1,,1000\n");
        assertThat(report.eventsWithoutCustomerId()).isEqualTo(1);
        assertThat(report.linesWithoutCustomerId()).isEqualTo(1);
        assertThat(report.eventsByType()).containsEntry("profile_update", 1L).containsEntry("add_to_cart", 2L);
    }
}
