package io.smartcrm.app.cli;

import io.smartcrm.dashboards.DashboardLoader;
import io.smartcrm.dashboards.DashboardLoader.Flavor;
import io.smartcrm.dashboards.DashboardLoader.ImportException;
import io.smartcrm.dashboards.DashboardLoader.Result;
import io.smartcrm.dashboards.SavedObjects;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The shipped Kibana / OpenSearch Dashboards saved objects: list them, or import them through the _import API. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "The Kibana 8 / OpenSearch Dashboards saved objects (index patterns, searches, visualizations, "
                + "dashboards): list them, or load them into a running Kibana or OpenSearch Dashboards.",
        subcommands = {DashboardsCommand.Load.class, DashboardsCommand.ListObjects.class})
public class DashboardsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code dashboards list}: one line per shipped object. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the saved objects in the files.")
    public static class ListObjects implements Callable<Integer> {
        @Override
        public Integer call() {
            print(System.out);
            return 0;
        }

        static void print(PrintStream out) {
            for (SavedObjects.SavedObject o : SavedObjects.all()) {
                out.printf(Locale.ROOT, "%-24s %-13s %-45s %s%n", o.file(), o.type(), o.id(), o.title());
            }
        }
    }

    /** {@code dashboards load}: imports every object in one request, prints each result, exit 1 if any failed. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Import the saved objects into Kibana or OpenSearch Dashboards (POST "
                    + "/api/saved_objects/_import?overwrite=true) and print each object's result. Exit code 1 if an "
                    + "object failed, 2 if the import was refused or the server unreachable.")
    public static class Load implements Callable<Integer> {
        @Option(names = "--url", defaultValue = "http://localhost:5601",
                description = "Kibana or OpenSearch Dashboards; a Kibana space as http://HOST:5601/s/SPACE. Default: ${DEFAULT-VALUE}.")
        String url;

        @Option(names = "--flavor", defaultValue = "kibana",
                description = "kibana (header kbn-xsrf) or opensearch (header osd-xsrf). Default: ${DEFAULT-VALUE}.")
        String flavor;

        @Option(names = "--user", description = "Basic-auth user (e.g. elastic).")
        String user;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Name of the environment variable holding the user's password (never the password itself).")
        String passwordEnv;

        @Option(names = "--wait", defaultValue = "0s",
                description = "Keep retrying this long while the server is unreachable or answers 503 (starting), "
                        + "e.g. 5m. Default: ${DEFAULT-VALUE}.")
        String waitFor;

        @Option(names = "--apply-templates",
                description = "First apply the index templates to the Elasticsearch of the job options "
                        + "(-D es.hosts=..., -D es.username=..., -D es.password=...), as serve and the job do on start.")
        boolean applyTemplates;

        @Mixin
        JobOptions jobOptions;

        @Override
        public Integer call() throws Exception {
            String password = null;
            if (passwordEnv != null) {
                password = System.getenv(passwordEnv);
                if (password == null) {
                    System.err.println("smartcrm dashboards load: environment variable " + passwordEnv + " is not set");
                    return 2;
                }
            }
            if (user == null && password != null) {
                System.err.println("smartcrm dashboards load: --password-env needs --user");
                return 2;
            }
            if (applyTemplates) {
                Configuration conf = jobOptions.configuration(Map.of());
                try {
                    CustomerJob.applyIndexTemplates(conf);
                } catch (IOException e) {
                    System.err.println("smartcrm dashboards load: cannot apply the index templates at "
                            + conf.get(SmartcrmOptions.ES_HOSTS) + " (" + e.getMessage() + ")");
                    return 2;
                }
                System.out.println("Index templates applied to " + conf.get(SmartcrmOptions.ES_HOSTS));
            }
            Flavor product;
            try {
                product = Flavor.valueOf(flavor.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("smartcrm dashboards load: --flavor must be kibana or opensearch, not '" + flavor + "'");
                return 2;
            }
            DashboardLoader loader = new DashboardLoader(url, product, user, password, Duration.ofMinutes(2));
            long deadline = System.nanoTime() + org.apache.flink.util.TimeUtils.parseDuration(waitFor).toNanos();
            List<Result> results;
            while (true) {
                try {
                    results = loader.importShipped();
                    break;
                } catch (ImportException e) {
                    if (e.status != 503 || System.nanoTime() > deadline) {
                        System.err.println("smartcrm dashboards load: " + loader.importUri() + ": " + e.getMessage());
                        return 2;
                    }
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("smartcrm dashboards load: cannot reach " + loader.importUri() + " ("
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
                        return 2;
                    }
                }
                Thread.sleep(5_000);
            }
            return report(System.out, results);
        }

        static int report(PrintStream out, List<Result> results) {
            long failed = results.stream().filter(r -> !r.ok()).count();
            results.forEach(r -> out.println(r.line()));
            out.printf(Locale.ROOT, "%d objects: %d imported, %d failed%n", results.size(), results.size() - failed, failed);
            return failed == 0 ? 0 : 1;
        }
    }
}
