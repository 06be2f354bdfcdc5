package io.smartcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatTest {
    /** Each record becomes a login whose eventId is "line:a|b". */
    private static final String CSV_MAPPING = """
            {"input": {"format": "csv" %s},
             "customerId": {"column": "id"}, "timestamp": "ingestTime",
             "events": [{"type": "login", "eventId": "{_line}:{a}|{b}"}]}""";

    private static List<String> csv(String input, String content) {
        return Fixtures.map(CSV_MAPPING.formatted(input), content).stream().map(e -> e.event().eventId).toList();
    }

    private static List<String> csv(String content) {
        return csv("", content);
    }

    @Test
    void quotedFields() {
        assertThat(csv("id,a,b\n1,\"FEATHER PEN,COAL BLACK\",\"LETTER \"\"S\"\" RING\"\n2,\"\",x\n3,a,\n"))
                .containsExactly("2:FEATHER PEN,COAL BLACK|LETTER \"S\" RING", "3:|x", "4:a|");
    }

    @Test
    void quotedLineBreaksKeepLineNumbers() {
        assertThat(csv("id,a,b\n1,\"two\nlines\",x\n2,c,d\n")).containsExactly("2:two\nlines|x", "4:c|d");
    }

    @Test
    void byteOrderMarkCrLfAndBlankLines() {
        assertThat(csv("\uFEFFid,a,b\r\n1,x,y\r\n\r\n2,z,w\r\n")).containsExactly("2:x|y", "4:z|w");
    }

    @Test
    void otherDelimiterAndQuote() {
        assertThat(csv(", \"delimiter\": \"\\t\", \"quote\": \"'\"", "id\ta\tb\n1\t'x\ty'\tit's\n"))
                .containsExactly("2:x\ty|it's");
    }

    @Test
    void headerlessCsvWithDeclaredColumns() {
        assertThat(csv(", \"header\": false, \"columns\": [\"id\", \"a\", \"b\"]", "1,x,y\n")).containsExactly("1:x|y");
    }

    @Test
    void unreadableLinesAreCountedAndSkipped() {
        String content = "id,a,b\n1,\"x\"y,z\n2,ok,ok\n3,too,many,fields\n4,ok,ok\n";
        assertThat(csv(content)).containsExactly("3:ok|ok", "5:ok|ok");
        IngestReport report = Fixtures.report(CSV_MAPPING.formatted(""), content);
        assertThat(report.unreadableLines()).isEqualTo(2);
        assertThat(report.linesRead()).isEqualTo(2);
    }

    @Test
    void anUnclosedQuoteLosesOnlyItsOwnLine() {
        assertThat(csv("id,a,b\n1,\"never closed,x\n2,ok,ok\n3,\"q\",ok\n")).containsExactly("3:ok|ok", "4:q|ok");
        String threeLines = "id,a,b\n1,\"open\nx\ny\",z\n2,a,b\n";
        assertThat(csv(threeLines)).containsExactly("2:open\nx\ny|z", "5:a|b");
        assertThat(csv(", \"maxLinesPerRecord\": 2", threeLines)).containsExactly("5:a|b");
        assertThat(Fixtures.report(CSV_MAPPING.formatted(", \"maxLinesPerRecord\": 2"), threeLines).unreadableLines())
                .isEqualTo(3);
    }

    @Test
    void jsonLines() {
        String mapping = """
                {"input": {"format": "jsonl"},
                 "customerId": {"column": "id", "convert": "integerString"}, "timestamp": {"column": "ts", "format": "iso"},
                 "events": [{"type": "login", "eventId": "{_line}:{a}|{b}"}]}""";
        List<MappedEvent> events = Fixtures.map(mapping, """
                {"id": 17850.0, "ts": "2024-05-01T10:00:00Z", "a": true, "b": {"x": [1]}}

                not json
                [1, 2]
                {"id": "7", "ts": "2024-05-01T10:00:00Z", "a": null}
                """);
        assertThat(events).extracting(e -> e.event().eventId).containsExactly("1:true|{\"x\":[1]}", "5:|");
        assertThat(events).extracting(MappedEvent::key).containsExactly("17850", "7");
        assertThat(Fixtures.report(mapping, "{}\nnot json\n").unreadableLines()).isEqualTo(1);
    }

    @Test
    void jsonLinesDeclaredColumnsAreChecked() {
        assertThatThrownBy(() -> Mapping.parse("""
                {"input": {"format": "jsonl", "columns": ["id", "ts"]},
                 "customerId": {"column": "id"}, "timestamp": "ingestTime",
                 "events": [{"type": "login", "eventId": "{user}"}]}""", "j"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown column 'user'")
                .hasMessageContaining("input.columns has: id, ts");
    }

    @Test
    void aFileInAnotherEncodingFailsClearly(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "id,a,b\n1,caf\u00e9,x\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Fixtures.map(Mapping.parse(CSV_MAPPING.formatted(""), "t"), latin1))
                .hasRootCauseInstanceOf(java.nio.charset.MalformedInputException.class)
                .hasMessageContaining("is not valid UTF-8 near line");
        assertThat(Fixtures.map(Mapping.parse(CSV_MAPPING.formatted(", \"encoding\": \"ISO-8859-1\""), "t"), latin1))
                .extracting(e -> e.event().eventId).containsExactly("2:caf\u00e9|x");
    }
}
