package io.onceflow.transforms.io;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.joda.time.Instant;

/**
 * What one Kafka partition holds between where an available-now run starts and the end offset taken
 * at its start-up, as the start-up scan read it: how many records (all of them, with or without an
 * event time), the last one's offset, and where the running greatest event time rose. The first
 * offset at which the running greatest reaches a time is the first record at or after that time:
 * every record before it is earlier.
 */
final class PartitionScan {

  final int partition;
  final long start;
  final long end;
  final long previousEnd;
  private long records;
  private long reread;
  private long lastOffset = -1;
  private final List<long[]> rises = new ArrayList<>();

  /**
   * @param previousEnd where the previous available-now run stopped: records before it are read
   *     again, from it on they are new
   */
  PartitionScan(int partition, long start, long end, long previousEnd) {
    if (start > end) {
      throw new IllegalArgumentException(
          "partition " + partition + " starts at " + start + ", after its end " + end);
    }
    this.partition = partition;
    this.start = start;
    this.end = end;
    this.previousEnd = previousEnd;
  }

  /** A record read, in offset order; {@code eventTime} null when it has none. */
  void add(long offset, Instant eventTime) {
    if (offset < start || offset >= end || offset <= lastOffset) {
      throw new IllegalArgumentException(
          "offset "
              + offset
              + " of partition "
              + partition
              + " is not after "
              + lastOffset
              + " within ["
              + start
              + ", "
              + end
              + ")");
    }
    records++;
    if (offset < previousEnd) {
      reread++;
    }
    lastOffset = offset;
    if (eventTime != null
        && (rises.isEmpty() || eventTime.getMillis() > rises.get(rises.size() - 1)[1])) {
      rises.add(new long[] {offset, eventTime.getMillis()});
    }
  }

  long records() {
    return records;
  }

  /** Records before {@link #previousEnd}: read again. */
  long reread() {
    return reread;
  }

  /** The last record's offset, -1 when there is none. */
  long lastOffset() {
    return lastOffset;
  }

  /** The greatest event time read, empty when no record had one. */
  OptionalLong maxEventTime() {
    return rises.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rises.get(rises.size() - 1)[1]);
  }

  /** The offset of the first record with an event time at or after {@code millis}, else the end. */
  long firstOffsetReaching(long millis) {
    for (long[] rise : rises) {
      if (rise[1] >= millis) {
        return rise[0];
      }
    }
    return end;
  }
}
