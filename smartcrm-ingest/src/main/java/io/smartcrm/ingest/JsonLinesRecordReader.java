package io.smartcrm.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One JSON object per line; columns are its top-level members. Strings are taken as they are, other scalars as
 * their JSON text, objects and arrays as JSON. A line that is not a JSON object is unreadable.
 */
final class JsonLinesRecordReader extends RecordReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record JsonRecord(long line, ObjectNode node) implements InputRecord {
        @Override
        public String get(Column column) {
            JsonNode v = node.get(column.name);
            if (v == null || v.isNull()) {
                return null;
            }
            return v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : v.toString();
        }
    }

    JsonLinesRecordReader(Path file, Mapping mapping) throws IOException {
        super(file, mapping);
    }

    @Override
    InputRecord next() throws IOException {
        while (true) {
            String text = readLine();
            if (text == null) {
                return null;
            }
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(text);
                if (n instanceof ObjectNode o) {
                    counted();
                    return new JsonRecord(physicalLines(), o);
                }
                unreadable(physicalLines(), "not a JSON object", text);
            } catch (JsonProcessingException e) {
                unreadable(physicalLines(), "not valid JSON: " + e.getOriginalMessage(), text);
            }
        }
    }
}
