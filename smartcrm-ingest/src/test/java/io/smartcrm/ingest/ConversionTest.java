package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class ConversionTest {

    /** Evaluates a value spec over a record whose every column holds {@code input}. */
    private static Object convert(String spec, Kind target, AttributeKind implied, String input) {
        try {
            SpecNode n = SpecNode.root(Fixtures.JSON.readTree(spec), "test");
            ValueSpec v = ValueSpec.parse(n, target, implied, new Columns());
            return v.eval(new InputRecord() {
                @Override
                public long line() {
                    return 2;
                }

                @Override
                public String get(Column column) {
                    return input;
                }
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Object convert(String spec, Kind target, String input) {
        return convert(spec, target, null, input);
    }

    private static Object text(String convert, String input) {
        return convert("{\"column\": \"a\", \"convert\": " + convert + "}", Kind.TEXT, input);
    }

    @Test
    void trimLowerUpperAndString() {
        assertThat(text("\"trim\"", "  a b \t")).isEqualTo("a b");
        assertThat(text("[\"trim\", \"lower\"]", " MiXed ")).isEqualTo("mixed");
        assertThat(text("\"upper\"", "gbp")).isEqualTo("GBP");
        assertThat(text("[\"number\", \"string\"]", "52.50")).isEqualTo("52.5");
    }

    @Test
    void blankIsAbsentUnlessADefaultIsGiven() {
        assertThat(text("\"trim\"", "   ")).isNull();
        assertThat(text("\"trim\"", null)).isNull();
        assertThat(convert("{\"column\": \"a\", \"default\": \"0\"}", Kind.INTEGER, " ")).isEqualTo(0);
        assertThat(convert("{\"column\": \"a\", \"map\": {\"N/A\": null}}", Kind.TEXT, "N/A")).isNull();
    }

    @Test
    void integer() {
        assertThat(convert("{\"column\": \"a\", \"convert\": \"integer\"}", Kind.INTEGER, "12")).isEqualTo(12);
        assertThat(convert("{\"column\": \"a\", \"convert\": \"integer\"}", Kind.INTEGER, " -3 ")).isEqualTo(-3);
        assertThat(convert("{\"column\": \"a\", \"convert\": \"integer\"}", Kind.INTEGER, "12.0")).isEqualTo(12);
        assertThat(convert("{\"column\": \"a\", \"convert\": \"integer\"}", Kind.INTEGER, "1.5")).isEqualTo(new Raw("1.5"));
        assertThat(convert("{\"column\": \"a\", \"convert\": \"integer\"}", Kind.INTEGER, "six")).isEqualTo(new Raw("six"));
        assertThat(convert("{\"column\": \"a\", \"convert\": \"integer\"}", Kind.INTEGER, "3000000000"))
                .as("beyond an int").isEqualTo(new Raw("3000000000"));
        assertThat(text("\"integer\"", "3000000000")).isEqualTo("3000000000");
    }

    @Test
    void number() {
        assertThat(convert("{\"column\": \"a\", \"convert\": \"number\"}", Kind.NUMBER, "3.39")).isEqualTo(3.39);
        assertThat(convert("{\"column\": \"a\"}", Kind.NUMBER, " 1e3 ")).as("implied by the target").isEqualTo(1000.0);
        for (String bad : new String[] {"NaN", "Infinity", "1.5d", "0x10", "1e999", "12,5", "."}) {
            assertThat(convert("{\"column\": \"a\", \"convert\": \"number\"}", Kind.NUMBER, bad)).as(bad)
                    .isEqualTo(new Raw(bad));
        }
    }

    @Test
    void integerString() {
        assertThat(text("\"integerString\"", "17850.0")).isEqualTo("17850");
        assertThat(text("\"integerString\"", "17850")).isEqualTo("17850");
        assertThat(text("\"integerString\"", " 007.00 ")).isEqualTo("007");
        assertThat(text("\"integerString\"", "1.785E4")).isEqualTo("17850");
        assertThat(text("\"integerString\"", "17850.5")).isEqualTo(new Raw("17850.5"));
        assertThat(text("\"integerString\"", "C17850")).isEqualTo(new Raw("C17850"));
    }

    @Test
    void absAndNegate() {
        assertThat(convert("{\"column\": \"a\", \"convert\": [\"integer\", \"abs\"]}", Kind.INTEGER, "-6")).isEqualTo(6);
        assertThat(convert("{\"column\": \"a\", \"convert\": [\"number\", \"abs\"]}", Kind.NUMBER, "-1.5")).isEqualTo(1.5);
        assertThat(convert("{\"column\": \"a\", \"convert\": [\"integer\", \"negate\"]}", Kind.INTEGER, "4")).isEqualTo(-4);
        assertThat(convert("{\"column\": \"a\", \"convert\": [\"number\", \"negate\"]}", Kind.NUMBER, "-2.5")).isEqualTo(2.5);
        assertThat(convert("{\"column\": \"a\", \"convert\": [\"integer\", \"abs\"]}", Kind.INTEGER, "x"))
                .as("a raw value skips the later conversions").isEqualTo(new Raw("x"));
    }

    @Test
    void booleanWithDefaultAndDeclaredValues() {
        assertThat(convert("{\"column\": \"a\", \"convert\": \"boolean\"}", Kind.BOOLEAN, "Yes")).isEqualTo(true);
        assertThat(convert("{\"column\": \"a\"}", Kind.BOOLEAN, "n")).as("implied by the target").isEqualTo(false);
        String declared = "{\"column\": \"a\", \"convert\": \"boolean\", \"true\": [\"Y\", \"J\"], \"false\": \"N\"}";
        assertThat(convert(declared, Kind.BOOLEAN, "j")).isEqualTo(true);
        assertThat(convert(declared, Kind.BOOLEAN, "N")).isEqualTo(false);
        assertThat(convert(declared, Kind.BOOLEAN, "yes")).isEqualTo(new Raw("yes"));
        assertThat(convert(declared, Kind.TEXT, "Y")).isEqualTo("true");
    }

    @Test
    void valueMap() {
        String spec = "{\"column\": \"a\", \"convert\": \"trim\", \"map\": {\"Yes\": \"true\", \"No\": \"false\"}}";
        assertThat(convert(spec, Kind.TEXT, " Yes")).isEqualTo("true");
        assertThat(convert(spec, Kind.TEXT, "No")).isEqualTo("false");
        assertThat(convert(spec, Kind.TEXT, "Maybe")).isEqualTo(new Raw("Maybe"));
        assertThat(convert(spec, Kind.BOOLEAN, "Yes")).as("mapped text then the target's boolean").isEqualTo(true);
    }

    @Test
    void constants() {
        assertThat(convert("{\"constant\": \"GBP\"}", Kind.TEXT, "ignored")).isEqualTo("GBP");
        assertThat(convert("{\"constant\": 5}", Kind.TEXT, null)).isEqualTo("5");
        assertThat(convert("{\"constant\": 2.5}", Kind.NUMBER, null)).isEqualTo(2.5);
        assertThat(convert("{\"constant\": true}", Kind.BOOLEAN, null)).isEqualTo(true);
        assertThat(convert("{\"constant\": \"gbp\", \"convert\": \"upper\"}", Kind.TEXT, null)).isEqualTo("GBP");
    }

    @Test
    void attributeKindImpliesTheConversion() {
        assertThat(convert("{\"column\": \"a\"}", Kind.TEXT, AttributeKind.NUMERIC, " 52.50")).isEqualTo("52.5");
        assertThat(convert("{\"column\": \"a\"}", Kind.TEXT, AttributeKind.NUMERIC, "1889.0")).isEqualTo("1889");
        assertThat(convert("{\"column\": \"a\"}", Kind.TEXT, AttributeKind.NUMERIC, "n/a")).isEqualTo(new Raw("n/a"));
        assertThat(convert("{\"column\": \"a\"}", Kind.TEXT, AttributeKind.BOOLEAN, "No")).isEqualTo("false");
        assertThat(convert("{\"column\": \"a\"}", Kind.TEXT, AttributeKind.CATEGORICAL, "Two year")).isEqualTo("Two year");
    }

    @Test
    void numbersAreWrittenWithoutExponentOrTrailingZeros() {
        assertThat(Values.text(20.0)).isEqualTo("20");
        assertThat(Values.text(1.0e7)).isEqualTo("10000000");
        assertThat(Values.text(0.1)).isEqualTo("0.1");
        assertThat(Values.text(1.0e-7)).isEqualTo("0.0000001");
        assertThat(Values.text(-3L)).isEqualTo("-3");
    }
}
