package io.onceflow.it.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.GroundTruthFiles;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.it.support.RunnerJobs;
import io.onceflow.it.support.TableWatch;
import io.onceflow.local.LocalFlinkCluster;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.LocalSparkCluster;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.clickstream.Clickstream;
import io.onceflow.pipelines.clickstream.ClickstreamPipeline;
import io.onceflow.pipelines.clickstream.LateClickEventsTable;
import io.onceflow.pipelines.clickstream.SessionsTable;
import io.onceflow.pipelines.clickstream.SlidingActivityTable;
import io.onceflow.pipelines.clickstream.UserActivityTable;
import io.onceflow.pipelines.clickstream.UserStateTable;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
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
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clickstream streaming from Kafka into its Iceberg tables, stopped mid-stream with SIGKILL and
 * restarted the way docs/runners.md says for its runner, ends with every table, {@code user_state}
 * included, equal row for row to the ground truth ({@code onceflow verify clickstream}): on Direct
 * (a child JVM, restarted from the earliest offset), on a Flink session cluster (the job jar, the
 * whole cluster killed, resumed from its latest checkpoint) and on a Spark standalone cluster (the
 * job jar, the driver killed, restarted from the earliest offset with a new {@code
 * --checkpointDir}, as PurchasesRestartIT does).
 *
 * <p>Mid-stream means: the topic holds only the first half of the stream when the job starts; it is
 * killed once {@code user_activity} has rows but not every window is final, and the second half is
 * sent while it is down. The topic has one partition, so that no partition read ahead holds the
 * others' records too late. The events are the generator's default hour (four to five hours before
 * now): old enough that the idle advance of the watermark to the clock, after the whole stream,
 * closes every window and session, and {@code --idleSeconds} long enough that it cannot come before
 * the kill (it would close the windows the second half still belongs to). The too-late events are
 * sent once every window is final, so they are too late on every runner.
 */
class ClickstreamRestartIT {

  static final Duration PATIENCE = Duration.ofMinutes(5);
  static final String NS = "onceflow";

  /** Longer than from the first half's last record to the kill (a commit after a few seconds). */
  static final String IDLE = "--idleSeconds=30";

  // Kept when a test fails: the cluster, driver and pipeline logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static LocalKafkaBroker broker;
  static Path generated;
  static List<String> stream;
  static List<String> tooLate;

