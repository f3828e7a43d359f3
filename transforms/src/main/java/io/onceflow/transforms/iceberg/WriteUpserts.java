package io.onceflow.transforms.iceberg;

import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.windowing.WatermarkProbe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Writes rows into an Iceberg table kept at one row per key, each key holding its newest version
 * (see {@link UpsertTable} for "newer", {@link UpsertCommitter} for how a commit stays idempotent
 * under retries, replays and concurrent writers).
 *
 * <p>Unlike Beam's {@code IcebergIO.writeRows}, which appends (so an accumulating pane re-emitted
 * per firing becomes one more row each time) and whose streaming write needs {@code
 * GroupIntoBatches} (not on Spark streaming), this batches with a processing-time trigger on a
 * GroupByKey, which every runner supports in batch and streaming: rows are buffered for the commit
 * interval, then one committer per shard commits them. One shard (the default) means one writer per
 * table and no self-inflicted conflicts. The table is created, or checked against the rows' schema,
 * when the pipeline is built, so a bad table fails at start-up.
 */
public final class WriteUpserts extends PTransform<PCollection<Row>, PCollection<CommitOutcome>> {

  private final IcebergCatalogConfig catalog;
  private final UpsertTable table;
  private final Duration commitInterval;
  private final int shards;
  private final int maxCommitAttempts;
  private final Instant stopWatermark;

  private WriteUpserts(
      IcebergCatalogConfig catalog,
      UpsertTable table,
      Duration commitInterval,
      int shards,
      int maxCommitAttempts,
      Instant stopWatermark) {
    this.catalog = catalog;
    this.table = table;
    this.commitInterval = commitInterval;
    this.shards = shards;
    this.maxCommitAttempts = maxCommitAttempts;
    this.stopWatermark = stopWatermark;
  }

  /** Commit interval 1 min, one shard, 10 commit attempts. */
  public static WriteUpserts to(IcebergCatalogConfig catalog, UpsertTable table) {
    return new WriteUpserts(catalog, table, Duration.standardMinutes(1), 1, 10, null);
  }

  public WriteUpserts withCommitInterval(Duration interval) {
    if (interval == null || interval.getMillis() <= 0) {
      throw new IllegalArgumentException("commit interval must be positive, was " + interval);
    }
    return new WriteUpserts(catalog, table, interval, shards, maxCommitAttempts, stopWatermark);
  }

