package io.smartcrm.app.cli;

import io.smartcrm.job.SmartcrmOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/** {@code -D key=value}: any option of the job (see SmartcrmOptions) or of Flink. */
public class JobOptions {
    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Set a job or Flink option, e.g. -D profile.write-interval=2s (`smartcrm options` lists them).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The job configuration: defaults, then the given values, then the overrides. */
    public Configuration configuration(Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>(given);
        all.putAll(overrides);
        Configuration conf = Configuration.fromMap(all);
        for (ConfigOption<?> option : SmartcrmOptions.all()) {
            conf.getOptional(option); // a value of the wrong type fails here, naming the key, before anything starts
        }
        return conf;
    }
}
