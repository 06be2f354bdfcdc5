package io.smartcrm.app.cli;

import io.smartcrm.ingest.FileIngest;
import io.smartcrm.ingest.IngestOptions;
import io.smartcrm.ingest.IngestReport;
import io.smartcrm.ingest.Mapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Publishes a CSV or JSON-lines file into Kafka as events, through a mapping. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Publish a CSV or JSON-lines file to Kafka as customer events through a mapping "
                + "(shipped: online-retail, telco-churn; or a mapping file, see smartcrm-ingest/MAPPINGS.md).")
public class IngestCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, description = "The CSV or JSON-lines file.")
    Path file;

    @Option(names = "--mapping", required = true, description = "A shipped mapping name or a mapping file.")
    String mapping;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = FileIngest.DEFAULT_TOPIC, description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--timestamp", description = "Event time (ISO-8601) for mappings that stamp records with the ingest time; default now.")
    Instant timestamp;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println("cannot read " + file);
            return 2;
        }
        Mapping m = Mapping.load(mapping);
        IngestOptions options = IngestOptions.defaults().withIngestTime(timestamp == null ? Instant.now() : timestamp);
        IngestReport report = FileIngest.ingest(file, m, bootstrapServers, topic, options);
        System.out.println(report.summary());
        return 0;
    }
}