  public WriteUpserts withShards(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("writer shards must be at least 1, was " + n);
    }
    return new WriteUpserts(catalog, table, commitInterval, n, maxCommitAttempts, stopWatermark);
  }

  public WriteUpserts withMaxCommitAttempts(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("commit attempts must be at least 1, was " + n);
    }
    return new WriteUpserts(catalog, table, commitInterval, shards, n, stopWatermark);
  }

  /**
   * For a run that stops itself at {@code watermark} (available-now): counts {@link
   * MetricNames#SINKS_AT_STOP} once the watermark of the rows this sink has counted received
   * reaches it ({@link WatermarkProbe}), so that whoever stops the run knows that every pane fired
   * by then is in the received count, and can wait for the commits to catch up with it.
   */
  public WriteUpserts withStopWatermark(Instant watermark) {
    return new WriteUpserts(catalog, table, commitInterval, shards, maxCommitAttempts, watermark);
  }

  @Override
  public PCollection<CommitOutcome> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    UpsertTables.createOrValidate(catalog.build(), table, schema);
    int shardCount = shards;
    List<String> keyColumns = table.keyColumns;
    Coder<Row> rowCoder = rows.getCoder();
    PCollection<Row> received =
        rows.apply("CountReceived", ParDo.of(new CountReceivedFn())).setRowSchema(schema);
    if (stopWatermark != null) {
      received.apply(
          "AtStopWatermark",
          WatermarkProbe.at(
              stopWatermark, MetricNames.SINKS_AT_STOP, "the rows for " + table.name));
    }
    return received
        .apply(
            "BufferForCommitInterval",
            Window.<Row>into(new GlobalWindows())
                .triggering(
                    Repeatedly.forever(
                        AfterProcessingTime.pastFirstElementInPane().plusDelayOf(commitInterval)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        // The buffer is state, and Spark's streaming runner decodes and re-encodes a GroupByKey's
        // state every micro-batch, all of it, and on every element it adds (its bag state is
        // read whole to append one value). One buffered value per row made a commit interval
        // quadratic in its rows on Spark (docs/PROFILING.md); one value per bundle and shard,
        // the bundle's rows encoded once, keeps it to a few copies of bytes.
        .apply("PackRowsPerBundle", ParDo.of(new PackRowsFn(rowCoder, keyColumns, shardCount)))
        .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
        .apply("Batch", GroupByKey.create())
        .apply("Commit", ParDo.of(new CommitFn(catalog, table, maxCommitAttempts, rowCoder)))
        .setCoder(SerializableCoder.of(CommitOutcome.class));
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

  /**
   * Encodes each bundle's rows into one value per shard: a count, then the rows. Emitted when the
   * bundle finishes, in the global window the buffer works in, stamped with its earliest row's
   * timestamp, which is what the buffer's pane would have been stamped with.
   */
  private static final class PackRowsFn extends DoFn<Row, KV<Integer, byte[]>> {

    private final Coder<Row> rowCoder;
    private final List<String> keyColumns;
    private final int shards;
    private transient Map<Integer, PackedRows> packs;

    PackRowsFn(Coder<Row> rowCoder, List<String> keyColumns, int shards) {
      this.rowCoder = rowCoder;
      this.keyColumns = keyColumns;
      this.shards = shards;
    }

    @StartBundle
    public void startBundle() {
      packs = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Row row, @Timestamp Instant timestamp) throws IOException {
      packs
          .computeIfAbsent(shardOf(row, keyColumns, shards), s -> new PackedRows())
          .add(rowCoder, row, timestamp);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      for (Map.Entry<Integer, PackedRows> e : packs.entrySet()) {
        c.output(
            KV.of(e.getKey(), e.getValue().bytes()), e.getValue().earliest, GlobalWindow.INSTANCE);
      }
      packs = null;
    }
  }

  /** One shard's rows of a bundle, encoded as they come. */
  private static final class PackedRows {
    private final ByteArrayOutputStream rows = new ByteArrayOutputStream();
    private int count;
    private Instant earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;

    void add(Coder<Row> coder, Row row, Instant timestamp) throws IOException {
      coder.encode(row, rows);
      count++;
      if (timestamp.isBefore(earliest)) {
        earliest = timestamp;
      }
    }

    byte[] bytes() throws IOException {
      ByteArrayOutputStream packed = new ByteArrayOutputStream(rows.size() + 5);
      VarInt.encode(count, packed);
      rows.writeTo(packed);
      return packed.toByteArray();
    }

    static void unpack(Coder<Row> coder, byte[] packed, Consumer<Row> out) throws IOException {
      InputStream in = new ByteArrayInputStream(packed);
      int count = VarInt.decodeInt(in);
      for (int i = 0; i < count; i++) {
        out.accept(coder.decode(in));
      }
      if (in.read() != -1) {
        throw new CoderException("packed rows hold more bytes than their " + count + " rows");
      }
    }
  }

  /** Rows in, against rows written or ignored by commits: equal once nothing waits for a commit. */
  private static final class CountReceivedFn extends DoFn<Row, Row> {
    private final Counter received =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.ROWS_RECEIVED);

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
    private final Counter written =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.ROWS_WRITTEN);
    private final Counter ignored =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.ROWS_IGNORED);
    private final Counter commits = Metrics.counter(MetricNames.NAMESPACE, MetricNames.COMMITS);
    private final Counter skipped =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.COMMITS_SKIPPED);

    private transient UpsertCommitter committer;

    CommitFn(
        IcebergCatalogConfig catalogConfig,
        UpsertTable table,
        int maxCommitAttempts,
        Coder<Row> rowCoder) {
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
    public void process(
        @Element KV<Integer, Iterable<byte[]>> batch, OutputReceiver<CommitOutcome> out)
        throws IOException {
      List<Record> records = new ArrayList<>();
      for (byte[] packed : batch.getValue()) {
        PackedRows.unpack(
            rowCoder, packed, row -> records.add(BeamToIceberg.record(committer.schema(), row)));
      }
      CommitOutcome outcome = committer.commit(records);
      written.inc(outcome.rowsWritten);
      ignored.inc(outcome.rowsIgnored);
      (outcome.kind == CommitOutcome.Kind.COMMITTED ? commits : skipped).inc();
      out.output(outcome);
    }
  }
}
