package io.onceflow.transforms.io;

import io.onceflow.transforms.parse.RejectedAtRead;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The watermark guard's second half: a record stamped with an event time more than {@code
 * maxFuture} ahead of the clock (which {@link StreamWatermark} did not let move the watermark) is
 * marked {@link RejectedAtRead}, so that the parse step makes it a dead letter with the reason,
 * instead of being counted in a window that no watermark will close for years. It is restamped with
 * the clock: a dead letter is not windowed, and nothing downstream should wait for its time.
 *
 * <p>Judged against the clock when the record passes here, which is never earlier than when the
 * source's watermark judged it: a record this step lets through was at most an early one for the
 * watermark, never one that moved it too far.
 */
final class RejectFutureEventTimes
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {

  private final Duration maxFuture;

  private RejectFutureEventTimes(Duration maxFuture) {
    this.maxFuture = maxFuture;
  }

  static RejectFutureEventTimes beyond(Duration maxFuture) {
    return new RejectFutureEventTimes(maxFuture);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> records) {
    return records
        .apply("MarkFutureEventTimes", ParDo.of(new MarkFn(maxFuture)))
        .setCoder(records.getCoder());
  }

  private static final class MarkFn extends DoFn<KV<String, String>, KV<String, String>> {
    private final Duration maxFuture;

    MarkFn(Duration maxFuture) {
      this.maxFuture = maxFuture;
    }

    @ProcessElement
    public void process(
        @Element KV<String, String> record,
        @Timestamp Instant time,
        OutputReceiver<KV<String, String>> out) {
      Instant now = Instant.now();
      String value = record.getValue();
      if (value == null || RejectedAtRead.isRejected(value) || !time.isAfter(now.plus(maxFuture))) {
        out.output(record);
        return;
      }
      String reason =
          "event time "
              + time
              + " is more than "
              + maxFuture.getStandardSeconds()
              + " s in the future (read at "
              + now
              + "; --maxFutureSeconds)";
      out.outputWithTimestamp(KV.of(record.getKey(), RejectedAtRead.mark(reason, value)), now);
    }

    /** Restamping a future record with the clock is a step backwards in time, on purpose. */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
