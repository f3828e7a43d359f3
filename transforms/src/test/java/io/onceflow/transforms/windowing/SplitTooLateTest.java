package io.onceflow.transforms.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link SplitTooLate} on the DirectRunner: elements are {@code name@minute} strings whose event
 * time is that minute after {@link #T0}, in hourly windows with 2 hours of allowed lateness.
 */
class SplitTooLateTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final EventTimeWindowing HOURLY =
      EventTimeWindowing.fixed(Duration.standardHours(1))
          .withAllowedLateness(Duration.standardHours(2));

  /**
   * The hole it closes: with a week's retention, a straggler more than a week after its window
   * closed was dropped by the split's own GroupByKey (in neither output; only Beam's {@code
   * droppedDueToLateness} saw it). Now one 30 days and one 400 days late are both too late, and an
   * element of an open window after them is still in time.
   */
  @Test
  void aStragglerOfAnyAgeIsTooLateNeverDropped() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at("first@10"))
            .advanceWatermarkTo(T0.plus(Duration.standardDays(30)))
            .addElements(at("month-late@20"))
            .advanceWatermarkTo(T0.plus(Duration.standardDays(400)))
            .addElements(at("year-late@30"), at("on-time@5"))
            .advanceWatermarkToInfinity();
    SplitTooLate<String> split =
        SplitTooLate.of(HOURLY, 4, (String s) -> s, SplitTooLateTest::eventTime);
    PCollectionTuple out = p.apply(events).apply(split);

    PAssert.that(out.get(split.tooLate())).containsInAnyOrder("month-late@20", "year-late@30");
    PAssert.that(out.get(split.inTime())).containsInAnyOrder("first@10", "on-time@5");
    p.run().waitUntilFinish();
  }

  /**
   * Beam garbage-collects a window's state at its end plus the allowed lateness, or at the end of
   * the global window when that sum would pass it (computed as global end - lateness, so the span
   * must not overflow below the earliest timestamp): every window's is the global end, never.
   */
  @Test
  void itsStateIsNeverGarbageCollected() {
    assertThat(GlobalWindow.INSTANCE.maxTimestamp().minus(SplitTooLate.RETENTION))
        .isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  private static TimestampedValue<String> at(String element) {
    return TimestampedValue.of(element, eventTime(element));
  }

  /** {@code on-time} elements are 400 days after the others, in the window open then. */
  private static Instant eventTime(String element) {
    String[] nameAndMinute = element.split("@");
    Instant t = T0.plus(Duration.standardMinutes(Long.parseLong(nameAndMinute[1])));
    return nameAndMinute[0].equals("on-time") ? t.plus(Duration.standardDays(400)) : t;
  }
}
