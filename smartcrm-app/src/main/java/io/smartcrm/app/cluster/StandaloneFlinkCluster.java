package io.smartcrm.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster on loopback, without flink-dist: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and one TaskManager ({@code TaskManagerRunner}), each a child JVM
 * on the classpath that module smartcrm-flink-cluster lays out from Maven Central, started the way flink-dist's
 * {@code jobmanager.sh} and {@code taskmanager.sh} start them: the JVM memory flags and dynamic {@code -D}
 * parameters come from {@code BashJavaUtils GET_JM_RESOURCE_PARAMS} / {@code GET_TM_RESOURCE_PARAMS}.
 *
 * <p>Everything lives in the cluster directory: {@code conf/config.yaml} and {@code conf/log4j2.properties},
 * {@code log/} (each process's {@code .log} and {@code .out}), {@code jobmanager.pid} and {@code taskmanager.pid}
 * (so another process can stop the cluster), {@code checkpoints/}, {@code savepoints/}, {@code tmp/}. The
 * processes run in their own session: they outlive the command that started them, and Ctrl-C in its terminal
 * does not reach them.
 */
public final class StandaloneFlinkCluster {
    /** The folder of the cluster's jars (smartcrm-flink-cluster/target/lib). */
    public static final String LIB_PROPERTY = "smartcrm.flink.cluster.lib";
    /** The shaded job jar (flink-jobs/target/flink-jobs-VERSION-job.jar). */
    public static final String JOB_JAR_PROPERTY = "smartcrm.job.jar";
    public static final String JOB_CLASS = "io.smartcrm.job.CustomerJob";
    public static final String JOB_JAR_NAME = "flink-jobs-0.1.0-SNAPSHOT-job.jar";

    static final String JOBMANAGER_CLASS = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_CLASS = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String BASH_JAVA_UTILS_CLASS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    static final String EXEC_RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /** Marks the child JVMs of a cluster directory, so {@code stop} never signals a process that reused a pid. */
    static final String MARKER_PROPERTY = "smartcrm.flink.cluster.dir";

    /** What flink-dist's config.yaml sets as {@code env.java.opts.all} for Java 17. */
    static final List<String> JAVA_17_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two processes, in the order they start (and the reverse of the order they stop). */
    public enum Role {
        JOBMANAGER(JOBMANAGER_CLASS, "GET_JM_RESOURCE_PARAMS"),
        TASKMANAGER(TASKMANAGER_CLASS, "GET_TM_RESOURCE_PARAMS");

        final String mainClass;
        final String resourceCommand;

        Role(String mainClass, String resourceCommand) {
            this.mainClass = mainClass;
            this.resourceCommand = resourceCommand;
        }

        String fileName() {
            return name().toLowerCase();
        }
    }

    /** How to lay out a new cluster; {@code flinkOptions} are written into config.yaml last (they win). */
    public record Settings(String host, int restPort, int rpcPort, int slots, String jobManagerMemory,
            String taskManagerMemory, Map<String, String> flinkOptions) {
        public static Settings defaults() {
            return new Settings("127.0.0.1", 8081, 6123, 2, "1024m", "1728m", Map.of());
        }
    }

    private final Path dir;
    private final Path lib;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public StandaloneFlinkCluster(Path dir, Path lib) {
        this.dir = dir.toAbsolutePath().normalize();
        this.lib = lib.toAbsolutePath().normalize();
    }

    /** The cluster of a directory, with the jars where the launcher or the build put them. */
    public static StandaloneFlinkCluster in(Path dir) {
        return new StandaloneFlinkCluster(dir, defaultLib());
    }

    /** {@code -Dsmartcrm.flink.cluster.lib}, else smartcrm-flink-cluster/target/lib of the working directory or its parent. */
    public static Path defaultLib() {
        return located(LIB_PROPERTY, Path.of("smartcrm-flink-cluster", "target", "lib"));
    }

    /** {@code -Dsmartcrm.job.jar}, else flink-jobs/target/flink-jobs-VERSION-job.jar of the working directory or its parent. */
    public static Path defaultJobJar() {
        return located(JOB_JAR_PROPERTY, Path.of("flink-jobs", "target", JOB_JAR_NAME));
    }

    private static Path located(String property, Path relative) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Stream.of(cwd, cwd.getParent()).filter(p -> p != null).map(p -> p.resolve(relative))
                .filter(Files::exists).findFirst().orElse(cwd.resolve(relative));
    }

    public Path dir() {
        return dir;
    }

    public Path confDir() {
        return dir.resolve("conf");
    }

    public Path logDir() {
        return dir.resolve("log");
    }

    Path pidFile(Role role) {
        return dir.resolve(role.fileName() + ".pid");
    }

    // ------------------------------------------------------------------------------------------ configuration

    /** The config.yaml entries of a new cluster. */
    Map<String, String> configuration(Settings s) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", s.host());
        c.put("jobmanager.rpc.port", String.valueOf(s.rpcPort()));
        c.put("jobmanager.bind-host", s.host());
        c.put("jobmanager.memory.process.size", s.jobManagerMemory());
        c.put("jobmanager.execution.failover-strategy", "region");
        c.put("taskmanager.host", s.host());
        c.put("taskmanager.bind-host", s.host());
        c.put("taskmanager.numberOfTaskSlots", String.valueOf(s.slots()));
        c.put("taskmanager.memory.process.size", s.taskManagerMemory());
        c.put("parallelism.default", String.valueOf(s.slots()));
        c.put("rest.address", s.host());
        c.put("rest.bind-address", s.host());
        c.put("rest.port", String.valueOf(s.restPort()));
        c.put("web.upload.dir", dir.resolve("uploads").toString());
        c.put("io.tmp.dirs", dir.resolve("tmp").toString());
        c.put("state.backend.type", "rocksdb");
        c.put("state.backend.incremental", "true");
        c.put("execution.checkpointing.interval", "10 s");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        c.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
        c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.put("execution.checkpointing.num-retained", "2");
        c.putAll(s.flinkOptions());
        return c;
    }

    /** Writes conf/config.yaml (flat keys, quoted values) and conf/log4j2.properties. */
    void writeConfiguration(Map<String, String> entries) throws IOException {
        Files.createDirectories(confDir());
        for (String sub : List.of("log", "uploads", "tmp", "checkpoints", "savepoints")) {
            Files.createDirectories(dir.resolve(sub));
        }
        StringBuilder yaml = new StringBuilder("# Written by ./smartcrm cluster start; rewritten on every start.\n");
        entries.forEach((k, v) -> yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        Files.writeString(confDir().resolve("config.yaml"), yaml);
        Files.writeString(confDir().resolve("log4j2.properties"), """
                # The JobManager's and TaskManager's log: log/jobmanager.log, log/taskmanager.log (${sys:log.file}).
                monitorInterval = 30
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = MainAppender
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = WARN
                logger.elastic.name = org.elasticsearch
                logger.elastic.level = WARN
                logger.netty.name = org.apache.flink.shaded.netty4
                logger.netty.level = WARN
                appender.main.name = MainAppender
                appender.main.type = RollingFile
                appender.main.append = true
                appender.main.fileName = ${sys:log.file}
                appender.main.filePattern = ${sys:log.file}.%i
                appender.main.layout.type = PatternLayout
                appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
                appender.main.policies.type = Policies
                appender.main.policies.size.type = SizeBasedTriggeringPolicy
                appender.main.policies.size.size = 100MB
                appender.main.strategy.type = DefaultRolloverStrategy
                appender.main.strategy.max = 5
                """);
    }

    /** A value of the written config.yaml. */
    Optional<String> configured(String key) {
        Path file = confDir().resolve("config.yaml");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key + ": ")).reduce((a, b) -> b)
                    .map(l -> l.substring(key.length() + 2).trim())
                    .map(v -> v.startsWith("'") && v.endsWith("'") && v.length() >= 2
                            ? v.substring(1, v.length() - 1).replace("''", "'") : v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The REST endpoint (and web UI) of the configured cluster. */
    public URI restUrl() {
        return URI.create("http://" + configured("rest.address").orElse("127.0.0.1") + ":"
                + configured("rest.port").orElse("8081"));
    }

    // ------------------------------------------------------------------------------------------ processes

    String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    String classpath() {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("The Flink cluster's jars are not at " + lib
                    + ": build first (mvn package, or ./smartcrm builds it), or set -D" + LIB_PROPERTY);
        }
        return lib.resolve("*").toString();
    }

    /**
     * The JVM parameters (first) and the dynamic {@code -D key=value} parameters (second) that BashJavaUtils
     * derives from config.yaml for a role: the same two lines flink-dist's scripts read.
     */
    List<List<String>> resourceParams(Role role) throws IOException, InterruptedException {
        List<String> command = List.of(java(), "-cp", classpath(), BASH_JAVA_UTILS_CLASS, role.resourceCommand,
                "--configDir", confDir().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("BashJavaUtils " + role.resourceCommand + " failed:\n" + output);
        }
        return parseResourceParams(output, role.resourceCommand);
    }

    static List<List<String>> parseResourceParams(String output, String command) {
        List<String> results = output.lines().filter(l -> l.startsWith(EXEC_RESULT_PREFIX))
                .map(l -> l.substring(EXEC_RESULT_PREFIX.length()).trim()).toList();
        if (results.size() != 2) {
            throw new IllegalStateException("BashJavaUtils " + command + ": expected 2 result lines, got "
                    + results.size() + ":\n" + output);
        }
        return results.stream().map(l -> l.isEmpty() ? List.<String>of() : List.of(l.split("\\s+"))).toList();
    }

    /** The command line of a role: java, memory flags, Java 17 opens, logging, classpath, entry point, arguments. */
    List<String> command(Role role, List<List<String>> params) {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // own session: Ctrl-C of the starting terminal does not reach it
        }
        command.add(java());
        command.addAll(params.get(0));
        command.addAll(JAVA_17_OPTS);
        command.add("-D" + MARKER_PROPERTY + "=" + dir);
        command.add("-Dlog.file=" + logDir().resolve(role.fileName() + ".log"));
        command.add("-Dlog4j.configurationFile=" + confDir().resolve("log4j2.properties").toUri());
        command.add("-cp");
        command.add(classpath());
        command.add(role.mainClass);
        command.add("--configDir");
        command.add(confDir().toString());
        command.addAll(params.get(1));
        return command;
    }

    /** The live process of a role, from its pid file, if it is one of this cluster's. */
    public Optional<ProcessHandle> process(Role role) {
        Path pidFile = pidFile(role);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean isOurs(ProcessHandle h) {
        Optional<String> commandLine = h.info().commandLine();
        return commandLine.isEmpty() || commandLine.get().contains("-D" + MARKER_PROPERTY + "=" + dir);
    }

    /**
     * Lays out the cluster directory, starts the JobManager and the TaskManager and waits until the TaskManager
     * has registered. Fails if a process of this cluster runs already.
     */
    public void start(Settings settings, Duration timeout) throws Exception {
        for (Role role : Role.values()) {
            Optional<ProcessHandle> running = process(role);
            if (running.isPresent()) {
                throw new IllegalStateException("the cluster in " + dir + " is running already (" + role.fileName()
                        + " pid " + running.get().pid() + "): ./smartcrm cluster stop first");
            }
        }
        writeConfiguration(configuration(settings));
        for (Role role : Role.values()) {
            List<String> command = command(role, resourceParams(role));
            Path out = logDir().resolve(role.fileName() + ".out");
            Files.writeString(out, "");
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            Files.writeString(pidFile(role), p.pid() + "\n");
        }
        awaitTaskManager(timeout);
    }

    /** Waits until REST {@code /overview} shows a TaskManager with its slots; fails early if a process died. */
    void awaitTaskManager(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer from " + restUrl();
        while (System.nanoTime() < deadline) {
            for (Role role : Role.values()) {
                if (process(role).isEmpty()) {
                    throw new IllegalStateException("the " + role.fileName() + " exited during start:\n"
                            + tail(logDir().resolve(role.fileName() + ".out"), 20) + "\n(log: "
                            + logDir().resolve(role.fileName() + ".log") + ")");
                }
            }
            try {
                JsonNode overview = overview();
                if (overview.path("taskmanagers").asInt() > 0 && overview.path("slots-total").asInt() > 0) {
                    return;
                }
                last = overview.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no TaskManager registered within " + timeout.toSeconds() + " s (" + last
                + "); logs in " + logDir());
    }

    /**
     * Stops the TaskManager, then the JobManager: SIGTERM, up to {@code grace} to exit, then SIGKILL. Returns what
     * it did, one line per process.
     */
    public List<String> stop(Duration grace) throws Exception {
        List<String> done = new ArrayList<>();
        List<Role> order = new ArrayList<>(Arrays.asList(Role.values()));
        java.util.Collections.reverse(order);
        for (Role role : order) {
            Optional<ProcessHandle> p = process(role);
            if (p.isEmpty()) {
                if (Files.deleteIfExists(pidFile(role))) {
                    done.add(role.fileName() + ": not running (stale pid file removed)");
                }
                continue;
            }
            ProcessHandle h = p.get();
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                done.add("stopped " + role.fileName() + " (pid " + h.pid() + ")");
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
                h.onExit().get(30, TimeUnit.SECONDS);
                done.add("killed " + role.fileName() + " (pid " + h.pid() + ") after " + grace.toSeconds()
                        + " s without exiting on SIGTERM");
            }
            Files.deleteIfExists(pidFile(role));
        }
        return done;
    }

    // ------------------------------------------------------------------------------------------ REST

    /** GET {@code /overview}: TaskManagers, slots, jobs. */
    public JsonNode overview() throws IOException, InterruptedException {
        return get("/overview");
    }

    /** GET {@code /jobs/overview}: every job with name and state. */
    public JsonNode jobs() throws IOException, InterruptedException {
        return get("/jobs/overview");
    }

    /** The state of a job (RUNNING, CANCELED, ...). */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** GET {@code /jobs/<id>/checkpoints}: counts (completed, failed, ...) and the latest checkpoints. */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** Uploads the job jar ({@code POST /jars/upload}) and runs its entry class ({@code POST /jars/<id>/run}): the job id. */
    public String submit(Path jar, String entryClass, List<String> programArgs, Integer parallelism)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no job jar at " + jar + ": build first (mvn package), or set -D"
                    + JOB_JAR_PROPERTY);
        }
        String boundary = "smartcrm-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = send(HttpRequest.newBuilder(restUrl().resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Duration.ofMinutes(2));
        String filename = uploaded.path("filename").asText();
        if (!"success".equals(uploaded.path("status").asText()) || filename.isEmpty()) {
            throw new IOException("upload of " + jar + " failed: " + uploaded);
        }
        String jarId = Path.of(filename).getFileName().toString();
        ObjectNode run = JSON.createObjectNode();
        run.put("entryClass", entryClass);
        run.putArray("programArgsList").addAll(programArgs.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (parallelism != null) {
            run.put("parallelism", parallelism);
        }
        JsonNode started;
        try {
            started = send(HttpRequest.newBuilder(restUrl().resolve("/jars/" + jarId + "/run"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(run.toString())), Duration.ofMinutes(5));
        } finally {
            // a submitted job keeps its own copy (blob store): the upload only takes disk space
            try {
                send(HttpRequest.newBuilder(restUrl().resolve("/jars/" + jarId)).DELETE(), Duration.ofSeconds(30));
            } catch (IOException e) {
                // best effort
            }
        }
        String jobId = started.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IOException("run of " + jarId + " failed: " + started);
        }
        return jobId;
    }

    /** Cancels a job ({@code PATCH /jobs/<id>?mode=cancel}); its checkpoints are retained. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(restUrl().resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), Duration.ofSeconds(30));
    }

    /** The job options as the program arguments of {@code CustomerJob.main}: {@code --KEY VALUE}. */
    public static List<String> programArgs(Map<String, String> options) {
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(restUrl().resolve(path)).GET(), Duration.ofSeconds(10));
    }

    private JsonNode send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            JsonNode errors = body.path("errors");
            String message = errors.isArray() ? errorText(errors) : response.body();
            throw new IOException(request.build().method() + " " + request.build().uri().getPath() + ": HTTP "
                    + response.statusCode() + ": " + message);
        }
        return body;
    }

    private static String errorText(JsonNode errors) {
        List<String> lines = new ArrayList<>();
        errors.forEach(e -> lines.add(e.asText()));
        // the server's stack traces are long: the first lines and the innermost cause say what went wrong
        String all = String.join("\n", lines);
        List<String> causes = all.lines().filter(l -> l.startsWith("Caused by:")).toList();
        String head = all.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("at ")).limit(2)
                .collect(Collectors.joining("\n"));
        return causes.isEmpty() ? head : head + "\n" + causes.get(causes.size() - 1);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
