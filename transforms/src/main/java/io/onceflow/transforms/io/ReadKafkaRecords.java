package io.onceflow.transforms.io;

import io.onceflow.transforms.metrics.MetricNames;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Instant;

/**
 * Kafka record values keyed by their source position {@code topic/partition/offset}. Offsets are
 * committed to the consumer group only when the runner finalizes a bundle (checkpoint), never
 * automatically, and never on Spark or the DirectRunner (see {@link #commitsOffsets}) or when
 * replaying from the earliest offsets. Each partition's watermark is a {@link StreamWatermark} over
 * the event time read from the value (see {@link KafkaStreamWatermarkPolicy} for a value that has
 * none).
 */
public final class ReadKafkaRecords extends PTransform<PBegin, PCollection<KV<String, String>>> {

  /** Where a read starts. */
  public enum Start {
    /** The group's committed offsets, else the earliest. */
    COMMITTED,
    /**
     * The beginning of every partition, whatever the group committed: a replay. It neither reads
     * nor commits the group's offsets (Kafka's start-by-time fails on empty partitions).
     */
    EARLIEST,
    /** The group's committed offsets, else the end. */
    LATEST,
    /** The first offset at or after {@code startTime}. */
    TIMESTAMP
  }

  private final String bootstrapServers;
  private final String topic;
  private final String consumerGroup;
  private final Start start;
  private final Instant startTime;
  private final boolean readCommitted;
  private final long maxRecords;
  private final StreamWatermark watermark;
  private final SerializableFunction<String, Instant> eventTime;
  private final AvailableNowPlan plan;

