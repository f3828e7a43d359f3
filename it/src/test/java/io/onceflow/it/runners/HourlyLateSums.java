package io.onceflow.it.runners;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.Window.ClosingBehavior;
import org.apache.beam.sdk.transforms.windowing.Window.OnTimeBehavior;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The windowing the flagship depends on, reduced to its bones so every runner can be checked
 * against it: hourly fixed windows, 2 h allowed lateness, accumulating panes from an {@code
 * AfterWatermark} trigger with early and late firings, summed per customer (amounts in cents). The
 * scenarios are shared by the per-runner tests, so each runner is held to the same expectations.
 */
final class HourlyLateSums
    extends PTransform<PCollection<KV<String, Long>>, PCollection<KV<String, Long>>> {

  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final IntervalWindow FIRST_HOUR = new IntervalWindow(T0, Duration.standardHours(1));
  static final IntervalWindow SECOND_HOUR =
      new IntervalWindow(T0.plus(Duration.standardHours(1)), Duration.standardHours(1));

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<KV<String, Long>> amounts) {
    return amounts
        .apply(
            "HourlyWindowsWithLateness",
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.standardHours(1)))
                .triggering(
                    AfterWatermark.pastEndOfWindow()
                        .withEarlyFirings(
                            AfterProcessingTime.pastFirstElementInPane()
                                .plusDelayOf(Duration.standardMinutes(1)))
                        .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.standardHours(2), ClosingBehavior.FIRE_ALWAYS)
                .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY)
                .accumulatingFiredPanes())
        .apply("SumPerCustomer", Sum.longsPerKey());
  }

  /**
   * Bounded input (every runner): each window's final pane holds its whole sum. Only the final pane
   * is asserted: the early-firing trigger may legitimately fire a partial pane first when a runner
   * fires processing-time timers while the input is still being read (seen on Direct).
   */
  static void boundedScenario(Pipeline p) {
    PCollection<KV<String, Long>> sums =
        p.apply(
                "Amounts",
                Create.timestamped(
                    amount("alice", 1000, 5),
                    amount("alice", 250, 59),
                    amount("bob", 10, 30),
                    amount("bob", 20, 30),
                    amount("alice", 99, 60),
                    amount("bob", 1, 119)))
            .apply("HourlyLateSums", new HourlyLateSums());
    PAssert.that(sums)
        .inFinalPane(FIRST_HOUR)
        .containsInAnyOrder(KV.of("alice", 1250L), KV.of("bob", 30L));
    PAssert.that(sums)
        .inFinalPane(SECOND_HOUR)
        .containsInAnyOrder(KV.of("alice", 99L), KV.of("bob", 1L));
  }

  /**
   * Unbounded input whose watermark is driven by hand: an on-time pane, a late pane that
   * accumulates the late amount, a final pane when the window closes, and an event past the allowed
   * lateness that changes nothing.
   */
  static void lateDataScenario(Pipeline p) {
    TestStream<KV<String, Long>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .advanceWatermarkTo(T0)
            .addElements(amount("alice", 1000, 10), amount("alice", 250, 20))
            .advanceWatermarkTo(T0.plus(Duration.standardMinutes(61)))
            .addElements(amount("alice", 5, 30))
            .advanceWatermarkTo(T0.plus(Duration.standardHours(4)))
            .addElements(amount("alice", 7777, 40))
            .advanceWatermarkToInfinity();
    PCollection<KV<String, Long>> sums =
        p.apply("Amounts", events).apply("HourlyLateSums", new HourlyLateSums());
    PAssert.that(sums).inOnTimePane(FIRST_HOUR).containsInAnyOrder(KV.of("alice", 1250L));
    PAssert.that(sums).inFinalPane(FIRST_HOUR).containsInAnyOrder(KV.of("alice", 1255L));
    PAssert.that(sums)
        .inWindow(FIRST_HOUR)
        .containsInAnyOrder(KV.of("alice", 1250L), KV.of("alice", 1255L), KV.of("alice", 1255L));
  }

  private static TimestampedValue<KV<String, Long>> amount(
      String customer, long cents, int minuteAfterT0) {
    return TimestampedValue.of(
        KV.of(customer, cents), T0.plus(Duration.standardMinutes(minuteAfterT0)));
  }
}
