package io.onceflow.transforms.io;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * A Kafka partition's {@link StreamWatermark}: each record's timestamp is the event time in its
 * value, and the partition counts as caught up when the reader's backlog is empty. Beam's own
 * {@code CustomTimestampPolicyWithLimitedDelay} follows the clock the moment the backlog reads
 * empty, with records of the last batch still in flight (see {@link StreamWatermark}), and a record
 * whose value has no event time would move its watermark by whatever time stands in for it.
 */
final class KafkaStreamWatermarkPolicy extends TimestampPolicy<String, String> {

  private final SerializableFunction<String, Instant> eventTime;
  private final StreamWatermark.Tracker watermark;
  private final AvailableNowPlan.Part stop;
  private final Instant stopWatermark;
  private boolean readToStop;

  KafkaStreamWatermarkPolicy(
      StreamWatermark policy,
      SerializableFunction<String, Instant> eventTime,
      Optional<Instant> previousWatermark) {
    this(policy, eventTime, previousWatermark, null, null);
  }

  /**
   * In an available-now run: {@code stop} is the partition's part of the plan, {@code
   * stopWatermark} the plan's.
   */
  KafkaStreamWatermarkPolicy(
      StreamWatermark policy,
      SerializableFunction<String, Instant> eventTime,
      Optional<Instant> previousWatermark,
      AvailableNowPlan.Part stop,
      Instant stopWatermark) {
    this.eventTime = eventTime;
    this.stop = stop;
    this.stopWatermark = stopWatermark;
    // A restored reader that had read its last record reported at least the stop watermark.
    this.readToStop =
        stop != null
            && (stop.last < 0
                || previousWatermark.filter(w -> !w.isBefore(stopWatermark)).isPresent());
    // Restored from a checkpoint: start where the watermark was, not from the beginning of time.
    long restored =
        previousWatermark
            .filter(w -> w.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE))
            .map(w -> w.getMillis() + policy.maxOutOfOrderness().getMillis())
            .orElse(BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis());
    this.watermark = policy.tracker(restored, System.currentTimeMillis());
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<String, String> record) {
    String value = record.getKV().getValue();
    Instant t = value == null ? null : eventTime.apply(value);
    if (stop == null || record.getOffset() < stop.stop) {
      watermark.read(t, System.currentTimeMillis());
    }
    if (stop != null && record.getOffset() >= stop.last) {
      readToStop = true;
    }
    // A record without an event time is bound for the dead letters, which are not windowed: it
    // keeps the broker's timestamp, and moves no watermark.
    return t != null ? t : new Instant(record.getTimestamp());
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    if (stop == null) {
      return watermark.watermark(ctx.getMessageBacklog() == 0, System.currentTimeMillis());
    }
    // Caught up with the partition's end, which is at or past the stop offset: read to the stop.
    readToStop |= ctx.getMessageBacklog() == 0;
    Instant byData = watermark.watermark(false, System.currentTimeMillis());
    return readToStop && byData.isBefore(stopWatermark) ? stopWatermark : byData;
  }
}
