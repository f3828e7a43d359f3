package io.onceflow.it.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.GroundTruthFiles;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.it.support.RunnerJobs;
import io.onceflow.it.support.SqlWatch;
import io.onceflow.local.LocalFlinkCluster;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.LocalPostgres;
import io.onceflow.local.LocalSparkCluster;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.purchases.Purchases;
import io.onceflow.pipelines.purchases.PurchasesPipeline;
import io.onceflow.pipelines.purchases.RetailTables;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.jdbc.JdbcConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purchases pipeline streaming from Kafka into PostgreSQL, stopped mid-stream with SIGKILL and
 * restarted the way docs/runners.md says for its runner, ends with tables that verify against the
 * ground truth to the cent, running totals included, and every record counted once: on Direct (a
 * child JVM, restarted from the earliest offset), on a Flink session cluster (the job jar, resumed
 * from its latest checkpoint) and on a Spark standalone cluster (the job jar, restarted from the
 * earliest offset with a new {@code --checkpointDir}; resumed from its checkpoint it does not
 * verify yet, see docs/runners.md).
 *
 * <p>Mid-stream means: the topic holds only the first half of the stream when the job starts; it is
 * killed once some windows, not all, are in {@code retail_windows} and none is final, and the
 * second half is sent while it is down, so the restarted job must take up a stream it was part-way
 * through. Each topic has one partition, so that no partition read ahead holds the others' records
 * too late (as in CrashRecoveryIT); the too-late purchases are sent once every window is final, so
 * they are too late on every runner (Spark judges lateness once per micro-batch).
 */
class PurchasesRestartIT {

  static final Duration PATIENCE = Duration.ofMinutes(5);

  /**
   * Long enough that no source goes idle, and its watermark jumps to the clock, before the kill:
   * the second half, sent while the job is down, would then be too late for windows that the first
   * half's idle advance closed. The kill comes a few seconds after the first commit.
   */
  static final String IDLE = "--idleSeconds=30";

  // Kept when a test fails: the cluster, driver and pipeline logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static LocalPostgres postgres;
  static LocalKafkaBroker broker;
  static SqlWatch sql;
  static Path generated;
  static List<String> stream;
  static List<String> stragglers;

