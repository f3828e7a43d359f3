package io.onceflow.transforms.io;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * An available-now run of a Kafka topic, decided at start-up from what the topic holds ({@link
 * PartitionScan}): per partition where the read starts (the consumer group's offset, where the
 * previous run said to resume), where it stops (the end offset at start-up) and where the next run
 * is to resume; and the watermark the run stops at.
 *
 * <p>The stop watermark is what the data says, as a stream that keeps running would have it: the
 * least over the partitions of their greatest event time minus the out-of-orderness. It is not
 * infinity, as at the end of a bounded read, which would make every window the run touched final
 * and judge the next run's records of those windows too late; and not the clock, as a quiet stream
 * has it, which for data older than the clock does the same. Windows that end, with their lateness,
 * before it are final; the rest stay open, with rows that are not final.
 *
 * <p>The next run resumes far enough back to recompute every window still open whole: at the first
 * record at or after the stop watermark minus {@code reread} (the longest a window of the pipeline
 * spans, plus its lateness), so that every record of an open window is read again. What is read
 * again rewrites nothing that is final: the upsert sink seals final rows and keeps the newer
 * version of open ones.
 */
public final class AvailableNowPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One partition's part of the plan. */
  public static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The first offset this run reads. */
    public final long start;

    /** The end offset at start-up: this run reads nothing from it on. */
    public final long stop;

    /** The offset of the last record before {@link #stop}, -1 when there is none. */
    public final long last;

    /** Where the previous run stopped: records from it on are new to this one. */
    public final long previousEnd;

    /** Where the next run starts. */
    public final long resume;

    Part(long start, long stop, long last, long previousEnd, long resume) {
      this.start = start;
      this.stop = stop;
      this.last = last;
      this.previousEnd = previousEnd;
      this.resume = resume;
    }

    @Override
    public String toString() {
      return String.format(
          "[%d, %d) resume at %d (new from %d)", start, stop, resume, Math.max(start, previousEnd));
    }
  }

  private final String topic;
  private final TreeMap<Integer, Part> parts;
  private final Instant stopWatermark;
  private final long records;
  private final long reread;
  // Null when the previous run recorded none (or there was no previous run).
  private final Long previousStateSnapshot;

  private AvailableNowPlan(
      String topic,
      TreeMap<Integer, Part> parts,
      Instant stopWatermark,
      long records,
      long reread,
      Long previousStateSnapshot) {
    this.topic = topic;
    this.parts = parts;
    this.stopWatermark = stopWatermark;
    this.records = records;
    this.reread = reread;
    this.previousStateSnapshot = previousStateSnapshot;
  }

  /** The plan of what {@code scans} found, one per partition of {@code topic}. */
  static AvailableNowPlan of(
      String topic, Collection<PartitionScan> scans, Duration maxOutOfOrderness, Duration reread) {
    long watermark = Long.MAX_VALUE;
    for (PartitionScan s : scans) {
      OptionalLong max = s.maxEventTime();
      if (max.isPresent()) {
        watermark = Math.min(watermark, max.getAsLong() - maxOutOfOrderness.getMillis());
      }
    }
    // No event time anywhere: nothing is windowed, and no window can close.
    Instant stop =
        watermark == Long.MAX_VALUE ? BoundedWindow.TIMESTAMP_MIN_VALUE : new Instant(watermark);
    long from = watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark - reread.getMillis();
    TreeMap<Integer, Part> parts = new TreeMap<>();
    long records = 0;
    long again = 0;
    for (PartitionScan s : scans) {
      OptionalLong max = s.maxEventTime();
      // A partition's greatest event time is at or after the stop watermark, so it resumes at its
      // newest record at the latest: the next run's watermark of it starts where this one's ended.
      long resume = max.isPresent() ? s.firstOffsetReaching(from) : s.end;
      parts.put(s.partition, new Part(s.start, s.end, s.lastOffset(), s.previousEnd, resume));
      records += s.records();
      again += s.reread();
    }
    return new AvailableNowPlan(topic, parts, stop, records, again, null);
  }

  /** This plan, with the snapshot of the carried state table the previous run stopped at. */
  AvailableNowPlan withPreviousStateSnapshot(Long snapshot) {
    return new AvailableNowPlan(topic, parts, stopWatermark, records, reread, snapshot);
  }

  /**
   * The snapshot of the table whose rows carry state from run to run (see {@link
   * AvailableNow#carryingState}) as the previous run left it, once everything it read was in it;
   * empty when there was no previous run, or it carried no state.
   */
  public OptionalLong previousStateSnapshot() {
    return previousStateSnapshot == null
        ? OptionalLong.empty()
        : OptionalLong.of(previousStateSnapshot);
  }

  /**
   * Whether the previous run read the record at a source position ({@link
   * ReadKafkaRecords#position}): those this run reads again to recompute the windows still open,
   * which a step that carries state from the previous run's results must not count twice.
   */
  public SerializableFunction<String, Boolean> readByPreviousRun() {
    TreeMap<Integer, Long> previousEnds = new TreeMap<>();
    parts.forEach((partition, part) -> previousEnds.put(partition, part.previousEnd));
    return position -> {
      Long end = previousEnds.get(ReadKafkaRecords.partitionOf(position));
      return end != null && ReadKafkaRecords.offsetOf(position) < end;
    };
  }

  public String topic() {
    return topic;
  }

  /** By partition number. */
  public Map<Integer, Part> parts() {
    return Collections.unmodifiableMap(parts);
  }

  /** The part of {@code partition}, null for a partition created after start-up. */
  public Part part(int partition) {
    return parts.get(partition);
  }

  public Instant stopWatermark() {
    return stopWatermark;
  }

  /** Records this run reads, with or without an event time. */
  public long records() {
    return records;
  }

  /** Of {@link #records}, those the previous run read too (to recompute its open windows). */
  public long reread() {
    return reread;
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %d records (%d read again), stop watermark %s, partitions %s",
        topic, records, reread, stopWatermark, parts);
  }
}
