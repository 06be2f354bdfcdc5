package io.smartcrm.app;

import io.smartcrm.app.cli.BenchCommand;
import io.smartcrm.app.cli.ClusterCommand;
import io.smartcrm.app.cli.DashboardsCommand;
import io.smartcrm.app.cli.GenerateCommand;
import io.smartcrm.app.cli.IngestCommand;
import io.smartcrm.app.cli.OptionsCommand;
import io.smartcrm.app.cli.RunCommand;
import io.smartcrm.app.cli.ScoreCommand;
import io.smartcrm.app.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./smartcrm}: the command line of the embedded stack, the query API, the generator, file ingest, scores,
 * benchmarks and the dashboards.
 */
@Command(name = "smartcrm", mixinStandardHelpOptions = true, version = "smartcrm 0.1.0",
        description = "Streaming customer 360: Kafka events -> Flink profiles -> Elasticsearch.",
        subcommands = {RunCommand.class, ServeCommand.class, IngestCommand.class, GenerateCommand.class,
                ScoreCommand.class, BenchCommand.class, OptionsCommand.class, DashboardsCommand.class,
                ClusterCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("smartcrm.log.dir", logDir(args));
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine command : new CommandLine[] {cli.getSubcommands().get("run"), cli.getSubcommands().get("serve"),
                cli.getSubcommands().get("cluster").getSubcommands().get("submit")}) {
            command.getCommandSpec().usageMessage()
                    .footer("%nJob options (-D KEY=VALUE):%n" + OptionsCommand.text().replace("%", "%%"));
        }
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("smartcrm " + command.getCommandName() + ": " + messages(e));
            return 2;
        });
        int code = cli.execute(args);
        System.exit(code);
    }

    /** The messages of an exception and its causes, for a one-line error. */
    static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(m);
            }
        }
        return out.toString();
    }

    /** Logs go to DATA_DIR/logs; read before any logger starts. */
    private static String logDir(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return args[i + 1] + "/logs";
            }
            if (args[i].startsWith("--data-dir=")) {
                return args[i].substring("--data-dir=".length()) + "/logs";
            }
        }
        return "data/logs";
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
