package io.onceflow.it.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.ledger.LedgerDemo;
import io.onceflow.pipelines.ledger.LedgerGroundTruth;
import io.onceflow.pipelines.ledger.LedgerPipeline;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger streamed from a generated Kafka topic on each runner into its tables, verified, and
 * row for row the same on every runner; then the topic replayed from its earliest offset into the
 * Direct run's tables, which changes no row and commits no snapshot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerStreamingIT {

  static final String SEED = "11";
  static final String COUNT = "200";

  /** Every table's columns but processing_time and updated_at, which say when, not what. */
  static final Map<String, String[]> TABLES =
      Map.of(
          "transactions_ledger",
          new String[] {
            "transaction_id",
            "account_from",
            "account_to",
            "amount",
            "currency",
            "transaction_type",
            "transaction_hash",
            "event_timestamp"
          },
          "ledger_summary",
          new String[] {
            "transaction_type",
            "currency",
            "transaction_count",
            "total_amount",
            "avg_amount",
            "ledger_transactions"
          },
          "ledger_conflicts",
          new String[] {
            "transaction_id",
            "versions",
            "winner_hash",
            "winner_event_timestamp",
            "other_hash",
            "discarded_hashes"
          },
          "dead_letters",
          new String[] {"pipeline", "stage", "raw", "error"});

  @TempDir static Path dir;

  @Test
  @Order(1)
  void theDemoStreamsTheTopicOnTheDirectRunnerAndVerifies() {
    IcebergCatalogConfig tables = demoOn("direct");

    LedgerGroundTruth truth = LedgerGroundTruth.read(dir.resolve("direct").resolve("generated"));
    // The generated topic holds every kind of record the ledger must sort out.
    assertThat(truth.duplicates()).isPositive();
    assertThat(truth.conflictingVersions()).isPositive();
    assertThat(truth.invalid()).isPositive();
    assertThat(TableRows.read(tables, "onceflow", "transactions_ledger", "transaction_id"))
        .hasSize((int) truth.transactions());
    assertThat(TableRows.read(tables, "onceflow", "dead_letters", "raw"))
        .hasSize((int) truth.invalid());
  }

  @Test
  @Order(2)
  void aReplayOfTheTopicFromTheEarliestOffsetChangesNoRowAndCommitsNothing() throws IOException {
    Path work = dir.resolve("direct");
    IcebergCatalogConfig tables = catalog(work);
    Map<String, List<String>> before = read(tables);
    long snapshots = snapshots(tables);
    long records = LedgerGroundTruth.read(work.resolve("generated")).records();

    // The demo's broker, restarted on its data. The replay streams (processing-time panes, pane
    // indexes from 0 again, fresh dedup state) and ends once it has read every record of the topic.
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      broker.start();
      PipelineResult replay =
          LedgerPipeline.run(
              LedgerPipeline.options(
                  new String[] {
                    "--source=kafka",
                    "--bootstrapServers=" + broker.bootstrapServers(),
                    "--topic=financial_transactions",
                    "--startFrom=earliest",
                    "--maxRecords=" + records,
                    "--streaming=true",
                    "--warehouse=" + work.resolve("warehouse"),
                    "--commitIntervalSeconds=1",
                    "--triggerSeconds=1"
                  }));
      PipelineResult.State state = replay.waitUntilFinish(Duration.standardMinutes(5));
      assertThat(state).isEqualTo(PipelineResult.State.DONE);
    }

    assertThat(read(tables)).isEqualTo(before);
    assertThat(snapshots(tables)).as("snapshots after the replay").isEqualTo(snapshots);
  }

  @Test
  @Order(3)
  void onFlinkTheTablesAreTheDirectRunners() {
    assertThat(read(demoOn("flink"))).isEqualTo(read(catalog(dir.resolve("direct"))));
  }

  @Test
  @Order(4)
  void onSparkTheTablesAreTheDirectRunners() {
    IcebergCatalogConfig spark =
        demoOn("spark", "--checkpointDir=" + dir.resolve("spark-checkpoints").toUri());
    assertThat(read(spark)).isEqualTo(read(catalog(dir.resolve("direct"))));
  }

  /** The ledger's demo on a runner, in a work directory of its own, verified; its tables. */
  static IcebergCatalogConfig demoOn(String profile, String... more) {
    Path work = dir.resolve(profile);
    String[] args = {
      "--profile=" + profile,
      "--workDir=" + work,
      "--seed=" + SEED,
      "--count=" + COUNT,
      "--timeoutMinutes=6",
      "--progressSeconds=0"
    };
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean verified;
    try {
      verified =
          LedgerDemo.run(
              LedgerDemo.options(all), new PrintStream(printed, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(printed.toString(StandardCharsets.UTF_8), e);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(verified).as(output).isTrue();
    String runner =
        switch (profile) {
          case "flink" -> "FlinkRunner";
          case "spark" -> "SparkRunner";
          default -> "DirectRunner";
        };
    assertThat(output).contains("onceflow verify: OK", "(streaming, " + runner + ")");
    return catalog(work);
  }

  static IcebergCatalogConfig catalog(Path work) {
    return IcebergCatalogConfig.hadoop(work.resolve("warehouse"));
  }

  /** Each table's rows (sorted), by table; a malformed record's source position left out. */
  static Map<String, List<String>> read(IcebergCatalogConfig tables) {
    java.util.TreeMap<String, List<String>> rows = new java.util.TreeMap<>();
    TABLES.forEach(
        (table, columns) ->
            rows.put(
                table,
                TableRows.read(tables, "onceflow", table, columns).stream().sorted().toList()));
    return rows;
  }

  static long snapshots(IcebergCatalogConfig tables) {
    long n = 0;
    for (String table : TABLES.keySet()) {
      n += TableRows.snapshots(tables, "onceflow", table);
    }
    return n;
  }
}
