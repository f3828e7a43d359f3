package io.onceflow.transforms.iceberg;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.joda.time.Duration;

/**
 * Writes rows into an Iceberg table kept at one row per key, each key holding its newest
 * version (see {@link UpsertTable} for "newer", {@link UpsertCommitter} for how a commit stays
 * idempotent under retries, replays and concurrent writers).
 *
 * <p>Unlike Beam's {@code IcebergIO.writeRows}, which appends (so an accumulating pane
 * re-emitted per firing becomes one more row each time) and whose streaming write needs
 * {@code GroupIntoBatches} (not on Spark streaming), this batches with a processing-time trigger
 * on a GroupByKey, which every runner supports in batch and streaming: rows are buffered for the
 * commit interval, then one committer per shard commits them. One shard (the default) means one
 * writer per table and no self-inflicted conflicts. The table is created, or checked against the
 * rows' schema, when the pipeline is built, so a bad table fails at start-up.
 */
public final class WriteUpserts extends PTransform<PCollection<Row>, PCollection<CommitOutcome>> {

  private final IcebergCatalogConfig catalog;
  private final UpsertTable table;
  private final Duration commitInterval;
  private final int shards;
  private final int maxCommitAttempts;

  private WriteUpserts(IcebergCatalogConfig catalog, UpsertTable table, Duration commitInterval, int shards, int maxCommitAttempts) {
    this.catalog = catalog;
    this.table = table;
    this.commitInterval = commitInterval;
    this.shards = shards;
    this.maxCommitAttempts = maxCommitAttempts;
  }

  /** Commit interval 1 min, one shard, 10 commit attempts. */
  public static WriteUpserts to(IcebergCatalogConfig catalog, UpsertTable table) {
    return new WriteUpserts(catalog, table, Duration.standardMinutes(1), 1, 10);
  }

  public WriteUpserts withCommitInterval(Duration interval) {
    if (interval == null || interval.getMillis() <= 0) {
      throw new IllegalArgumentException("commit interval must be positive, was " + interval);
    }
    return new WriteUpserts(catalog, table, interval, shards, maxCommitAttempts);
  }

  public WriteUpserts withShards(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("writer shards must be at least 1, was " + n);
    }
    return new WriteUpserts(catalog, table, commitInterval, n, maxCommitAttempts);
  }

  public WriteUpserts withMaxCommitAttempts(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("commit attempts must be at least 1, was " + n);
    }
    return new WriteUpserts(catalog, table, commitInterval, shards, n);
  }

  @Override
  public PCollection<CommitOutcome> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    UpsertTables.createOrValidate(catalog.build(), table, schema);
    int shardCount = shards;
    List<String> keyColumns = table.keyColumns;
    Coder<Row> rowCoder = rows.getCoder();
    return rows.apply("CountReceived", ParDo.of(new CountReceivedFn()))
        .setRowSchema(schema)
        .apply(
            "BufferForCommitInterval",
            Window.<Row>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(commitInterval)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        // The buffer is state, and Spark's streaming runner decodes and re-encodes a GroupByKey's
        // state every micro-batch, all of it, for the whole commit interval. Buffered as Rows that
        // was most of a Spark run's CPU (docs/PROFILING.md); as the rows' bytes, encoded once,
        // it is a copy.
        .apply(
            "KeyByShardAsBytes",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(byte[].class)))
                .via((Row r) -> KV.of(shardOf(r, keyColumns, shardCount), encode(rowCoder, r))))
        .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
        .apply("Batch", GroupByKey.create())
        .apply("Commit", ParDo.of(new CommitFn(catalog, table, maxCommitAttempts, rowCoder)))
        .setCoder(SerializableCoder.of(CommitOutcome.class));
  }

  private static byte[] encode(Coder<Row> coder, Row row) {
    try {
      return CoderUtils.encodeToByteArray(coder, row);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode a row for the commit buffer: " + row, e);
    }
  }

  private static int shardOf(Row r, List<String> keyColumns, int shards) {
    if (shards == 1) {
      return 0;
    }
    List<Object> key = new ArrayList<>(keyColumns.size());
    for (String c : keyColumns) {
      key.add(r.getValue(c));
    }
    return Math.floorMod(key.hashCode(), shards);
  }

  /** Rows in, against rows written or ignored by commits: equal once nothing waits for a commit. */
  private static final class CountReceivedFn extends DoFn<Row, Row> {
    private final Counter received = Metrics.counter(WriteUpserts.class, "rows_received");

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      received.inc();
      out.output(row);
    }
  }

  private static final class CommitFn extends DoFn<KV<Integer, Iterable<byte[]>>, CommitOutcome> {

    private final IcebergCatalogConfig catalogConfig;
    private final UpsertTable table;
    private final int maxCommitAttempts;
    private final Coder<Row> rowCoder;
    private final Counter written = Metrics.counter(WriteUpserts.class, "rows_written");
    private final Counter ignored = Metrics.counter(WriteUpserts.class, "rows_ignored");
    private final Counter commits = Metrics.counter(WriteUpserts.class, "commits");
    private final Counter skipped = Metrics.counter(WriteUpserts.class, "commits_skipped");

    private transient UpsertCommitter committer;

    CommitFn(IcebergCatalogConfig catalogConfig, UpsertTable table, int maxCommitAttempts, Coder<Row> rowCoder) {
      this.catalogConfig = catalogConfig;
      this.table = table;
      this.maxCommitAttempts = maxCommitAttempts;
      this.rowCoder = rowCoder;
    }

    @Setup
    public void setup() {
      Catalog catalog = catalogConfig.build();
      Table loaded = catalog.loadTable(table.identifier());
      committer = new UpsertCommitter(loaded, table, maxCommitAttempts, 100);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> batch, OutputReceiver<CommitOutcome> out) throws CoderException {
      List<Record> records = new ArrayList<>();
      for (byte[] row : batch.getValue()) {
        records.add(BeamToIceberg.record(committer.schema(), CoderUtils.decodeFromByteArray(rowCoder, row)));
      }
      CommitOutcome outcome = committer.commit(records);
      written.inc(outcome.rowsWritten);
      ignored.inc(outcome.rowsIgnored);
      (outcome.kind == CommitOutcome.Kind.COMMITTED ? commits : skipped).inc();
      out.output(outcome);
    }
  }
}
