package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped telco-churn mapping over the real 7,043 rows, checked against the raw CSV. */
class TelcoChurnMappingTest {
    private static final Mapping MAPPING = Mapping.shipped("telco-churn");

    private static List<Map<String, String>> rows;
    private static List<MappedEvent> events;
    private static IngestReport report;

    @BeforeAll
    static void mapTheFile() throws IOException {
        rows = SharedData.rows(SharedData.TELCO);
        events = Fixtures.map(MAPPING, SharedData.file(SharedData.TELCO));
        report = Fixtures.report(MAPPING, SharedData.file(SharedData.TELCO));
    }

    @Test
    void oneValidProfileUpdatePerRow() {
        assertThat(rows).hasSize(7_043);
        assertThat(events).hasSize(rows.size());
        assertThat(report.unreadableLines()).isZero();
        assertThat(report.valuesNotConverted()).isEmpty();
        assertThat(report.eventsByType()).isEqualTo(Map.of("profile_update", 7_043L));
        assertThat(events).extracting(MappedEvent::key).doesNotHaveDuplicates()
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("customerID")).toList());
        for (MappedEvent e : events) {
            CustomerEvent accepted = Fixtures.accepted(e);
            assertThat(accepted.type).isEqualTo(EventType.PROFILE_UPDATE);
            assertThat(accepted.timestamp).isEqualTo(Fixtures.INGEST_TIME.toEpochMilli());
            assertThat(accepted.eventId).isEqualTo("telco-churn:profile:" + accepted.customerId);
        }
    }

    @Test
    void declarations() {
        Map<String, AttributeKind> kinds = new HashMap<>();
        MAPPING.attributes().forEach(a -> kinds.put(a.name(), a.kind()));
        assertThat(kinds).hasSize(19)
                .containsEntry("tenureMonths", AttributeKind.NUMERIC).containsEntry("monthlyCharges", AttributeKind.NUMERIC)
                .containsEntry("totalCharges", AttributeKind.NUMERIC).containsEntry("contract", AttributeKind.CATEGORICAL)
                .containsEntry("churned", AttributeKind.BOOLEAN);
        assertThat(MAPPING.attributes()).filteredOn(AttributeDeclaration::label).singleElement()
                .isEqualTo(new AttributeDeclaration("churned", "Churn", AttributeKind.BOOLEAN, true));
        assertThat(MAPPING.columns()).as("every column is used").hasSize(21);
    }

    @Test
    void everyAttributeTravelsWithItsDeclaredKind() {
        Map<String, String> declared = new HashMap<>();
        MAPPING.attributes().forEach(a -> declared.put(a.name(), a.wireKind()));
        for (MappedEvent m : events) {
            CustomerEvent e = Fixtures.accepted(m);
            assertThat(e.attributeKinds).as("kinds of the attributes written, as the job reads them")
                    .containsOnlyKeys(e.attributes.keySet())
                    .allSatisfy((name, kind) -> assertThat(kind).isEqualTo(declared.get(name)));
        }
        CustomerEvent first = Fixtures.accepted(events.get(0));
        assertThat(first.attributeKinds).containsEntry("contract", "categorical")
                .containsEntry("tenureMonths", "numeric").containsEntry("monthlyCharges", "numeric")
                .containsEntry("seniorCitizen", "boolean").containsEntry("paymentMethod", "categorical")
                .containsEntry("churned", "label");
        assertThat(events.stream().filter(m -> !m.event().attributeKinds.containsKey("totalCharges")))
                .as("a blank value has no kind either").hasSize(11);
    }

    @Test
    void everyColumnArrivesAsItsAttribute() {
        long churned = 0;
        long blankTotals = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            CustomerEvent e = events.get(i).event();
            assertThat(e.gender).isEqualTo(row.get("gender"));
            for (AttributeDeclaration a : MAPPING.attributes()) {
                String raw = row.get(a.column()).trim();
                String value = e.attributes.get(a.name());
                if (raw.isEmpty()) {
                    assertThat(value).as("blank stays absent").isNull();
                    continue;
                }
                switch (a.kind()) {
                    case NUMERIC -> assertThat(new BigDecimal(value)).isEqualByComparingTo(raw);
                    case BOOLEAN -> assertThat(value).isEqualTo(raw.equals("Yes") ? "true" : "false");
                    default -> assertThat(value).isEqualTo(raw);
                }
            }
            churned += "Yes".equals(row.get("Churn")) ? 1 : 0;
            blankTotals += row.get("Total Charges").isBlank() ? 1 : 0;
        }
        assertThat(events).allSatisfy(e -> assertThat(e.event().attributes).containsKey("churned"));
        assertThat(events.stream().filter(e -> e.event().attributes.get("churned").equals("true"))).hasSize((int) churned);
        assertThat(events.stream().filter(e -> !e.event().attributes.containsKey("totalCharges")))
                .hasSize((int) blankTotals).hasSize(11);
        System.out.printf("telco-churn: %d profile_update events, %d churned (%.1f %%), %d without totalCharges; %s%n",
                events.size(), churned, 100.0 * churned / events.size(), blankTotals, report.summary());
    }
}