  @BeforeAll
  static void startBrokerAndGenerate() throws Exception {
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    generated = dir.resolve("generated");
    int exit =
        new Clickstream()
            .generate()
            .execute(
                new String[] {
                  "--output=" + generated,
                  "--to=files",
                  "--seed=23",
                  "--users=20",
                  "--sessions=60",
                  "--purchaseSprees=2",
                  "--tooLate=4"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    stream = Files.readAllLines(generated.resolve("stream.json"));
    tooLate = Files.readAllLines(generated.resolve("too-late.json"));
    assertThat(truth().count("too_late")).isEqualTo(tooLate.size()).isPositive();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  static GroundTruthFiles truth() {
    return new GroundTruthFiles(generated, "ground-truth.properties", "user_activity.tsv");
  }

  /** How many rows the ground truth expects in {@code table} (one {@code key<TAB>row} a line). */
  static long expectedRows(String table) throws IOException {
    return Files.readAllLines(generated.resolve(table + ".tsv")).stream()
        .filter(l -> !l.isEmpty())
        .count();
  }

  /** A new one-partition topic holding the first half of the stream, in delivery order. */
  static String topicWithTheFirstHalf(String runner) {
    String topic = runner + "-clickstream";
    broker.createTopic(topic, 1);
    broker.produceValues(topic, stream.subList(0, stream.size() / 2));
    return topic;
  }

  static void sendTheSecondHalf(String topic) {
    broker.produceValues(topic, stream.subList(stream.size() / 2, stream.size()));
  }

  static List<String> pipelineArgs(
      Path warehouse, String topic, String group, String startFrom, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                // The command line's, as every entry point (a JVM's main, either job jar) has it.
                "run",
                ClickstreamPipeline.NAME,
                "--source=kafka",
                "--bootstrapServers=" + broker.bootstrapServers(),
                "--topic=" + topic,
                "--consumerGroup=" + group,
                "--startFrom=" + startFrom,
                "--streaming=true",
                "--warehouse=" + warehouse,
                "--commitIntervalSeconds=1",
                "--firingSeconds=2",
                IDLE,
                "--progressSeconds=5"));
    args.addAll(List.of(more));
    return args;
  }

  static long finalRows(List<Record> rows) {
    return rows.stream().filter(r -> Boolean.TRUE.equals(TableRows.value(r, "is_final"))).count();
  }

  /**
   * Waits until {@code user_activity} has a committed pane (and whatever else {@code alsoReady}
   * asks), then checks that the job is mid-stream: not every window final.
   */
  static void awaitMidStream(
      IcebergCatalogConfig tables, Supplier<Optional<String>> stopped, BooleanSupplier alsoReady)
      throws IOException, InterruptedException {
    TableWatch.await(
        tables,
        NS,
        UserActivityTable.NAME,
        "a committed pane",
        rows -> !rows.isEmpty() && alsoReady.getAsBoolean(),
        PATIENCE,
        stopped);
    long windows = expectedRows(UserActivityTable.NAME);
    assertThat(finalRows(TableWatch.rows(tables, NS, UserActivityTable.NAME)))
        .as("final user_activity windows at the kill, of " + windows)
        .isLessThan(windows);
    assertThat(finalRows(TableWatch.rows(tables, NS, SessionsTable.NAME)))
        .as("final sessions at the kill")
        .isLessThan(expectedRows(SessionsTable.NAME));
  }

  /**
   * Until every window and session is final, then sends the too-late events and waits until they,
   * the dead letters and every user's events are in their tables.
   */
  static void awaitEverything(
      IcebergCatalogConfig tables, String topic, Supplier<Optional<String>> stopped)
      throws IOException, InterruptedException {
    for (String table :
        List.of(UserActivityTable.NAME, SessionsTable.NAME, SlidingActivityTable.NAME)) {
      long expected = expectedRows(table);
      TableWatch.await(
          tables,
          NS,
          table,
          expected + " final rows",
          rows -> finalRows(rows) == expected,
          PATIENCE,
          stopped);
    }
    broker.produceValues(topic, tooLate);
    long lateRows = 3 * truth().count("too_late");
    TableWatch.await(
        tables,
        NS,
        LateClickEventsTable.NAME,
        lateRows + " rows (each too-late event once per windowed output)",
        rows -> rows.size() == lateRows,
        PATIENCE,
        stopped);
    long invalid = truth().count("invalid");
    TableWatch.await(
        tables,
        NS,
        DeadLettersTable.NAME,
        invalid + " dead letters",
        rows -> rows.size() == invalid,
        PATIENCE,
        stopped);
    long events = truth().count("events") + truth().count("too_late");
    TableWatch.await(
        tables,
        NS,
        UserStateTable.NAME,
        events + " events over all users",
        rows ->
            rows.stream().mapToLong(r -> (Long) TableRows.value(r, "total_events")).sum() == events,
        PATIENCE,
        stopped);
  }

  /** {@code onceflow verify clickstream}: every table row for row, every record accounted for. */
  static void assertVerifies(Path warehouse) throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int exit =
        new Clickstream()
            .verify()
            .execute(
                new String[] {"--warehouse=" + warehouse, "--groundTruth=" + generated},
                new PrintStream(report, true, StandardCharsets.UTF_8));
    String printed = report.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("OK — 0 differences");
  }

  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos: 151 s for this case alone (docs/RELIABILITY.md)
  void directRunnerKilledThenRestartedFromTheEarliestOffsetVerifies() throws Exception {
    String topic = topicWithTheFirstHalf("direct");
    Path warehouse = dir.resolve("direct-warehouse");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    String main = Onceflow.class.getName();

    try (PipelineProcess first =
        PipelineProcess.start(
            main,
            dir.resolve("direct-1.log"),
            List.of(),
            pipelineArgs(warehouse, topic, "direct", "committed").toArray(new String[0]))) {
      awaitMidStream(tables, first::stopped, () -> true);
      first.kill9();
    }
    sendTheSecondHalf(topic);

    // The DirectRunner keeps no state: its restart re-reads the topic (docs/runners.md).
    try (PipelineProcess second =
        PipelineProcess.start(
            main,
            dir.resolve("direct-2.log"),
            List.of(),
            pipelineArgs(warehouse, topic, "direct", "earliest").toArray(new String[0]))) {
      awaitEverything(tables, topic, second::stopped);
    }
    assertVerifies(warehouse);
  }

