package io.onceflow.pipelines.transactions;

import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.minute;
import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.txn;

import io.onceflow.transforms.iceberg.CommitOutcome;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.iceberg.WriteUpserts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.joda.time.Duration;

/**
 * Accumulating panes written through the upsert sink, run by each runner's test: on-time, late,
 * duplicated and conflicting transactions over two windows, committed every second while the stream
 * runs; the table must end with one row per key holding the final totals.
 */
public final class UpsertSinkScenario {

  public static final String NAMESPACE = "onceflow";

  private UpsertSinkScenario() {}

  public static IcebergCatalogConfig hadoopCatalog(Path warehouse) {
    return IcebergCatalogConfig.hadoop(warehouse);
  }

  /** The stream in steps; the runner's test turns them into a TestStream or Spark micro-batches. */
  public static List<List<TimestampedValue<TransactionEvent>>> batches() {
    return List.of(
        List.of(
            txn("t1", "alice", "10.00", 5),
            txn("t2", "alice", "5.00", 20),
            txn("t3", "bob", "0.10", 30),
            txn("t3", "bob", "0.10", 30)),
        // After W1's on-time pane: late within lateness, a late duplicate, the next window.
        List.of(
            txn("t4", "alice", "0.20", 40),
            txn("t1", "alice", "10.00", 5),
            txn("t5", "bob", "0.20", 70)),
        // Conflicting versions of t6: the later processing time (1.00) wins.
        List.of(
            txn("t6", "bob", "9.99", 75, 76, "SUCCESS"),
            txn("t6", "bob", "1.00", 75, 80, "SUCCESS")));
  }

  /** The whole stream as one bounded input, for batch runs. */
  public static org.apache.beam.sdk.transforms.Create.TimestampedValues<TransactionEvent>
      bounded() {
    List<TimestampedValue<TransactionEvent>> all = new java.util.ArrayList<>();
    batches().forEach(all::addAll);
    return org.apache.beam.sdk.transforms.Create.timestamped(all)
        .withCoder(TransactionTotalsScenarios.coder());
  }

  /** Watermark after each batch, in minutes after T0. */
  public static final int[] WATERMARK_AFTER = {61, 130, 131};

  /** With processing-time steps between the batches, so commits happen mid-stream (Direct). */
  public static TestStream<TransactionEvent> testStream() {
    return testStream(true);
  }

  /** Flink's TestStream cannot advance processing time; there, commits follow the wall clock. */
  public static TestStream<TransactionEvent> testStream(boolean processingTimeSteps) {
    Duration step = Duration.standardMinutes(2);
    TestStream.Builder<TransactionEvent> stream = TransactionTotalsScenarios.stream();
    List<List<TimestampedValue<TransactionEvent>>> batches = batches();
    for (int i = 0; i < batches.size(); i++) {
      List<TimestampedValue<TransactionEvent>> batch = batches.get(i);
      stream =
          stream.addElements(
              batch.get(0), batch.subList(1, batch.size()).toArray(TimestampedValue[]::new));
      stream = processingTimeSteps ? stream.advanceProcessingTime(step) : stream;
      stream = stream.advanceWatermarkTo(minute(WATERMARK_AFTER[i]));
      stream = processingTimeSteps ? stream.advanceProcessingTime(step) : stream;
    }
    return stream.advanceWatermarkToInfinity();
  }

  public static PCollection<CommitOutcome> writeTotals(
      PCollection<TransactionEvent> events, IcebergCatalogConfig catalog) {
    return TransactionTotalsScenarios.aggregate(events)
        .get(HourlyCustomerTotals.TOTALS)
        .apply("TableRows", CustomerHourlyTotalsTable.rows())
        .apply(
            "Upsert",
            WriteUpserts.to(catalog, CustomerHourlyTotalsTable.in(NAMESPACE))
                .withCommitInterval(Duration.standardSeconds(1)));
  }

  /**
   * Runs {@code source} through the sink into a Hadoop catalog in {@code warehouse}; returns the
   * table's rows.
   */
  public static Map<String, String> runAndReadRows(
      org.apache.beam.sdk.Pipeline p,
      org.apache.beam.sdk.transforms.PTransform<
              org.apache.beam.sdk.values.PBegin, PCollection<TransactionEvent>>
          source,
      Path warehouse) {
    IcebergCatalogConfig catalog = hadoopCatalog(warehouse);
    writeTotals(p.apply("Events", source), catalog);
    p.run().waitUntilFinish();
    return tableRows(catalog);
  }

  public static Map<String, String> expectedRows() {
    return Map.of(
        "alice@10:00", "15.20 3 final",
        "bob@10:00", "0.10 1 final",
        "bob@11:00", "1.20 2 final");
  }

  /** customer@hh:mm -> "total count [final]"; fails if a key has two rows. */
  public static Map<String, String> tableRows(IcebergCatalogConfig catalog) {
    Table table = catalog.build().loadTable(CustomerHourlyTotalsTable.in(NAMESPACE).identifier());
    Map<String, String> rows = new TreeMap<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      for (Record r : read) {
        OffsetDateTime start = (OffsetDateTime) TableRows.value(r, "window_start");
        String key = TableRows.value(r, "customer_id") + "@" + start.toLocalTime();
        String value =
            TableRows.value(r, "total_amount")
                + " "
                + TableRows.value(r, "txn_count")
                + (Boolean.TRUE.equals(TableRows.value(r, "is_final")) ? " final" : "");
        if (rows.put(key, value) != null) {
          throw new AssertionError("two rows for " + key + " in " + table.name());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  public static long snapshotCount(IcebergCatalogConfig catalog) {
    return TableRows.snapshots(catalog, NAMESPACE, CustomerHourlyTotalsTable.NAME);
  }
}