  @BeforeAll
  static void startPostgresAndBrokerAndGenerate() throws Exception {
    postgres = new LocalPostgres(dir.resolve("pg"));
    postgres.start();
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    sql = new SqlWatch(postgres.jdbcUrl());
    generated = dir.resolve("generated");
    // Event times end two hours before now (the generator's default start): once the source is
    // idle, the watermark follows the clock and closes every window, lateness included.
    int exit =
        new Purchases()
            .generate()
            .execute(
                new String[] {
                  "--output=" + generated,
                  "--seed=20",
                  "--count=600",
                  "--spanMinutes=60",
                  "--stragglers=5"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    stream = Files.readAllLines(generated.resolve("stream.json"));
    stragglers = Files.readAllLines(generated.resolve("stragglers.json"));
    assertThat(truth().count("too_late")).isEqualTo(stragglers.size()).isPositive();
  }

  @AfterAll
  static void stop() {
    JdbcConnection.closePools();
    if (broker != null) {
      broker.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static GroundTruthFiles truth() {
    return new GroundTruthFiles(
        generated, "ground-truth-counts.properties", "ground-truth-retail.csv");
  }

  /** A new one-partition topic holding the first half of the stream, in arrival order. */
  static String topicWithTheFirstHalf(String runner) {
    String topic = runner + "-purchases";
    broker.createTopic(topic, 1);
    broker.produceValues(topic, stream.subList(0, stream.size() / 2));
    return topic;
  }

  static void sendTheSecondHalf(String topic) {
    broker.produceValues(topic, stream.subList(stream.size() / 2, stream.size()));
  }

  static List<String> pipelineArgs(String schema, String topic, String startFrom, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                // The command line's, as every entry point (a JVM's main, either job jar) has it.
                "run",
                PurchasesPipeline.NAME,
                "--source=kafka",
                "--bootstrapServers=" + broker.bootstrapServers(),
                "--topic=" + topic,
                "--consumerGroup=" + schema,
                "--startFrom=" + startFrom,
                "--streaming=true",
                "--jdbcUrl=" + postgres.jdbcUrl(),
                "--dbSchema=" + schema,
                "--jdbcCommitIntervalSeconds=1",
                "--earlyFiringSeconds=2",
                IDLE,
                "--progressSeconds=5"));
    args.addAll(List.of(more));
    return args;
  }

  static String windowsTable(String schema) {
    return schema + "." + RetailTables.WINDOWS;
  }

  /**
   * Waits until a pane is committed (and whatever else {@code alsoReady} asks), then checks that
   * the job is mid-stream: some windows, not all, in {@code retail_windows}, and none final.
   */
  static void awaitMidStream(
      String schema, Supplier<Optional<String>> stopped, BooleanSupplier alsoReady)
      throws IOException, InterruptedException {
    sql.awaitCount(
        windowsTable(schema),
        "a committed pane",
        n -> n > 0 && alsoReady.getAsBoolean(),
        PATIENCE,
        stopped);
    long windows = truth().rows();
    assertThat(sql.count(windowsTable(schema)))
        .as("windows in retail_windows at the kill, of " + windows)
        .isPositive()
        .isLessThan(windows);
    assertThat(sql.count(windowsTable(schema) + " WHERE is_final"))
        .as("final windows at the kill (an idle advance before it would make the rest too late)")
        .isZero();
  }

  /**
   * Until every window is final, then sends the too-late purchases and waits until they and the
   * dead letters are all in their tables.
   */
  static void awaitEverything(String schema, String topic, Supplier<Optional<String>> stopped)
      throws IOException, InterruptedException {
    long windows = truth().rows();
    sql.awaitCount(
        windowsTable(schema) + " WHERE is_final",
        windows + " final windows",
        n -> n == windows,
        PATIENCE,
        stopped);
    broker.produceValues(topic, stragglers);
    long tooLate = truth().count("too_late");
    sql.awaitCount(
        schema + "." + RetailTables.LATE_EVENTS,
        tooLate + " too-late purchases",
        n -> n == tooLate,
        PATIENCE,
        stopped);
    long invalid = truth().count("invalid");
    sql.awaitCount(
        schema + "." + DeadLettersTable.NAME,
        invalid + " dead letters",
        n -> n == invalid,
        PATIENCE,
        stopped);
  }

  /**
   * {@code onceflow verify purchases}: every window of {@code retail} to the cent with its running
   * total and purchase count (a purchase counted twice changes both), every count exact.
   */
  static void assertVerifies(String schema) throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int exit =
        new Purchases()
            .verify()
            .execute(
                new String[] {
                  "--jdbcUrl=" + postgres.jdbcUrl(),
                  "--dbSchema=" + schema,
                  "--groundTruth=" + generated
                },
                new PrintStream(report, true, StandardCharsets.UTF_8));
    String printed = report.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("PASS");
  }

  @Test
  void directRunnerKilledThenRestartedFromTheEarliestOffsetVerifies() throws Exception {
    String schema = "direct";
    String topic = topicWithTheFirstHalf(schema);
    String main = Onceflow.class.getName();

    try (PipelineProcess first =
        PipelineProcess.start(
            main,
            dir.resolve("direct-1.log"),
            List.of(),
            pipelineArgs(schema, topic, "committed").toArray(new String[0]))) {
      awaitMidStream(schema, first::stopped, () -> true);
      first.kill9();
    }
    sendTheSecondHalf(topic);

    // The DirectRunner keeps no state: its restart re-reads the topic (docs/runners.md).
    try (PipelineProcess second =
        PipelineProcess.start(
            main,
            dir.resolve("direct-2.log"),
            List.of(),
            pipelineArgs(schema, topic, "earliest").toArray(new String[0]))) {
      awaitEverything(schema, topic, second::stopped);
    }
    assertVerifies(schema);
  }

  /**
   * The Flink job jar on a session cluster ({@code flink run}); the whole cluster (JobManager,
   * TaskManager, client) is killed once a pane is committed and a checkpoint exists, started again,
   * and the job resubmitted from its latest retained checkpoint ({@code flink run -s}).
   */
  @Test
  void flinkClusterKilledThenResumedFromItsLatestCheckpointVerifies() throws Exception {
    String schema = "flink";
    String topic = topicWithTheFirstHalf(schema);
    Path checkpoints = dir.resolve("flink-checkpoints");
    List<String> args =
        pipelineArgs(
            schema,
            topic,
            "committed",
            "--profile=flink",
            "--checkpointingInterval=2000",
            "--stateBackend=filesystem",
            "--stateBackendStoragePath=" + checkpoints.toUri());
    Path jar = RunnerJobs.jobJar("flink");

    try (LocalFlinkCluster cluster = new LocalFlinkCluster(dir.resolve("flink-cluster"))) {
      cluster.start();
      String first = cluster.submit(jar, Optional.empty(), args);
      awaitMidStream(
          schema,
          RunnerJobs.flinkJobStopped(cluster, first),
          () -> LocalFlinkCluster.latestCheckpoint(checkpoints, first).isPresent());
      cluster.crash();
      sendTheSecondHalf(topic);

      cluster.start();
      Path checkpoint = LocalFlinkCluster.latestCheckpoint(checkpoints, first).orElseThrow();
      String second = cluster.submit(jar, Optional.of(checkpoint), args);
      awaitEverything(schema, topic, RunnerJobs.flinkJobStopped(cluster, second));
      assertThat(cluster.restoredFrom(second))
          .as("the checkpoint the resubmitted job started from")
          .hasValueSatisfying(p -> assertThat(p).endsWith(checkpoint.getFileName().toString()));
      cluster.cancel(second);
    }
    assertVerifies(schema);
  }

  /**
   * The Spark job jar on a standalone cluster ({@code spark-submit}); the driver is killed once a
   * pane is committed, then started again the Direct way: a new {@code --checkpointDir} (no state)
   * and a replay from the earliest offset, which recomputes every open window whole; the sealed
   * final rows and the version guard keep what was already right. This is the recovery
   * docs/runners.md gives for purchases on Spark until the checkpoint resume below verifies.
   */
  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos (docs/RELIABILITY.md)
  void sparkDriverKilledThenRestartedFromTheEarliestOffsetVerifies() throws Exception {
    sparkDriverKilledThenRestarted("spark", true);
  }

  /**
   * The documented Spark restart, as the flagship's CrashRecoveryIT does it: the same {@code
   * spark-submit} again, resuming from {@code --checkpointDir}. It does not verify for purchases:
   * the resumed driver lost the state of what it had read before the kill (docs/runners.md, "Spark
   * restores its stateful steps from different batches").
   */
  @Test
  @Tag("chaos")
  @Disabled(
      "does not verify yet: docs/runners.md, Spark restores its stateful steps from different"
          + " batches")
  void sparkDriverKilledThenResumedFromItsCheckpointDirVerifies() throws Exception {
    sparkDriverKilledThenRestarted("spark_resumed", false);
  }

  private static void sparkDriverKilledThenRestarted(String schema, boolean fromTheEarliest)
      throws Exception {
    String topic = topicWithTheFirstHalf(schema);
    Path checkpoints = dir.resolve(schema + "-checkpoints");
    Path jar = RunnerJobs.jobJar("spark");

    try (LocalSparkCluster cluster = new LocalSparkCluster(dir.resolve("spark-cluster"))) {
      cluster.start();
      List<String> first =
          pipelineArgs(
              schema,
              topic,
              "committed",
              "--profile=spark",
              "--sparkMaster=" + cluster.masterUrl(),
              "--filesToStage=" + jar,
              "--checkpointDir=" + checkpoints.resolve("1").toUri());
      List<String> second = new ArrayList<>(first);
      if (fromTheEarliest) {
        second.replaceAll(
            a ->
                a.equals("--startFrom=committed")
                    ? "--startFrom=earliest"
                    : a.startsWith("--checkpointDir=")
                        ? "--checkpointDir=" + checkpoints.resolve("2").toUri()
                        : a);
      }
      String main = Onceflow.class.getName();
      LocalSparkCluster.Driver firstDriver = cluster.submit(jar, main, first);
      awaitMidStream(
          schema,
          RunnerJobs.driverStopped(firstDriver),
          () -> fromTheEarliest || RunnerJobs.hasStateCheckpoint(checkpoints.resolve("1")));
      firstDriver.kill();
      sendTheSecondHalf(topic);

      LocalSparkCluster.Driver secondDriver = cluster.submit(jar, main, second);
      awaitEverything(schema, topic, RunnerJobs.driverStopped(secondDriver));
      secondDriver.kill();
    }
    assertVerifies(schema);
  }
}
