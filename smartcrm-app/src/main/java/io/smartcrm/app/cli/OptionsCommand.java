package io.smartcrm.app.cli;

import io.smartcrm.job.SmartcrmOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints every job option with its default and description (README's configuration reference is this). */
@Command(name = "options", mixinStandardHelpOptions = true,
        description = "List the job options (set them with -D KEY=VALUE on run, or --KEY VALUE on a Flink cluster).")
public class OptionsCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "Print as a Markdown table.")
    boolean markdown;

    @Override
    public Integer call() {
        System.out.print(markdown ? markdown() : text());
        return 0;
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        for (ConfigOption<?> o : SmartcrmOptions.all()) {
            out.append("| `").append(o.key()).append("` | ").append(defaultOf(o).isEmpty() ? "" : "`" + defaultOf(o) + "`")
                    .append(" | ").append(description(o)).append(" |\n");
        }
        return out.toString();
    }

    public static String text() {
        StringBuilder out = new StringBuilder();
        for (ConfigOption<?> o : SmartcrmOptions.all()) {
            out.append(String.format("  %-32s %s%n      %s%n", o.key(),
                    defaultOf(o).isEmpty() ? "" : "(default " + defaultOf(o) + ")", description(o)));
        }
        return out.toString();
    }

    private static String defaultOf(ConfigOption<?> o) {
        if (!o.hasDefaultValue()) {
            return "";
        }
        Object v = o.defaultValue();
        return v instanceof Duration d ? TimeUtils.formatWithHighestUnit(d) : String.valueOf(v);
    }

    private static String description(ConfigOption<?> o) {
        return new HtmlFormatter().format(o.description());
    }
}
