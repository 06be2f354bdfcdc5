package io.smartcrm.ingest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The real data sets, from {@code -Dsmartcrm.shared.data} (default ../../shared/data from the module). */
final class SharedData {
    static final String RETAIL = "online-retail-sample.csv";
    static final String TELCO = "telco-customer-churn.csv";

    private SharedData() {
    }

    static Path file(String name) {
        String dir = System.getProperty("smartcrm.shared.data", "../../shared/data");
        Path p = Path.of(dir).resolve(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("data set " + p + " is missing; point -Dsmartcrm.shared.data at the "
                    + "directory holding " + RETAIL + " and " + TELCO);
        }
        return p;
    }

    /** The rows as column → text, read by Jackson's CSV parser, independently of the ingest's reader. */
    static List<Map<String, String>> rows(String name) throws IOException {
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file(name).toFile())) {
            return it.readAll();
        }
    }
}