  /**
   * The Flink job jar on a session cluster ({@code flink run}); the whole cluster (JobManager,
   * TaskManager, client) is killed once a pane is committed and a checkpoint exists, started again,
   * and the job resubmitted from its latest retained checkpoint ({@code flink run -s}).
   */
  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos (docs/RELIABILITY.md)
  void flinkClusterKilledThenResumedFromItsLatestCheckpointVerifies() throws Exception {
    String topic = topicWithTheFirstHalf("flink");
    Path warehouse = dir.resolve("flink-warehouse");
    Path checkpoints = dir.resolve("flink-checkpoints");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    List<String> args =
        pipelineArgs(
            warehouse,
            topic,
            "flink",
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
          tables,
          RunnerJobs.flinkJobStopped(cluster, first),
          () -> LocalFlinkCluster.latestCheckpoint(checkpoints, first).isPresent());
      cluster.crash();
      sendTheSecondHalf(topic);

      cluster.start();
      Path checkpoint = LocalFlinkCluster.latestCheckpoint(checkpoints, first).orElseThrow();
      String second = cluster.submit(jar, Optional.of(checkpoint), args);
      awaitEverything(tables, topic, RunnerJobs.flinkJobStopped(cluster, second));
      assertThat(cluster.restoredFrom(second))
          .as("the checkpoint the resubmitted job started from")
          .hasValueSatisfying(p -> assertThat(p).endsWith(checkpoint.getFileName().toString()));
      cluster.cancel(second);
    }
    assertVerifies(warehouse);
  }

  /**
   * The Spark job jar on a standalone cluster ({@code spark-submit}); the driver is killed once a
   * pane is committed, then started again the Direct way: a new {@code --checkpointDir} (no state)
   * and a replay from the earliest offset, which recomputes every window whole and every user's
   * state from 0; the sealed final rows and the version guards keep what was already right.
   */
  @Test
  @Tag("chaos")
  void sparkDriverKilledThenRestartedFromTheEarliestOffsetVerifies() throws Exception {
    sparkDriverKilledThenRestarted("spark", true);
  }

  /**
   * The documented Spark restart, as the flagship's CrashRecoveryIT does it: the same {@code
   * spark-submit} again, resuming from {@code --checkpointDir} once it holds a checkpoint of the
   * streaming state. Passed 2 runs of 3; in the third every window became final but the too-late
   * events sent then never reached {@code clickstream_late_events} in 5 minutes
   * (docs/RELIABILITY.md).
   */
  @Test
  @Tag("chaos")
  @Disabled(
      "flaky, 2 runs of 3: the too-late events were not written once in 5 min (docs/RELIABILITY.md,"
          + " ClickstreamRestartIT)")
  void sparkDriverKilledThenResumedFromItsCheckpointDirVerifies() throws Exception {
    sparkDriverKilledThenRestarted("spark_resumed", false);
  }

  private static void sparkDriverKilledThenRestarted(String runner, boolean fromTheEarliest)
      throws Exception {
    String topic = topicWithTheFirstHalf(runner);
    Path warehouse = dir.resolve(runner + "-warehouse");
    Path checkpoints = dir.resolve(runner + "-checkpoints");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    Path jar = RunnerJobs.jobJar("spark");

    try (LocalSparkCluster cluster = new LocalSparkCluster(dir.resolve("spark-cluster"))) {
      cluster.start();
      List<String> first =
          pipelineArgs(
              warehouse,
              topic,
              runner,
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
          tables,
          RunnerJobs.driverStopped(firstDriver),
          () -> fromTheEarliest || RunnerJobs.hasStateCheckpoint(checkpoints.resolve("1")));
      firstDriver.kill();
      sendTheSecondHalf(topic);

      LocalSparkCluster.Driver secondDriver = cluster.submit(jar, main, second);
      awaitEverything(tables, topic, RunnerJobs.driverStopped(secondDriver));
      // The evidence of what the restarted driver read (its progress lines: records read).
      System.out.println(runner + ", the restarted driver:\n" + secondDriver.tail());
      secondDriver.kill();
    }
    assertVerifies(warehouse);
  }
}
