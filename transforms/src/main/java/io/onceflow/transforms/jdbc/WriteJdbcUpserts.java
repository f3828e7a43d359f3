package io.onceflow.transforms.jdbc;

import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.metrics.MetricNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Writes rows into a PostgreSQL table kept at one row per key, each key holding its newest version
 * ({@link UpsertTable} says which is newer, {@link PostgresUpserter} how a batch stays idempotent
 * under retries, replays and concurrent writers): the JDBC twin of the Iceberg {@code
 * WriteUpserts}, with its batching (a processing-time trigger on a GroupByKey in the global window,
 * which every runner supports in batch and streaming) and its metrics. The table is created, or
 * checked against the rows' schema, when the pipeline is built, so a bad table fails at start-up.
 */
public final class WriteJdbcUpserts
    extends PTransform<PCollection<Row>, PCollection<JdbcBatchOutcome>> {

  private final JdbcConnection connection;
  private final UpsertTable table;
  private final Duration commitInterval;
  private final int shards;
  private final int maxAttempts;

  private WriteJdbcUpserts(
      JdbcConnection connection,
      UpsertTable table,
      Duration commitInterval,
      int shards,
      int maxAttempts) {
    this.connection = connection;
    this.table = table;
    this.commitInterval = commitInterval;
    this.shards = shards;
    this.maxAttempts = maxAttempts;
  }

  /** Commit interval 5 s, one shard, 8 attempts per batch. */
  public static WriteJdbcUpserts to(JdbcConnection connection, UpsertTable table) {
    return new WriteJdbcUpserts(connection, table, Duration.standardSeconds(5), 1, 8);
  }

  /** Commit interval and attempts from the options (checked by {@link JdbcConnection#from}). */
  public static WriteJdbcUpserts to(JdbcOptions options, UpsertTable table) {
    return to(JdbcConnection.from(options), table)
        .withCommitInterval(JdbcConnection.commitInterval(options))
        .withMaxAttempts(options.getJdbcMaxAttempts());
  }

  public WriteJdbcUpserts withCommitInterval(Duration interval) {
    if (interval == null || interval.getMillis() <= 0) {
      throw new IllegalArgumentException("commit interval must be positive, was " + interval);
    }
    return new WriteJdbcUpserts(connection, table, interval, shards, maxAttempts);
  }

  public WriteJdbcUpserts withShards(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("writer shards must be at least 1, was " + n);
    }
    return new WriteJdbcUpserts(connection, table, commitInterval, n, maxAttempts);
  }

  public WriteJdbcUpserts withMaxAttempts(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + n);
    }
    return new WriteJdbcUpserts(connection, table, commitInterval, shards, n);
  }

  @Override
  public PCollection<JdbcBatchOutcome> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    PostgresTables.createOrValidate(connection, table, schema);
    return rows.apply("ShardByKey", ParDo.of(new ShardFn(table.keyColumns(), shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), rows.getCoder()))
        .apply(
            "BufferForCommitInterval",
            Window.<KV<Integer, Row>>into(new GlobalWindows())
                .triggering(
                    Repeatedly.forever(
                        AfterProcessingTime.pastFirstElementInPane().plusDelayOf(commitInterval)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply("Batch", GroupByKey.create())
        .apply("Commit", ParDo.of(new CommitFn(connection, table, schema, maxAttempts)))
        .setCoder(SerializableCoder.of(JdbcBatchOutcome.class));
  }

  private static final class ShardFn extends DoFn<Row, KV<Integer, Row>> {
    private final List<String> keyColumns;
    private final int shards;
    private final Counter received =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.ROWS_RECEIVED);

    ShardFn(List<String> keyColumns, int shards) {
      this.keyColumns = keyColumns;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<Integer, Row>> out) {
      received.inc();
      int shard = 0;
      if (shards > 1) {
        List<Object> key = new ArrayList<>(keyColumns.size());
        for (String c : keyColumns) {
          key.add(row.getValue(c));
        }
        shard = Math.floorMod(key.hashCode(), shards);
      }
      out.output(KV.of(shard, row));
    }
  }

  private static final class CommitFn extends DoFn<KV<Integer, Iterable<Row>>, JdbcBatchOutcome> {
    private final JdbcConnection connection;
    private final UpsertTable table;
    private final Schema schema;
    private final int maxAttempts;
    private final Counter written =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.ROWS_WRITTEN);
    private final Counter ignored =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.ROWS_IGNORED);
    private final Counter commits = Metrics.counter(MetricNames.NAMESPACE, MetricNames.COMMITS);
    private final Counter skipped =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.COMMITS_SKIPPED);
    private transient PostgresUpserter upserter;

    CommitFn(JdbcConnection connection, UpsertTable table, Schema schema, int maxAttempts) {
      this.connection = connection;
      this.table = table;
      this.schema = schema;
      this.maxAttempts = maxAttempts;
    }

    @Setup
    public void setup() {
      upserter = new PostgresUpserter(connection, table, schema, maxAttempts, 200);
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<Row>> batch, OutputReceiver<JdbcBatchOutcome> out)
        throws SQLException {
      List<Row> rows = new ArrayList<>();
      batch.getValue().forEach(rows::add);
      JdbcBatchOutcome outcome = upserter.write(rows);
      written.inc(outcome.rowsWritten);
      ignored.inc(outcome.rowsIgnored);
      (outcome.rowsWritten > 0 ? commits : skipped).inc();
      out.output(outcome);
    }
  }
}
