package io.smartcrm.app.runtime;

import io.smartcrm.job.CustomerJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the customer-360 job on a local MiniCluster with checkpoints under the data directory, resuming from
 * the newest retained checkpoint of an earlier run, so a restart neither loses nor double-counts events.
 */
public final class FlinkRunner {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(FlinkRunner.class);

    private FlinkRunner() {}

    /**
     * Starts the job; {@code jobConf} holds the smartcrm options and any Flink option. Returns once submitted.
     */
    public static JobClient start(Configuration jobConf, Path checkpointDir, int parallelism,
            Duration checkpointInterval, int webUiPort) throws Exception {
        Configuration conf = new Configuration(jobConf);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        if (!conf.contains(StateBackendOptions.STATE_BACKEND)) {
            conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        }
        conf.set(RestOptions.PORT, webUiPort);
        // the embedded stack is for this machine: the web UI and every Flink endpoint on loopback, no jar uploads
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.setString("metrics.reporter.progress.factory.class", ProgressMetrics.Factory.class.getName());
        conf.setString("metrics.reporter.progress.interval", "1 s");
        Optional<Path> latest = latestCheckpoint(checkpointDir);
        if (latest.isPresent()) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
            LOG.info("Resuming from checkpoint {}", latest.get());
        } else {
            LOG.info("No earlier checkpoint under {}: starting from the beginning of the topic", checkpointDir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        CustomerJob.createTopics(conf);
        CustomerJob.build(env, conf);
        return env.executeAsync(CustomerJob.NAME);
    }

    /** The newest completed checkpoint (a {@code chk-N} folder with {@code _metadata}) of any earlier job. */
    public static Optional<Path> latestCheckpoint(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(FlinkRunner::checkpointsOf)
                    .filter(chk -> Files.exists(chk.resolve("_metadata")))
                    .max(Comparator.comparing(FlinkRunner::modified));
        }
    }

    private static Stream<Path> checkpointsOf(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("chk-")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
