package io.smartcrm.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartcrm.app.cluster.StandaloneFlinkCluster;
import io.smartcrm.app.cluster.StandaloneFlinkCluster.Role;
import io.smartcrm.app.cluster.StandaloneFlinkCluster.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./smartcrm cluster start|submit|status|stop}: a standalone Flink session cluster on loopback. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A standalone Flink cluster on this machine (a JobManager and a TaskManager JVM on 127.0.0.1, "
                + "from Maven Central jars, no Docker): start it, submit the job to it, stop it.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Submit.class, ClusterCommand.Status.class,
                ClusterCommand.Stop.class})
public class ClusterCommand implements Runnable {
    @Option(names = "--cluster-dir", defaultValue = "data/cluster", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The cluster's directory: config, logs, pid files, checkpoints (default: ${DEFAULT-VALUE}).")
    Path clusterDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    StandaloneFlinkCluster cluster() {
        return StandaloneFlinkCluster.in(clusterDir);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the JobManager and the TaskManager (their own processes, still running after this "
                    + "command returns) and wait until the TaskManager has registered.")
    static class Start implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Option(names = "--rest-port", defaultValue = "8081", description = "REST API and web UI port (default: ${DEFAULT-VALUE}).")
        int restPort;

        @Option(names = "--rpc-port", defaultValue = "6123", description = "JobManager RPC port (default: ${DEFAULT-VALUE}).")
        int rpcPort;

        @Option(names = "--slots", defaultValue = "2",
                description = "Task slots of the TaskManager, also the default parallelism (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--jm-memory", defaultValue = "1024m",
                description = "JobManager process size, jobmanager.memory.process.size (default: ${DEFAULT-VALUE}).")
        String jobManagerMemory;

        @Option(names = "--tm-memory", defaultValue = "1728m",
                description = "TaskManager process size, taskmanager.memory.process.size (default: ${DEFAULT-VALUE}).")
        String taskManagerMemory;

        @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Any Flink option, written into config.yaml "
                + "(e.g. -D execution.checkpointing.interval=30s).")
        Map<String, String> flinkOptions = new LinkedHashMap<>();

        @Option(names = "--timeout", defaultValue = "120s", converter = DurationConverter.class,
                description = "How long to wait for the TaskManager to register (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            StandaloneFlinkCluster cluster = parent.cluster();
            System.out.println("Starting a Flink JobManager and TaskManager in " + cluster.dir() + " ...");
            cluster.start(new Settings("127.0.0.1", restPort, rpcPort, slots, jobManagerMemory, taskManagerMemory,
                    flinkOptions), timeout);
            JsonNode overview = cluster.overview();
            System.out.println("Flink " + overview.path("flink-version").asText() + " cluster running: "
                    + overview.path("taskmanagers").asInt() + " TaskManager, " + overview.path("slots-total").asInt()
                    + " slots. Web UI " + cluster.restUrl());
            System.out.println("  config " + cluster.confDir().resolve("config.yaml") + " | logs " + cluster.logDir());
            System.out.println("  submit the job: ./smartcrm cluster submit [-D kafka.bootstrap-servers=HOST:PORT] "
                    + "[-D es.hosts=URL] ...; stop it all: ./smartcrm cluster stop");
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Upload the job jar to the cluster and run the customer job; -D KEY=VALUE job options "
                    + "(`smartcrm options`) become its --KEY VALUE arguments. Without options it reads Kafka "
                    + "127.0.0.1:9092 and writes Elasticsearch http://127.0.0.1:9200.")
    static class Submit implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Mixin
        JobOptions jobOptions;

        @Option(names = "--jar", description = "The job jar (default: flink-jobs/target/"
                + StandaloneFlinkCluster.JOB_JAR_NAME + ").")
        Path jar;

        @Option(names = "--parallelism", description = "The job's parallelism (default: the cluster's slots).")
        Integer parallelism;

        @Override
        public Integer call() throws Exception {
            jobOptions.configuration(Map.of()); // fails on a malformed value before anything is uploaded
            StandaloneFlinkCluster cluster = parent.cluster();
            Path jobJar = jar != null ? jar : StandaloneFlinkCluster.defaultJobJar();
            System.out.println("Submitting " + jobJar.getFileName() + " to " + cluster.restUrl() + " ...");
            int slots = cluster.overview().path("slots-total").asInt();
            String jobId = cluster.submit(jobJar, StandaloneFlinkCluster.JOB_CLASS,
                    StandaloneFlinkCluster.programArgs(jobOptions.overrides), parallelism != null ? parallelism : slots);
            System.out.println("Job " + jobId + " submitted: " + cluster.restUrl() + "/#/job/running/" + jobId
                    + "/overview");
            System.out.println("  state: curl -s " + cluster.restUrl() + "/jobs/" + jobId
                    + " | cancel: curl -X PATCH '" + cluster.restUrl() + "/jobs/" + jobId + "?mode=cancel'");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the cluster's processes and jobs.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() throws Exception {
            StandaloneFlinkCluster cluster = parent.cluster();
            boolean any = false;
            for (Role role : Role.values()) {
                Optional<ProcessHandle> p = cluster.process(role);
                any |= p.isPresent();
                System.out.println(role.name().toLowerCase() + ": "
                        + p.map(h -> "running (pid " + h.pid() + ")").orElse("not running"));
            }
            if (!any) {
                return 1;
            }
            try {
                System.out.println("web UI " + cluster.restUrl());
                JsonNode jobs = cluster.jobs().path("jobs");
                if (jobs.isEmpty()) {
                    System.out.println("  no jobs (submit one: ./smartcrm cluster submit)");
                }
                for (JsonNode job : jobs) {
                    System.out.println("  job " + job.path("jid").asText() + " " + job.path("state").asText() + " "
                            + job.path("name").asText());
                }
            } catch (java.io.IOException e) {
                System.out.println("REST API " + cluster.restUrl() + " not answering: " + e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the TaskManager and the JobManager (SIGTERM, then SIGKILL after the grace period). "
                    + "Running jobs stop with them; their checkpoints stay in the cluster directory.")
    static class Stop implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Option(names = "--grace", defaultValue = "30s", converter = DurationConverter.class,
                description = "How long each process may take to exit after SIGTERM (default: ${DEFAULT-VALUE}).")
        Duration grace;

        @Override
        public Integer call() throws Exception {
            StandaloneFlinkCluster cluster = parent.cluster();
            if (cluster.process(Role.JOBMANAGER).isPresent()) {
                try {
                    for (JsonNode job : cluster.jobs().path("jobs")) {
                        if (job.path("state").asText().equals("RUNNING")) {
                            System.out.println("job " + job.path("jid").asText() + " (" + job.path("name").asText()
                                    + ") stops with the cluster; its checkpoints stay in "
                                    + cluster.dir().resolve("checkpoints").resolve(job.path("jid").asText()));
                        }
                    }
                } catch (java.io.IOException e) {
                    System.out.println("REST API " + cluster.restUrl() + " not answering (" + e.getMessage()
                            + "): stopping the processes without listing their jobs");
                }
            }
            List<String> done = cluster.stop(grace);
            if (done.isEmpty()) {
                System.out.println("No Flink cluster running in " + cluster.dir() + ".");
            }
            done.forEach(System.out::println);
            return 0;
        }
    }

    /** {@code 30s}, {@code 2min}, {@code 500ms}: Flink's duration syntax. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return org.apache.flink.util.TimeUtils.parseDuration(value);
        }
    }
}
