package io.onceflow.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on loopback: a master ({@code deploy.master.Master}) and one
 * worker ({@code deploy.worker.Worker}, two cores), each a JVM of its own on the jars a Spark
 * distribution's {@code jars/} holds (recorded by the spark-cluster module). The worker launches
 * executors the way a distribution's does: from {@code SPARK_HOME}, here a directory in {@code
 * workDir} whose jars come through {@code SPARK_DIST_CLASSPATH}, Spark's own way to use jars from
 * elsewhere. Jobs are submitted with {@code spark-submit} ({@code deploy.SparkSubmit}), in client
 * mode: the driver is a JVM of its own, which {@link Driver#kill()} kills.
 */
public final class LocalSparkCluster extends LocalService {

  static final String CLASSPATH_RESOURCE = "io/onceflow/spark/cluster.classpath";

  /** Overrides the recorded classpath, e.g. with the jars of an installed Spark's jars/. */
  public static final String CLASSPATH_PROPERTY = "onceflow.spark.cluster.classpath";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path workDir;
  private int masterPort;
  private int masterUiPort;
  private ForkedJvm master;
  private ForkedJvm worker;
  private final List<Driver> drivers = new ArrayList<>();

  /** Read and checked once per start: every JVM of the cluster and every driver uses it. */
  private List<String> classpath;

  private Path home;
  private int submissions;

  public LocalSparkCluster(Path workDir) {
    this.workDir = workDir.toAbsolutePath();
  }

  /** {@code spark://host:port}, for {@code spark-submit --master} and {@code --sparkMaster}. */
  public String masterUrl() {
    checkRunning();
    return "spark://127.0.0.1:" + masterPort;
  }

  @Override
  protected String describe() {
    return "Spark standalone cluster in " + workDir;
  }

  @Override
  protected void doStart() {
    Path portsFile = workDir.resolve("ports.properties");
    Map<String, Integer> ports =
        ClusterStartup.readPorts(portsFile)
            .orElseGet(() -> Map.of("master", FreePorts.pick(), "ui", FreePorts.pick()));
    masterPort = ports.get("master");
    masterUiPort = ports.get("ui");
    ClusterStartup.writePorts(portsFile, ports);
    home = layOutSparkHome();
    classpath = classpath();
    master =
        ForkedJvm.start(
            classpath,
            jvmOptions("-Xmx512m"),
            environment(home),
            "org.apache.spark.deploy.master.Master",
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(masterUiPort)),
            workDir.resolve("log").resolve("master.log"));
    worker =
        ForkedJvm.start(
            classpath,
            jvmOptions("-Xmx512m"),
            environment(home),
            "org.apache.spark.deploy.worker.Worker",
            List.of(
                "--host",
                "127.0.0.1",
                "--webui-port",
                String.valueOf(FreePorts.pick()),
                "--cores",
                "2",
                "--memory",
                "3g",
                "--work-dir",
                workDir.resolve("work").toString(),
                "spark://127.0.0.1:" + masterPort),
            workDir.resolve("log").resolve("worker.log"));
    ClusterStartup.awaitPositive(
        describe(),
        "http://127.0.0.1:" + masterUiPort + "/json/",
        "aliveworkers",
        List.of(master, worker),
        START_TIMEOUT);
  }

  @Override
  protected void doStop() {
    drivers.forEach(d -> d.jvm.stop(Duration.ofSeconds(20)));
    drivers.clear();
    worker.stop(Duration.ofSeconds(30));
    master.stop(Duration.ofSeconds(30));
    worker = null;
    master = null;
  }

  /**
   * {@code spark-submit --master <this> --deploy-mode client --class <mainClass> <jar> <args>}:
   * starts the driver and returns at once; the driver runs until its main returns or it is killed.
   */
  public Driver submit(Path jar, String mainClass, List<String> args) {
    checkRunning();
    List<String> submit =
        new ArrayList<>(
            List.of(
                "--master",
                masterUrl(),
                "--deploy-mode",
                "client",
                "--class",
                mainClass,
                "--conf",
                "spark.executor.memory=1500m",
                "--conf",
                "spark.cores.max=2",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                jar.toAbsolutePath().toString()));
    submit.addAll(args);
    submissions++;
    Path log = workDir.resolve("log").resolve("driver-" + submissions + ".log");
    Driver driver =
        new Driver(
            ForkedJvm.start(
                classpath,
                jvmOptions("-Xmx1500m"),
                environment(home),
                "org.apache.spark.deploy.SparkSubmit",
                submit,
                log),
            log);
    drivers.add(driver);
    return driver;
  }

  /** A driver started by {@link #submit}. */
  public static final class Driver {
    private final ForkedJvm jvm;
    private final Path log;

    private Driver(ForkedJvm jvm, Path log) {
      this.jvm = jvm;
      this.log = log;
    }

    public boolean isAlive() {
      return jvm.isAlive();
    }

    /**
     * SIGKILL: the driver dies as its machine would, with no checkpoint, commit or shutdown hook.
     */
    public void kill() {
      jvm.kill();
    }

    public Path log() {
      return log;
    }

    /** The last lines of the driver's output. */
    public String tail() {
      return jvm.tail();
    }
  }

  /**
   * A distribution's layout with no jars of its own: Spark's launcher insists on SPARK_HOME/jars.
   */
  private Path layOutSparkHome() {
    Path home = workDir.resolve("spark-home");
    try {
      Files.createDirectories(home.resolve("jars"));
      Files.createDirectories(home.resolve("conf"));
      Path log4j = home.resolve("conf").resolve("log4j2.properties");
      if (!Files.exists(log4j)) {
        Files.writeString(
            log4j,
            String.join(
                "\n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.stdout.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
                "logger.deploy.name = org.apache.spark.deploy",
                "logger.deploy.level = INFO",
                "logger.onceflow.name = io.onceflow",
                "logger.onceflow.level = INFO",
                ""),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out " + home, e);
    }
    return home;
  }

  private Map<String, String> environment(Path home) {
    return Map.of(
        "SPARK_HOME", home.toString(),
        "SPARK_CONF_DIR", home.resolve("conf").toString(),
        "SPARK_SCALA_VERSION", "2.12",
        "SPARK_DIST_CLASSPATH", String.join(File.pathSeparator, classpath),
        "SPARK_LOCAL_IP", "127.0.0.1");
  }

  private List<String> jvmOptions(String heap) {
    List<String> options =
        new ArrayList<>(
            List.of(
                heap,
                "-XX:+UseSerialGC",
                "-Dlog4j.configurationFile=" + home.resolve("conf").resolve("log4j2.properties")));
    options.addAll(ModuleOpens.inherited());
    return options;
  }

  static List<String> classpath() {
    return RecordedClasspath.load(
        "Spark cluster", CLASSPATH_RESOURCE, CLASSPATH_PROPERTY, "onceflow-spark-cluster");
  }
}
