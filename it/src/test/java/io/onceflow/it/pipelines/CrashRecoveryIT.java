package io.onceflow.it.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.GroundTruthFiles;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.it.support.RecentStart;
import io.onceflow.it.support.RunnerJobs;
import io.onceflow.it.support.TableWatch;
import io.onceflow.local.LocalFlinkCluster;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.LocalSparkCluster;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.transactions.GenerateTransactions;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import io.onceflow.pipelines.transactions.VerifyTotals;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming run killed with SIGKILL while panes and commits are in flight (after the first
 * commit, before the last window is final), then restarted as docs/runners.md says, ends with
 * tables that verify against the ground truth: no total lost or doubled, every record accounted
 * for. On Direct, the job is a child JVM and restarts by rewinding the topic; on Flink and Spark,
 * it is the job jar on a real cluster, and restarts from its checkpoint.
 *
 * <p>Each topic has one partition, so that no partition read ahead of another holds the watermark
 * back. Direct reads the whole data set with its stragglers at the end. On the clusters, the
 * stragglers are sent once every window is final: read in the same bundle or micro-batch as the
 * tail of the stream, they could come before the watermark that makes them too late.
 */
class CrashRecoveryIT {

  static final String TOPIC = "transactions";
  static final Duration PATIENCE = Duration.ofMinutes(5);

  // Kept when a test fails: the cluster, driver and broker logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static LocalKafkaBroker broker;
  static Path generated;

  @BeforeAll
  static void generateIntoTheBroker() throws IOException {
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    broker.createTopic(TOPIC, 1);
    generated = dir.resolve("generated");
    generate(TOPIC, "all");
  }

  /**
   * The data set (always the same seed) into a topic: {@code all}, or the {@code stream} first and
   * its {@code stragglers} once every window is final, so that they are too late on any runner.
   */
  static void generate(String topic, String part) throws IOException {
    GenerateTransactions.generate(
        new String[] {
          "--seed=11",
          "--start=" + RecentStart.MIDNIGHT_TWO_DAYS_AGO,
          "--count=3000",
          "--customers=6",
          "--spanHours=8",
          "--to=kafka",
          "--part=" + part,
          "--bootstrapServers=" + broker.bootstrapServers(),
          "--topic=" + topic,
          "--output=" + generated
        },
        System.out);
  }

  @AfterAll
  static void stopBroker() {
    broker.stop();
  }

  static long truth(String count) throws IOException {
    return new GroundTruthFiles(generated).count(count);
  }

  static long customerHours() throws IOException {
    return new GroundTruthFiles(generated).customerHours();
  }

  /**
   * A new one-partition topic holding the stream; its stragglers are sent once every window is
   * final.
   */
  static String topicWithTheStream(String topic) throws IOException {
    broker.createTopic(topic, 1);
    generate(topic, "stream");
    return topic;
  }

