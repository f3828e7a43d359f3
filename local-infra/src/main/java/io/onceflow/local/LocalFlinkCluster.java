package io.onceflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Flink session cluster on loopback: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and one TaskManager ({@code TaskManagerRunner}) with two
 * slots, each a JVM of its own on the jars a Flink distribution's {@code lib/} holds (recorded by
 * the flink-cluster module), configured by a {@code conf/config.yaml} in {@code workDir}. Jobs are
 * submitted the way users do, with the Flink command line ({@code flink run}), and watched and
 * cancelled through the REST API. {@link #crash()} kills both JVMs as a machine's death would;
 * started again, the cluster keeps its ports and knows no job: a job comes back only from a
 * checkpoint, with {@code flink run -s}.
 */
public final class LocalFlinkCluster extends LocalService {

  static final String CLASSPATH_RESOURCE = "io/onceflow/flink/cluster.classpath";

  /** Overrides the recorded classpath, e.g. with the jars of an installed Flink's lib/. */
  public static final String CLASSPATH_PROPERTY = "onceflow.flink.cluster.classpath";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern SUBMITTED =
      Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

  private final Path workDir;
  private int rpcPort;
  private int restPort;
  private ForkedJvm jobManager;
  private ForkedJvm taskManager;
  private final List<ForkedJvm> clients = new ArrayList<>();
  private int submissions;

  public LocalFlinkCluster(Path workDir) {
    this.workDir = workDir.toAbsolutePath();
  }

  /** {@code host:port} of the JobManager's REST endpoint, for {@code flink run -m}. */
  public String restAddress() {
    checkRunning();
    return "127.0.0.1:" + restPort;
  }

  public Path workDir() {
    return workDir;
  }

  @Override
  protected String describe() {
    return "Flink session cluster in " + workDir;
  }

  @Override
  protected void doStart() {
    Path conf = workDir.resolve("conf");
    Path portsFile = workDir.resolve("ports.properties");
    Map<String, Integer> ports =
        ClusterStartup.readPorts(portsFile)
            .orElseGet(() -> Map.of("rpc", FreePorts.pick(), "rest", FreePorts.pick()));
    rpcPort = ports.get("rpc");
    restPort = ports.get("rest");
    ClusterStartup.writePorts(portsFile, ports);
    writeConfig(conf);
    List<String> classpath = classpath();
    jobManager =
        ForkedJvm.start(
            classpath,
            jvmOptions(conf, "-Xmx768m"),
            Map.of(),
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            List.of("--configDir", conf.toString()),
            workDir.resolve("log").resolve("jobmanager.log"));
    taskManager =
        ForkedJvm.start(
            classpath,
            jvmOptions(conf, "-Xmx1024m"),
            Map.of(),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            List.of("--configDir", conf.toString()),
            workDir.resolve("log").resolve("taskmanager.log"));
    ClusterStartup.awaitPositive(
        describe(),
        "http://127.0.0.1:" + restPort + "/overview",
        "slots-total",
        List.of(jobManager, taskManager),
        START_TIMEOUT);
  }

  @Override
  protected void doStop() {
    for (ForkedJvm client : clients) {
      client.stop(Duration.ofSeconds(10));
    }
    clients.clear();
    taskManager.stop(Duration.ofSeconds(30));
    jobManager.stop(Duration.ofSeconds(30));
    taskManager = null;
    jobManager = null;
  }

  /**
   * Kills the JobManager, the TaskManager and the clients at once (SIGKILL: no checkpoint, no
   * cancel), then marks the cluster stopped.
   */
  public void crash() {
    checkRunning();
    taskManager.kill();
    jobManager.kill();
    clients.forEach(ForkedJvm::kill);
    stop();
  }

  /**
   * {@code flink run [-s savepoint] jar args} in a client JVM of its own, attached: the client
   * lives as long as the job. Returns the job's id once the cluster has accepted it.
   */
  public String submit(Path jar, Optional<Path> restoreFrom, List<String> args) {
    checkRunning();
    List<String> cli = new ArrayList<>(List.of("run", "-m", restAddress()));
    restoreFrom.ifPresent(path -> cli.addAll(List.of("-s", path.toUri().toString())));
    cli.add(jar.toAbsolutePath().toString());
    cli.addAll(args);
    submissions++;
    Path log = workDir.resolve("log").resolve("client-" + submissions + ".log");
    ForkedJvm client =
        ForkedJvm.start(
            classpath(),
            jvmOptions(workDir.resolve("conf"), "-Xmx1g"),
            Map.of("FLINK_CONF_DIR", workDir.resolve("conf").toString()),
            "org.apache.flink.client.cli.CliFrontend",
            cli,
            log);
    clients.add(client);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      Matcher m = SUBMITTED.matcher(read(log));
      if (m.find()) {
        return m.group(1);
      }
      if (!client.isAlive()) {
        throw new IllegalStateException(
            "flink run exited before the job was submitted; its output:\n" + client.tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "flink run did not submit the job within "
                + START_TIMEOUT
                + "; its output:\n"
                + client.tail());
      }
      pause();
    }
  }

  /** The job's state as the JobManager reports it: RUNNING, FAILED, CANCELED, ... */
  public String jobState(String jobId) {
    checkRunning();
    String json = HttpCalls.call("GET", "http://" + restAddress() + "/jobs/" + jobId);
    Matcher m = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no state for job " + jobId + " in " + json);
    }
    return m.group(1);
  }

  /** The checkpoint or savepoint the job was started from, as the JobManager reports it, if any. */
  public Optional<String> restoredFrom(String jobId) {
    checkRunning();
    String json =
        HttpCalls.call("GET", "http://" + restAddress() + "/jobs/" + jobId + "/checkpoints");
    Matcher m =
        Pattern.compile("\"restored\"\\s*:\\s*\\{[^}]*\"external_path\"\\s*:\\s*\"([^\"]+)\"")
            .matcher(json);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Why the job failed, as the JobManager's exception history tells it. */
  public String jobExceptions(String jobId) {
    return HttpCalls.tryCall("GET", "http://" + restAddress() + "/jobs/" + jobId + "/exceptions")
        .orElse("(no answer)");
  }

  /** Cancels the job and waits until the cluster reports it cancelled. */
  public void cancel(String jobId) {
    checkRunning();
    HttpCalls.call("PATCH", "http://" + restAddress() + "/jobs/" + jobId + "?mode=cancel");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!jobState(jobId).equals("CANCELED")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "job "
                + jobId
                + " was not cancelled within "
                + START_TIMEOUT
                + "; state "
                + jobState(jobId));
      }
      pause();
    }
  }

  /**
   * The newest complete checkpoint a job left under {@code storage} (its state backend's storage
   * path): {@code storage/<jobId>/chk-<n>} with a {@code _metadata} file, the largest n.
   */
  public static Optional<Path> latestCheckpoint(Path storage, String jobId) {
    Path jobDir = storage.resolve(jobId);
    if (!Files.isDirectory(jobDir)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(jobDir)) {
      return dirs.filter(
              d ->
                  d.getFileName().toString().matches("chk-\\d+")
                      && Files.exists(d.resolve("_metadata")))
          .max(
              Comparator.comparingLong(
                  d -> Long.parseLong(d.getFileName().toString().substring(4))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jobDir, e);
    }
  }

  private List<String> jvmOptions(Path conf, String heap) {
    List<String> options =
        new ArrayList<>(
            List.of(
                heap,
                "-XX:+UseSerialGC",
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties")));
    options.addAll(ModuleOpens.inherited());
    return options;
  }

  private void writeConfig(Path conf) {
    String config =
        String.join(
            "\n",
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + rpcPort,
            "jobmanager.bind-host: 127.0.0.1",
            "jobmanager.memory.process.size: 1200m",
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            // What Flink's start scripts would compute and pass; TaskManagerRunner started directly
            // needs them spelled out.
            "taskmanager.cpu.cores: 2",
            "taskmanager.memory.framework.heap.size: 128m",
            "taskmanager.memory.task.heap.size: 896m",
            "taskmanager.memory.framework.off-heap.size: 128m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.managed.size: 128m",
            "taskmanager.memory.network.min: 64m",
            "taskmanager.memory.network.max: 64m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 192m",
            "taskmanager.memory.jvm-overhead.max: 192m",
            "taskmanager.numberOfTaskSlots: 2",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "io.tmp.dirs: " + workDir.resolve("tmp"),
            "blob.storage.directory: " + workDir.resolve("blobs"),
            // A job that fails is not restarted in a loop behind the test's back: its failure is
            // the answer.
            "restart-strategy.type: none",
            "");
    String log4j =
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.console.ref = Console",
            "appender.console.type = Console",
            "appender.console.name = Console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
            "logger.pekko.name = org.apache.pekko",
            "logger.pekko.level = WARN",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            "");
    try {
      Files.createDirectories(conf);
      Files.writeString(conf.resolve("config.yaml"), config, StandardCharsets.UTF_8);
      Files.writeString(conf.resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration in " + conf, e);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Flink cluster", e);
    }
  }

  static List<String> classpath() {
    return RecordedClasspath.load(
        "Flink cluster", CLASSPATH_RESOURCE, CLASSPATH_PROPERTY, "onceflow-flink-cluster");
  }
}
