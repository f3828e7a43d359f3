package io.onceflow.transforms.io;

import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * An available-now run (Spark's {@code availableNow}): read what the Kafka topic holds at start-up,
 * from where the previous such run said to resume, process it, commit it, and stop, exit 0; the
 * next run resumes, so that runs in a row make the tables of one continuous run. A streaming run
 * whose read stops at the end offsets taken at start-up and whose watermark stops where the data
 * puts it ({@link AvailableNowPlan}); the run stops itself ({@link AvailableNowRun}) once every
 * record up to the end offsets has been read, the watermark has reached every sink ({@link
 * WriteUpserts#withStopWatermark}) and every row sent to a table has been through a commit; then
 * the consumer group's offsets are set to where the next run resumes.
 *
 * <p>Use: {@link #check} with the options, {@link #plan} when the pipeline is built, {@link #read}
 * for its source, {@link #watching} for each of its sinks, {@link #stopping} on its result.
 */
public final class AvailableNow {

  private final SourceOptions options;
  private final String pipeline;
  private final AvailableNowPlan plan;
  private final ReadRecords read;
  private int sinks;
  private IcebergCatalogConfig stateCatalog;
  private UpsertTable stateTable;

  private AvailableNow(
      SourceOptions options, String pipeline, AvailableNowPlan plan, ReadRecords read) {
    this.options = options;
    this.pipeline = pipeline;
    this.plan = plan;
    this.read = read;
  }

  /**
   * Fails, naming {@code option} (the one that asked for an available-now run), when the options
   * cannot make one: it reads a Kafka topic from the consumer group's offsets, without a record
   * limit, and stops itself on the DirectRunner only (Flink's local job reports no metrics until it
   * ends, so nothing can see that it is done; Spark's streaming runner has no event-time timers,
   * which tell when the watermark has reached the sinks).
   */
  public static void check(SourceOptions o, String option) {
    if (!"kafka".equals(o.getSource())) {
      throw new IllegalArgumentException(
          option
              + " needs --source=kafka (files read once, --watchIntervalSeconds=0, are already a"
              + " bounded run of what the files hold), was --source="
              + o.getSource());
    }
    if (!"committed".equals(o.getStartFrom())) {
      throw new IllegalArgumentException(
          option
              + " resumes from the consumer group's offsets: it needs --startFrom=committed, was"
              + " --startFrom="
              + o.getStartFrom());
    }
    if (o.getMaxRecords() != 0) {
      throw new IllegalArgumentException(
          option + " reads what the topic holds at start-up: it needs --maxRecords=0");
    }
    String runner = o.getRunner().getSimpleName();
    if (!runner.equals("DirectRunner")) {
      throw new IllegalArgumentException(
          option
              + " runs on the DirectRunner only, was --runner="
              + runner
              + " (a run stops itself when its metrics and its sinks' watermark say it is done:"
              + " Flink's local job reports no metrics until it ends, and Spark's streaming runner"
              + " has no event-time timers)");
    }
  }

  /**
   * Plans the run from what the topic holds now: {@code reread} is how far before the stop
   * watermark the next run starts reading again (the longest the pipeline's windows span, plus
   * their allowed lateness).
   */
  public static AvailableNow plan(
      SourceOptions o,
      String pipeline,
      SerializableFunction<String, Instant> eventTime,
      Duration reread) {
    ReadRecords read = ReadRecords.from(o, pipeline, eventTime);
    AvailableNowPlan plan =
        KafkaAvailableNow.plan(
            o.getBootstrapServers(),
            o.getTopic(),
            ReadRecords.consumerGroup(o, pipeline),
            o.getReadCommitted(),
            eventTime,
            ReadRecords.watermark(o).maxOutOfOrderness(),
            reread);
    return new AvailableNow(o, pipeline, plan, read.stoppingAt(plan));
  }

  public AvailableNowPlan plan() {
    return plan;
  }

  /** The pipeline's source: the topic up to the end offsets at start-up. */
  public ReadRecords read() {
    return read;
  }

  /** One of the pipeline's sinks, which the run waits for before it stops. */
  public WriteUpserts watching(WriteUpserts sink) {
    sinks++;
    return sink.withStopWatermark(plan.stopWatermark());
  }

  /**
   * Names the table whose rows carry state from run to run (a running aggregate over every record,
   * which reading again only the open windows' records cannot recompute): once this run is done,
   * the snapshot the table is at is recorded with the offsets, for the next run to start from
   * ({@link AvailableNowPlan#previousStateSnapshot}). Its sink is to be {@link #watching watched}.
   */
  public AvailableNow carryingState(IcebergCatalogConfig catalog, UpsertTable table) {
    this.stateCatalog = catalog;
    this.stateTable = table;
    return this;
  }

  /**
   * The snapshot the state table is at now; {@link #NO_SNAPSHOT} when it has none (or none yet).
   */
  private Long stateSnapshot() {
    if (stateTable == null) {
      return null;
    }
    Catalog catalog = stateCatalog.build();
    if (!catalog.tableExists(stateTable.identifier())) {
      return NO_SNAPSHOT;
    }
    Snapshot current = catalog.loadTable(stateTable.identifier()).currentSnapshot();
    return current == null ? NO_SNAPSHOT : current.snapshotId();
  }

  /** The state snapshot recorded when the state table has no rows: the next run starts afresh. */
  public static final long NO_SNAPSHOT = -1;

  /**
   * The running pipeline as a run that stops itself: its {@code waitUntilFinish} returns once it
   * has stopped it and set the group's offsets. {@code settle}: how long the commits must have kept
   * up with the rows sent to the tables before it stops (see {@link AvailableNowRun}).
   */
  public PipelineResult stopping(PipelineResult running, Duration settle) {
    if (sinks == 0) {
      throw new IllegalStateException("an available-now run must watch at least one sink");
    }
    return new AvailableNowRun(
        running,
        plan,
        sinks,
        settle,
        () ->
            KafkaAvailableNow.commitResume(
                options.getBootstrapServers(),
                ReadRecords.consumerGroup(options, pipeline),
                options.getReadCommitted(),
                plan,
                stateSnapshot()));
  }
}
