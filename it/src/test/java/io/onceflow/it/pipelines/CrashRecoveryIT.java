package io.onceflow.it.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.GroundTruthFiles;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.transactions.GenerateTransactions;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.pipelines.transactions.VerifyTotals;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.UpsertSinkScenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming run killed with SIGKILL while panes and commits are in flight (after the first
 * commit, before the last window is final), then restarted as docs/runners.md says, ends with
 * tables that verify against the ground truth: no total lost or doubled, every record accounted
 * for. The topic holds the whole generated stream with its stragglers at the end, on one
 * partition, so that the stragglers are too late whatever the runner (a partition read ahead of
 * another cannot hold the watermark back for them).
 */
class CrashRecoveryIT {

  static final String TOPIC = "transactions";
  static final Duration PATIENCE = Duration.ofMinutes(5);

  @TempDir static Path dir;
  static LocalKafkaBroker broker;
  static Path generated;

  @BeforeAll
  static void generateIntoTheBroker() throws IOException {
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    broker.createTopic(TOPIC, 1);
    generated = dir.resolve("generated");
    GenerateTransactions.main(
        new String[] {
          "--seed=11", "--start=2026-11-22T00:00:00Z", "--count=3000", "--customers=6", "--spanHours=8",
          "--to=kafka", "--part=all", "--bootstrapServers=" + broker.bootstrapServers(), "--topic=" + TOPIC, "--output=" + generated
        });
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

  static List<String> pipelineArgs(Path warehouse, String group, String startFrom, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--source=kafka",
                "--bootstrapServers=" + broker.bootstrapServers(),
                "--topic=" + TOPIC,
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
    return rows.stream().filter(r -> Boolean.TRUE.equals(r.getField("is_final"))).count();
  }

  /** Runs until the first commit of totals, kills it, and returns how many windows were final then. */
  static long runAndKill(PipelineProcess run, IcebergCatalogConfig tables) throws IOException, InterruptedException {
    run.awaitTable(tables, "onceflow", "customer_hourly_totals", "a committed pane", rows -> !rows.isEmpty(), PATIENCE);
    run.kill9();
    return finalRows(PipelineProcess.rows(tables, "onceflow", "customer_hourly_totals"));
  }

  static void awaitEverything(PipelineProcess run, IcebergCatalogConfig tables) throws IOException, InterruptedException {
    long windows = customerHours();
    run.awaitTable(tables, "onceflow", "customer_hourly_totals", windows + " final rows", rows -> finalRows(rows) == windows, PATIENCE);
    for (String[] tableAndCount : new String[][] {{"late_events", "too_late"}, {"dead_letters", "invalid"}, {"transactions", "transactions"}}) {
      long expected = truth(tableAndCount[1]);
      run.awaitTable(tables, "onceflow", tableAndCount[0], expected + " rows", rows -> rows.size() == expected, PATIENCE);
    }
  }

  static void assertVerifies(Path warehouse) throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean ok =
        VerifyTotals.verify(
            VerifyTotals.options(new String[] {"--groundTruth=" + generated, "--warehouse=" + warehouse}),
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(ok).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
  }

  @Test
  void directRunnerKilledThenRestartedFromTheEarliestOffsetEndsRight() throws IOException, InterruptedException {
    Path warehouse = dir.resolve("direct-warehouse");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    String main = TransactionsPipeline.class.getName();

    long finalAtKill;
    try (PipelineProcess first =
        PipelineProcess.start(main, dir.resolve("direct-1.log"), List.of(), pipelineArgs(warehouse, "direct", "committed").toArray(new String[0]))) {
      finalAtKill = runAndKill(first, tables);
    }
    assertThat(finalAtKill).as("windows final when killed").isLessThan(customerHours());

    // The DirectRunner keeps no state: its restart re-reads the topic (docs/runners.md).
    try (PipelineProcess second =
        PipelineProcess.start(main, dir.resolve("direct-2.log"), List.of(), pipelineArgs(warehouse, "direct", "earliest").toArray(new String[0]))) {
      awaitEverything(second, tables);
    }
    assertVerifies(warehouse);
    assertThat(truth("too_late")).isPositive();
  }
}