  private ReadKafkaRecords(
      String bootstrapServers,
      String topic,
      String consumerGroup,
      Start start,
      Instant startTime,
      boolean readCommitted,
      long maxRecords,
      StreamWatermark watermark,
      SerializableFunction<String, Instant> eventTime,
      AvailableNowPlan plan) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.consumerGroup = consumerGroup;
    this.start = start;
    this.startTime = startTime;
    this.readCommitted = readCommitted;
    this.maxRecords = maxRecords;
    this.watermark = watermark;
    this.eventTime = eventTime;
    this.plan = plan;
  }

  /**
   * @param eventTime the event time in a record's value, or null when it has none
   */
  public static ReadKafkaRecords of(
      String bootstrapServers,
      String topic,
      String consumerGroup,
      Start start,
      Instant startTime,
      boolean readCommitted,
      long maxRecords,
      StreamWatermark watermark,
      SerializableFunction<String, Instant> eventTime) {
    if (start == Start.TIMESTAMP && startTime == null) {
      throw new IllegalArgumentException("a Kafka read from a timestamp needs the timestamp");
    }
    return new ReadKafkaRecords(
        bootstrapServers,
        topic,
        consumerGroup,
        start,
        startTime,
        readCommitted,
        maxRecords,
        watermark,
        eventTime,
        null);
  }

  /**
   * The same read as an available-now run of {@code plan}: from the group's offsets (where the plan
   * starts), nothing from each partition's stop offset on, a watermark that ends at the plan's stop
   * watermark, and no offset commits (the run sets the group's offsets when it is over: {@link
   * KafkaAvailableNow#commitResume}).
   */
  public ReadKafkaRecords stoppingAt(AvailableNowPlan plan) {
    if (start != Start.COMMITTED || maxRecords > 0) {
      throw new IllegalArgumentException(
          "an available-now read starts from the group's committed offsets and has no record"
              + " limit");
    }
    return new ReadKafkaRecords(
        bootstrapServers,
        topic,
        consumerGroup,
        start,
        startTime,
        readCommitted,
        maxRecords,
        watermark,
        eventTime,
        plan);
  }

  /**
   * Spark's default parallelism when the pipeline does not set one: 1. Beam's Spark runner splits
   * an unbounded source into that many readers and takes the <em>most advanced</em> of their
   * watermarks as the stream's (SparkUnboundedSource: "advance to latest of all partitions"), so
   * with two readers over a backlog, the one that reads ahead judges whatever the other has not
   * read yet too late (measured: 250 of 1,553 on-time records in late_events). One reader holds
   * every partition and its watermark is the least of theirs, as on the other runners. The price is
   * one task per stage; a user who sets {@code spark.default.parallelism} keeps it, and the risk.
   */
  static final String SPARK_PARALLELISM = "spark.default.parallelism";

  /**
   * Whether the read commits its offsets to the consumer group when the runner finalizes what it
   * read: only where what the runner has finalized survives a crash (Flink: a finalized read is in
   * a completed checkpoint, with the state downstream of it). Not on a replay from the earliest
   * offsets, and not where it does not ({@code volatileFinalize}):
   *
   * <ul>
   *   <li>Beam's Spark runner finalizes a micro-batch's read as soon as the read ends ({@code
   *       MicrobatchSource.Reader}), before anything downstream of it is in a state checkpoint or a
   *       table, so the group's offsets run ahead of what a restart can recover, and a driver
   *       restored from {@code --checkpointDir} whose reader state holds no position starts from
   *       them. Measured in {@code PurchasesRestartIT} (a driver killed a few seconds after its
   *       first commit, resumed from its checkpoint): with the commits, the resumed driver read
   *       only what was sent after the kill, and a dead letter of what came before was never
   *       written; without them, it read the topic again from the beginning (docs/runners.md). A
   *       restored reader that has a position resumes from it either way.
   *   <li>The DirectRunner finalizes a bundle once its output is in the runner's memory, which a
   *       crash loses (windows, dedup state, rows not yet committed): a restart from the group's
   *       offsets would miss those records for good. Without commits, a restart with the default
   *       {@code --startFrom=committed} finds no offsets of its own and reads the topic from the
   *       beginning, the Direct way to restart (the upsert sinks' version guards make the replay
   *       write nothing that is already stored).
   * </ul>
   */
  static boolean commitsOffsets(Start start, boolean volatileFinalize) {
    return start != Start.EARLIEST && !volatileFinalize;
  }

  boolean commitsOffsets(boolean volatileFinalize) {
    return plan == null && commitsOffsets(start, volatileFinalize);
  }

  /**
   * The Kafka read as configured for a runner whose finalized reads survive a crash or not ({@code
   * volatileFinalize}: Spark, Direct): what {@link #expand} applies.
   */
  KafkaIO.Read<String, String> kafkaRead(boolean volatileFinalize) {
    Map<String, Object> consumer = new HashMap<>();
    if (start != Start.EARLIEST) {
      consumer.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
    }
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start == Start.LATEST ? "latest" : "earliest");
    SerializableFunction<String, Instant> timeOfValue = eventTime;
    StreamWatermark policy = watermark;
    AvailableNowPlan stops = plan;
    KafkaIO.Read<String, String> read =
        KafkaIO.<String, String>read()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeyDeserializer(StringDeserializer.class)
            // Strictly: a value that is not UTF-8 becomes a dead letter, not a replaced string.
            .withValueDeserializer(StrictUtf8Deserializer.class)
            .withConsumerConfigUpdates(consumer)
            .withTimestampPolicyFactory(
                (partition, previousWatermark) ->
                    stops == null
                        ? new KafkaStreamWatermarkPolicy(policy, timeOfValue, previousWatermark)
                        : new KafkaStreamWatermarkPolicy(
                            policy,
                            timeOfValue,
                            previousWatermark,
                            stopOf(stops, partition.partition()),
                            stops.stopWatermark()));
    if (commitsOffsets(volatileFinalize)) {
      read = read.commitOffsetsInFinalize();
    }
    if (readCommitted) {
      read = read.withReadCommitted();
    }
    if (start == Start.TIMESTAMP) {
      read = read.withStartReadTime(startTime);
    }
    if (maxRecords > 0) {
      read = read.withMaxNumRecords(maxRecords);
    }
    return read;
  }

  /** A partition created after start-up: read from the next run on. */
  private static AvailableNowPlan.Part stopOf(AvailableNowPlan plan, int partition) {
    AvailableNowPlan.Part part = plan.part(partition);
    return part != null ? part : new AvailableNowPlan.Part(0, 0, -1, 0, 0);
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    boolean onSpark =
        input.getPipeline().getOptions().getRunner().getSimpleName().contains("SparkRunner");
    if (onSpark && System.getProperty(SPARK_PARALLELISM) == null) {
      // Spark's configuration reads the JVM's spark.* properties when the runner creates its
      // context, which is after the pipeline is built.
      System.setProperty(SPARK_PARALLELISM, "1");
    }
    boolean onDirect =
        input.getPipeline().getOptions().getRunner().getSimpleName().equals("DirectRunner");
    KafkaIO.Read<String, String> read = kafkaRead(onSpark || onDirect);
    PCollection<KafkaRecord<String, String>> records = input.apply("ReadKafka", read);
    if (plan != null) {
      records =
          records
              .apply("StopAtEndOffsets", ParDo.of(new StopAtEndOffsetsFn(plan)))
              .setCoder(records.getCoder());
    }
    return records
        .apply(
            "KeyBySourcePosition",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(
                    (KafkaRecord<String, String> r) ->
                        KV.of(
                            position(r.getTopic(), r.getPartition(), r.getOffset()),
                            r.getKV().getValue())))
        // A tombstone has no value: it must reach the parse step, which makes it a dead letter,
        // rather than stop the run in a coder that cannot encode a null string.
        .setCoder(KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(StringUtf8Coder.of())));
  }

  /**
   * A Kafka record's source position, {@code topic/partition/offset} (a topic name has no '/'), the
   * key of its raw record and of its dead letter.
   */
  public static String position(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  /** The partition of a {@link #position}. */
  static int partitionOf(String position) {
    return Integer.parseInt(
        position.substring(position.indexOf('/') + 1, position.lastIndexOf('/')));
  }

  /** The offset of a {@link #position}. */
  static long offsetOf(String position) {
    return Long.parseLong(position.substring(position.lastIndexOf('/') + 1));
  }

  /**
   * Drops what an available-now run does not read: each partition's records from its stop offset on
   * (the next run's). Counts the new records and those read again.
   */
  static final class StopAtEndOffsetsFn
      extends DoFn<KafkaRecord<String, String>, KafkaRecord<String, String>> {
    private final Counter fresh = Metrics.counter(MetricNames.NAMESPACE, MetricNames.RECORDS_NEW);
    private final Counter again =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.RECORDS_READ_AGAIN);
    private final AvailableNowPlan plan;

    StopAtEndOffsetsFn(AvailableNowPlan plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(
        @Element KafkaRecord<String, String> r, OutputReceiver<KafkaRecord<String, String>> out) {
      AvailableNowPlan.Part part = plan.part(r.getPartition());
      if (part == null || r.getOffset() >= part.stop) {
        return;
      }
      (r.getOffset() < part.previousEnd ? again : fresh).inc();
      out.output(r);
    }
  }
}
