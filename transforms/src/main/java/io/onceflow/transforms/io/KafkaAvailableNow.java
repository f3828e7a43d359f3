package io.onceflow.transforms.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Instant;

/**
 * The Kafka side of an available-now run, on the machine that starts the pipeline: at start-up, the
 * {@link AvailableNowPlan} from the consumer group's offsets, the end offsets and a scan of what
 * lies between; at the end, once everything up to the end offsets is in the tables, the group's
 * offsets set to where the next run resumes. The group's offset of a partition is where the next
 * run starts reading; its metadata says where this run stopped, so that the next one can tell new
 * records from those it reads again, and the snapshot of the table that carries state from run to
 * run as this run left it. A run that does not get that far commits nothing, and the next one
 * starts where this one did.
 */
public final class KafkaAvailableNow {

  private static final String STOPPED_AT = "onceflow available-now stopped at ";
  private static final String STATE_SNAPSHOT = ", state snapshot ";
  private static final Pattern STOPPED =
      Pattern.compile(
          Pattern.quote(STOPPED_AT) + "(\\d+)(?:" + Pattern.quote(STATE_SNAPSHOT) + "(-?\\d+))?");
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private KafkaAvailableNow() {}

  /**
   * Scans {@code topic} from the group's offsets (the beginning of a partition it has none for) to
   * the end offsets now, reading each record's event time with {@code eventTime} (null when it has
   * none), and plans the run.
   */
  public static AvailableNowPlan plan(
      String bootstrapServers,
      String topic,
      String consumerGroup,
      boolean readCommitted,
      SerializableFunction<String, Instant> eventTime,
      org.joda.time.Duration maxOutOfOrderness,
      org.joda.time.Duration reread) {
    try (KafkaConsumer<String, String> consumer =
        consumer(bootstrapServers, consumerGroup, readCommitted)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(Set.copyOf(partitions), TIMEOUT);
      List<PartitionScan> scans = new ArrayList<>();
      Set<Long> stateSnapshots = new java.util.TreeSet<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        Long snapshot = c == null ? null : stateSnapshot(c);
        if (snapshot != null) {
          stateSnapshots.add(snapshot);
        }
        long start = c == null ? beginnings.get(tp) : c.offset();
        long end = ends.get(tp);
        PartitionScan scan =
            new PartitionScan(tp.partition(), start, end, c == null ? start : stoppedAt(c));
        scan(consumer, tp, scan, eventTime);
        scans.add(scan);
      }
      // One commit sets every partition's offset and metadata: they name the same snapshot.
      if (stateSnapshots.size() > 1) {
        throw new IllegalStateException(
            "consumer group "
                + consumerGroup
                + " names different state snapshots "
                + stateSnapshots
                + " for the partitions of "
                + topic
                + "; its offsets were not set by one available-now run");
      }
      return AvailableNowPlan.of(topic, scans, maxOutOfOrderness, reread)
          .withPreviousStateSnapshot(
              stateSnapshots.isEmpty() ? null : stateSnapshots.iterator().next());
    }
  }

  /**
   * Sets the group's offsets to where {@code plan} says the next run resumes, recording {@code
   * stateSnapshot} (null for none): the snapshot the state table was at once this run was done.
   */
  public static void commitResume(
      String bootstrapServers,
      String consumerGroup,
      boolean readCommitted,
      AvailableNowPlan plan,
      Long stateSnapshot) {
    String state = stateSnapshot == null ? "" : STATE_SNAPSHOT + stateSnapshot;
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    plan.parts()
        .forEach(
            (partition, part) ->
                offsets.put(
                    new TopicPartition(plan.topic(), partition),
                    new OffsetAndMetadata(part.resume, STOPPED_AT + part.stop + state)));
    try (KafkaConsumer<String, String> consumer =
        consumer(bootstrapServers, consumerGroup, readCommitted)) {
      consumer.commitSync(offsets, TIMEOUT);
    }
  }

  /**
   * Where the run that committed {@code c} stopped; its offset when another reader committed it.
   */
  static long stoppedAt(OffsetAndMetadata c) {
    Matcher m = c.metadata() == null ? null : STOPPED.matcher(c.metadata());
    return m != null && m.matches() ? Long.parseLong(m.group(1)) : c.offset();
  }

  /** The state snapshot that the run that committed {@code c} recorded, null for none. */
  static Long stateSnapshot(OffsetAndMetadata c) {
    Matcher m = c.metadata() == null ? null : STOPPED.matcher(c.metadata());
    return m != null && m.matches() && m.group(2) != null ? Long.valueOf(m.group(2)) : null;
  }

  private static void scan(
      KafkaConsumer<String, String> consumer,
      TopicPartition tp,
      PartitionScan scan,
      SerializableFunction<String, Instant> eventTime) {
    if (scan.start >= scan.end) {
      return;
    }
    consumer.assign(List.of(tp));
    consumer.seek(tp, scan.start);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    // The position passes the end offset once every record before it is read (with read_committed,
    // past the transaction markers too, which are no records).
    while (consumer.position(tp, TIMEOUT) < scan.end) {
      for (ConsumerRecord<String, String> r : consumer.poll(POLL).records(tp)) {
        if (r.offset() < scan.end) {
          scan.add(r.offset(), r.value() == null ? null : eventTime.apply(r.value()));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "reading partition "
                + tp
                + " from "
                + scan.start
                + " to "
                + scan.end
                + " took longer than "
                + TIMEOUT);
      }
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, String> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Kafka topic " + topic + " has no partitions");
    }
    TreeMap<Integer, TopicPartition> sorted = new TreeMap<>();
    for (PartitionInfo p : infos) {
      sorted.put(p.partition(), new TopicPartition(topic, p.partition()));
    }
    return new ArrayList<>(sorted.values());
  }

  private static KafkaConsumer<String, String> consumer(
      String bootstrapServers, String consumerGroup, boolean readCommitted) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        (readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED)
            .toString()
            .toLowerCase(Locale.ROOT));
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
