package io.smartcrm.api.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quotesPerRfc4180WithCrlfLineEnds() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""));
        csv.row(List.of("x"));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\nx\r\n");
    }

    @Test
    void textStartingLikeAFormulaIsDefusedButNumbersAreNot() throws Exception {
        for (String formula : new String[] {"=1+1", "+44 20 7946 0000", "-cmd", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(CsvWriter.cell(JSON.readTree(JSON.writeValueAsString(formula)))).isEqualTo("'" + formula);
        }
        assertThat(CsvWriter.cell(JSON.readTree("-3.5"))).isEqualTo("-3.5");
        assertThat(CsvWriter.cell(JSON.readTree("true"))).isEqualTo("true");
        assertThat(CsvWriter.cell(JSON.readTree("\"a=b\""))).isEqualTo("a=b");
        assertThat(CsvWriter.cell(JSON.readTree("null"))).isEmpty();
        assertThat(CsvWriter.cell(null)).isEmpty();
        assertThat(CsvWriter.cell(JSON.readTree("[\"shoes\",\"home\"]"))).isEqualTo("[\"shoes\",\"home\"]");
        assertThat(CsvWriter.cell(JSON.readTree("[\"=x\"]"))).isEqualTo("[\"=x\"]");
    }

    @Test
    void exportFieldsAreTheMappedOnesAndAttributes() {
        assertThat(ExportFields.check(List.of("customerId", "orders.revenue", "churn.reasons.text", "attributes.plan", "rfm")))
                .hasSize(5);
        for (String bad : new String[] {"password", "orders.nothing", "attributes.", "name.keyword"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExportFields.check(List.of(bad)))
                    .as(bad).hasMessageContaining(bad);
        }
        assertThat(ExportFields.DEFAULT_CSV).allMatch(f -> ExportFields.check(List.of(f)).size() == 1);
    }
}
