package io.onceflow.it.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.GroundTruthFiles;
import io.onceflow.it.support.RecentStart;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.AwaitTables;
import io.onceflow.pipelines.transactions.CustomerHourlyTotalsTable;
import io.onceflow.pipelines.transactions.Demo;
import io.onceflow.pipelines.transactions.GenerateTransactions;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship end to end in streaming mode, with generated input holding duplicates, allowed-late,
 * too-late (stragglers sent after their windows closed) and malformed records: the demo on the
 * DirectRunner (generate into a real broker, stream, verify against the ground truth), a replay of
 * the same topic from the earliest offset over the same tables, the same records as CSV files in a
 * watched directory, and the demo on Flink and on Spark. All share one generated data set and
 * compare with the first run's tables, so the steps run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransactionsStreamingIT {

  static final String SEED = "7";
  static final String START = RecentStart.MIDNIGHT_TWO_DAYS_AGO;
  static final String COUNT = "1500";
  static final String CUSTOMERS = "6";
  static final String SPAN_HOURS = "8";

  static final String[] TOTALS = {
    "customer_id", "window_start", "window_end", "total_amount", "txn_count", "is_final"
  };
  static final String[] LEDGER = {
    "txn_id", "event_time", "processing_time", "customer_id", "amount", "status"
  };
  static final String[] LATE = {
    "txn_id", "event_time", "processing_time", "customer_id", "amount", "status", "retracted"
  };
  static final String[] DEAD_LETTER = {"raw", "stage", "error"};
  static final List<String> TABLES =
      List.of("customer_hourly_totals", "transactions", "late_events", "dead_letters");

  @TempDir static Path dir;

  static Path demoWork() {
    return dir.resolve("direct");
  }

  static IcebergCatalogConfig kafkaTables() {
    return UpsertSinkScenario.hadoopCatalog(demoWork().resolve("warehouse"));
  }

  static String[] generated(String... more) {
    String[] common = {
      "--seed=" + SEED,
      "--start=" + START,
      "--count=" + COUNT,
      "--customers=" + CUSTOMERS,
      "--spanHours=" + SPAN_HOURS
    };
    String[] all = new String[common.length + more.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return all;
  }

  static GroundTruthFiles truth() {
    return new GroundTruthFiles(demoWork().resolve("generated"));
  }

  static long count(String name) throws IOException {
    return truth().count(name);
  }

  static long customerHours() throws IOException {
    return truth().customerHours();
  }

  @Test
  @Order(1)
  void theDemoStreamsFromKafkaAndVerifiesAgainstTheGroundTruth() throws IOException {
    demoOn("direct");
    // The generator made every kind of record the pipeline must sort out.
    assertThat(count("duplicates")).isPositive();
    assertThat(count("invalid")).isPositive();
    assertThat(count("too_late")).isPositive();
    assertThat(TableRows.read(kafkaTables(), "onceflow", "late_events", LATE))
        .hasSize((int) count("too_late"));
    assertThat(TableRows.read(kafkaTables(), "onceflow", "dead_letters", DEAD_LETTER))
        .hasSize((int) count("invalid"));
    assertThat(TableRows.read(kafkaTables(), "onceflow", "customer_hourly_totals", TOTALS))
        .hasSize((int) customerHours())
        .allSatisfy(row -> assertThat(row).endsWith("true"));
  }

  @Test
  @Order(2)
  void aReplayOfTheTopicFromTheEarliestOffsetLeavesEveryTableAsItWas() throws IOException {
    IcebergCatalogConfig tables = kafkaTables();
    List<String> totals =
        TableRows.read(tables, "onceflow", "customer_hourly_totals", allTotalsColumns());
    List<String> ledger = TableRows.read(tables, "onceflow", "transactions", LEDGER);
    List<String> late = TableRows.read(tables, "onceflow", "late_events", LATE);
    List<String> deadLetters =
        TableRows.read(tables, "onceflow", "dead_letters", "source", "raw", "stage", "error");
    long snapshots = snapshots(tables);

    // The demo's broker, restarted on its data: the topic holds the stream and the stragglers.
    LocalKafkaBroker broker = new LocalKafkaBroker(demoWork().resolve("kafka"));
    broker.start();
    PipelineResult replay = null;
    try {
      replay =
          TransactionsPipeline.run(
              TransactionsPipeline.options(
                  new String[] {
                    "--source=kafka",
                    "--bootstrapServers=" + broker.bootstrapServers(),
                    "--topic=transactions",
                    "--startFrom=earliest",
                    "--streaming=true",
                    "--blockOnRun=false",
                    "--warehouse=" + demoWork().resolve("warehouse"),
                    "--commitIntervalSeconds=2",
                    "--earlyFiringSeconds=5"
                  }));
      new AwaitTables(replay, tables.build(), "onceflow", Duration.ofMinutes(5))
          .replayed(count("records"), customerHours(), count("too_late"));
    } finally {
      if (replay != null) {
        replay.cancel();
      }
      broker.stop();
    }

    assertThat(TableRows.read(tables, "onceflow", "customer_hourly_totals", allTotalsColumns()))
        .containsExactlyInAnyOrderElementsOf(totals);
    assertThat(TableRows.read(tables, "onceflow", "transactions", LEDGER))
        .containsExactlyInAnyOrderElementsOf(ledger);
    assertThat(TableRows.read(tables, "onceflow", "late_events", LATE))
        .containsExactlyInAnyOrderElementsOf(late);
    assertThat(
            TableRows.read(tables, "onceflow", "dead_letters", "source", "raw", "stage", "error"))
        .containsExactlyInAnyOrderElementsOf(deadLetters);
    assertThat(snapshots(tables)).as("commits that changed something").isEqualTo(snapshots);
  }

  @Test
  @Order(3)
  void theSameRecordsAsWatchedCsvFilesGiveTheSameTables() throws IOException {
    Path files = dir.resolve("files");
    GenerateTransactions.generate(
        generated("--to=files", "--format=CSV", "--files=6", "--output=" + files), System.out);
    Path warehouse = dir.resolve("files-warehouse");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);

    PipelineResult run =
        TransactionsPipeline.run(
            TransactionsPipeline.options(
                new String[] {
                  "--source=files",
                  "--input=" + files.resolve("events").resolve("*.csv"),
                  "--watchIntervalSeconds=1",
                  "--streaming=true",
                  "--blockOnRun=false",
                  "--warehouse=" + warehouse,
                  "--commitIntervalSeconds=2",
                  "--earlyFiringSeconds=5"
                }));
    try {
      AwaitTables await = new AwaitTables(run, tables.build(), "onceflow", Duration.ofMinutes(5));
      await.finalRows(CustomerHourlyTotalsTable.NAME, customerHours());
      // Every window is closed: the stragglers arrive as the directory's newest file.
      Files.move(
          files.resolve("stragglers").resolve("part-00000.csv"),
          files.resolve("events").resolve("part-99999.csv"),
          StandardCopyOption.ATOMIC_MOVE);
      await.rows("late_events", count("too_late"));
      await.rows("dead_letters", count("invalid"));
      await.rows("transactions", count("transactions"));
    } finally {
      run.cancel();
    }

    assertSameTablesAsDirect(tables);
  }

  @Test
  @Order(4)
  void flinkStreamingFromKafkaVerifiesAndGivesTheDirectRunnersTables() throws IOException {
    assertSameTablesAsDirect(demoOn("flink"));
  }

  @Test
  @Order(5)
  void sparkStreamingFromKafkaVerifiesAndGivesTheDirectRunnersTables() throws IOException {
    assertSameTablesAsDirect(
        demoOn("spark", "--checkpointDir=" + dir.resolve("spark-checkpoints").toUri()));
  }

  /** The demo on a runner, in a work directory of its own, verified; its tables. */
  static IcebergCatalogConfig demoOn(String profile, String... more) throws IOException {
    Path work = dir.resolve(profile);
    String[] args =
        generated(
            "--profile=" + profile,
            "--workDir=" + work,
            "--timeoutMinutes=6",
            "--progressSeconds=0");
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean verified =
        Demo.run(Demo.options(all), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(verified).as(output).isTrue();
    String runner =
        switch (profile) {
          case "flink" -> "FlinkRunner";
          case "spark" -> "SparkRunner";
          default -> "DirectRunner";
        };
    assertThat(output).contains("onceflow verify: OK", "(streaming, " + runner + ")");
    return UpsertSinkScenario.hadoopCatalog(work.resolve("warehouse"));
  }

  /** The first run's tables, row for row; where a malformed record came from may differ. */
  static void assertSameTablesAsDirect(IcebergCatalogConfig tables) {
    IcebergCatalogConfig direct = kafkaTables();
    assertThat(TableRows.read(tables, "onceflow", "customer_hourly_totals", TOTALS))
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(direct, "onceflow", "customer_hourly_totals", TOTALS));
    assertThat(TableRows.read(tables, "onceflow", "transactions", LEDGER))
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(direct, "onceflow", "transactions", LEDGER));
    assertThat(TableRows.read(tables, "onceflow", "late_events", LATE))
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(direct, "onceflow", "late_events", LATE));
    assertThat(TableRows.read(tables, "onceflow", "dead_letters", DEAD_LETTER))
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(direct, "onceflow", "dead_letters", DEAD_LETTER));
  }

  static String[] allTotalsColumns() {
    return new String[] {
      "customer_id",
      "window_start",
      "window_end",
      "total_amount",
      "txn_count",
      "pane_index",
      "pane_timing",
      "is_final",
      "updated_at"
    };
  }

  static long snapshots(IcebergCatalogConfig tables) {
    long n = 0;
    for (String table : TABLES) {
      n += TableRows.snapshots(tables, "onceflow", table);
    }
    return n;
  }
}