  static List<String> pipelineArgs(
      Path warehouse, String topic, String group, String startFrom, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                // The command line's, as every entry point (a JVM's main, either job jar) has it.
                "run",
                TransactionsPipeline.NAME,
                "--source=kafka",
                "--bootstrapServers=" + broker.bootstrapServers(),
                "--topic=" + topic,
                "--consumerGroup=" + group,
                "--startFrom=" + startFrom,
                "--streaming=true",
                "--warehouse=" + warehouse,
                "--commitIntervalSeconds=1",
                "--earlyFiringSeconds=2",
                "--idleSeconds=5",
                "--progressSeconds=5"));
    args.addAll(List.of(more));
    return args;
  }

  static long finalRows(List<Record> rows) {
    return rows.stream().filter(r -> Boolean.TRUE.equals(TableRows.value(r, "is_final"))).count();
  }

  /**
   * Waits for the first commit of totals (and whatever else {@code alsoReady} asks), and returns
   * how many windows were final then.
   */
  static long awaitFirstCommit(
      IcebergCatalogConfig tables, Supplier<Optional<String>> stopped, BooleanSupplier alsoReady)
      throws InterruptedException {
    TableWatch.await(
        tables,
        "onceflow",
        "customer_hourly_totals",
        "a committed pane",
        rows -> !rows.isEmpty() && alsoReady.getAsBoolean(),
        PATIENCE,
        stopped);
    return finalRows(TableWatch.rows(tables, "onceflow", "customer_hourly_totals"));
  }

  /**
   * Until every table holds the ground truth; {@code onceFinal} runs when every window is final.
   */
  static void awaitEverything(
      IcebergCatalogConfig tables, Supplier<Optional<String>> stopped, ThrowingRunnable onceFinal)
      throws IOException, InterruptedException {
    long windows = customerHours();
    TableWatch.await(
        tables,
        "onceflow",
        "customer_hourly_totals",
        windows + " final rows",
        rows -> finalRows(rows) == windows,
        PATIENCE,
        stopped);
    onceFinal.run();
    for (String[] tableAndCount :
        new String[][] {
          {"late_events", "too_late"}, {"dead_letters", "invalid"}, {"transactions", "transactions"}
        }) {
      long expected = truth(tableAndCount[1]);
      TableWatch.await(
          tables,
          "onceflow",
          tableAndCount[0],
          expected + " rows",
          rows -> rows.size() == expected,
          PATIENCE,
          stopped);
    }
  }

  static void assertVerifies(Path warehouse) throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean ok =
        VerifyTotals.verify(
            VerifyTotals.options(
                new String[] {"--groundTruth=" + generated, "--warehouse=" + warehouse}),
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(ok).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
  }

  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos: 3 to 6 minutes each on 2 cores (docs/RELIABILITY.md)
  void directRunnerKilledThenRestartedFromTheEarliestOffsetEndsRight()
      throws IOException, InterruptedException {
    Path warehouse = dir.resolve("direct-warehouse");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    String main = Onceflow.class.getName();

    long finalAtKill;
    try (PipelineProcess first =
        PipelineProcess.start(
            main,
            dir.resolve("direct-1.log"),
            List.of(),
            pipelineArgs(warehouse, TOPIC, "direct", "committed").toArray(new String[0]))) {
      finalAtKill = awaitFirstCommit(tables, first::stopped, () -> true);
      first.kill9();
    }
    assertThat(finalAtKill).as("windows final when killed").isLessThan(customerHours());

    // The DirectRunner keeps no state: its restart re-reads the topic (docs/runners.md).
    try (PipelineProcess second =
        PipelineProcess.start(
            main,
            dir.resolve("direct-2.log"),
            List.of(),
            pipelineArgs(warehouse, TOPIC, "direct", "earliest").toArray(new String[0]))) {
      awaitEverything(tables, second::stopped, () -> {});
    }
    assertVerifies(warehouse);
    assertThat(truth("too_late")).isPositive();
  }

  /**
   * The Flink job jar on a Flink session cluster, submitted with {@code flink run}; the whole
   * cluster (JobManager, TaskManager, client) is killed once a commit and a checkpoint exist, then
   * started again and the job resubmitted from its latest retained checkpoint ({@code flink run
   * -s}).
   */
  @Test
  void flinkClusterKilledThenResumedFromItsLatestCheckpointEndsRight()
      throws IOException, InterruptedException {
    String topic = topicWithTheStream("flink-transactions");
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
    // Flink reads the whole stream in a second or two, and only the idle advance of the watermark
    // closes the last windows: it must come after the kill (a commit and a checkpoint, a few
    // seconds in), or there is nothing left to recover (seen: all 48 windows final at the kill).
    args.replaceAll(a -> a.equals("--idleSeconds=5") ? "--idleSeconds=30" : a);
    Path jar = RunnerJobs.jobJar("flink");

    LocalFlinkCluster cluster = new LocalFlinkCluster(dir.resolve("flink-cluster"));
    try {
      cluster.start();
      String first = cluster.submit(jar, Optional.empty(), args);
      long finalAtKill =
          awaitFirstCommit(
              tables,
              RunnerJobs.flinkJobStopped(cluster, first),
              () -> LocalFlinkCluster.latestCheckpoint(checkpoints, first).isPresent());
      cluster.crash();
      assertThat(finalAtKill).as("windows final when killed").isLessThan(customerHours());

      cluster.start();
      Path checkpoint = LocalFlinkCluster.latestCheckpoint(checkpoints, first).orElseThrow();
      String second = cluster.submit(jar, Optional.of(checkpoint), args);
      awaitEverything(
          tables, RunnerJobs.flinkJobStopped(cluster, second), () -> generate(topic, "stragglers"));
      assertThat(cluster.restoredFrom(second))
          .as("the checkpoint the resubmitted job started from")
          .hasValueSatisfying(p -> assertThat(p).endsWith(checkpoint.getFileName().toString()));
      cluster.cancel(second);
    } finally {
      cluster.close();
    }
    assertVerifies(warehouse);
  }

  /**
   * The Spark job jar on a Spark standalone cluster, submitted with {@code spark-submit}; the
   * driver is killed once a commit and a checkpoint of the streaming state exist, then the same
   * command runs again and resumes from {@code --checkpointDir}.
   */
  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos: 3 to 6 minutes each on 2 cores (docs/RELIABILITY.md)
  void sparkDriverKilledThenResumedFromItsCheckpointDirEndsRight()
      throws IOException, InterruptedException {
    String topic = topicWithTheStream("spark-transactions");
    Path warehouse = dir.resolve("spark-warehouse");
    Path checkpoints = dir.resolve("spark-checkpoints");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    Path jar = RunnerJobs.jobJar("spark");

    try (LocalSparkCluster cluster = new LocalSparkCluster(dir.resolve("spark-cluster"))) {
      cluster.start();
      List<String> args =
          pipelineArgs(
              warehouse,
              topic,
              "spark",
              "committed",
              "--profile=spark",
              "--sparkMaster=" + cluster.masterUrl(),
              "--filesToStage=" + jar,
              "--checkpointDir=" + checkpoints.toUri());
      String main = Onceflow.class.getName();
      LocalSparkCluster.Driver first = cluster.submit(jar, main, args);
      long finalAtKill =
          awaitFirstCommit(
              tables,
              RunnerJobs.driverStopped(first),
              () -> RunnerJobs.hasStateCheckpoint(checkpoints));
      first.kill();
      assertThat(finalAtKill).as("windows final when killed").isLessThan(customerHours());

      LocalSparkCluster.Driver second = cluster.submit(jar, main, args);
      awaitEverything(
          tables, RunnerJobs.driverStopped(second), () -> generate(topic, "stragglers"));
      second.kill();
    }
    assertVerifies(warehouse);
  }

  interface ThrowingRunnable {
    void run() throws IOException;
  }
}
