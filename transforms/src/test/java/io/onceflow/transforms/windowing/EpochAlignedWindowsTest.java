package io.onceflow.transforms.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link EpochAlignedFixedWindows} and {@link EpochAlignedSlidingWindows}. */
class EpochAlignedWindowsTest {

  private static final Duration HOUR = Duration.standardHours(1);
  private static final Duration FIVE_MINUTES = Duration.standardMinutes(5);
  private static final Duration MINUTE = Duration.standardMinutes(1);

  private static IntervalWindow window(String start, Duration size) {
    return new IntervalWindow(Instant.parse(start), size);
  }

  @Test
  void anInstantBeforeTheEpochIsInTheWindowThatHoldsIt() {
    Instant t = Instant.parse("1969-12-31T22:30:00Z");
    assertThat(EpochAlignedFixedWindows.of(HOUR).assignWindow(t))
        .isEqualTo(window("1969-12-31T22:00:00Z", HOUR));
    // Why this class exists: Beam's puts it in the next hour, which does not hold it.
    IntervalWindow beams = FixedWindows.of(HOUR).assignWindow(t);
    assertThat(beams.start()).isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
    assertThat(beams.start().isAfter(t)).isTrue();

    // Within one window of the epoch, and on a window's start.
    assertThat(
            EpochAlignedFixedWindows.of(HOUR).assignWindow(Instant.parse("1969-12-31T23:59:59Z")))
        .isEqualTo(window("1969-12-31T23:00:00Z", HOUR));
    assertThat(
            EpochAlignedFixedWindows.of(HOUR).assignWindow(Instant.parse("1969-12-31T21:00:00Z")))
        .isEqualTo(window("1969-12-31T21:00:00Z", HOUR));
    assertThat(
            EpochAlignedFixedWindows.of(HOUR).assignWindow(Instant.parse("0001-01-01T00:30:00Z")))
        .isEqualTo(window("0001-01-01T00:00:00Z", HOUR));
  }

  @Test
  void slidingWindowsBeforeTheEpochAreTheFiveThatHoldTheInstant() {
    Instant t = Instant.parse("1969-12-31T23:50:30Z");
    assertThat(EpochAlignedSlidingWindows.of(FIVE_MINUTES, MINUTE).assignWindows(t))
        .containsExactly(
            window("1969-12-31T23:50:00Z", FIVE_MINUTES),
            window("1969-12-31T23:49:00Z", FIVE_MINUTES),
            window("1969-12-31T23:48:00Z", FIVE_MINUTES),
            window("1969-12-31T23:47:00Z", FIVE_MINUTES),
            window("1969-12-31T23:46:00Z", FIVE_MINUTES));
    for (IntervalWindow w : EpochAlignedSlidingWindows.of(FIVE_MINUTES, MINUTE).assignWindows(t)) {
      assertThat(w.start().isAfter(t)).isFalse();
      assertThat(w.end().isAfter(t)).isTrue();
    }
  }

  @Test
  void fromTheEpochOnTheWindowsAreBeams() {
    Random random = new Random(19);
    FixedWindows beamsFixed = FixedWindows.of(HOUR);
    SlidingWindows beamsSliding = SlidingWindows.of(FIVE_MINUTES).every(MINUTE);
    for (int i = 0; i < 10_000; i++) {
      // 1970 to about 2100, every millisecond possible.
      Instant t = new Instant((long) (random.nextDouble() * 4_102_444_800_000L));
      assertThat(EpochAlignedFixedWindows.of(HOUR).assignWindow(t))
          .isEqualTo(beamsFixed.assignWindow(t));
      assertThat(EpochAlignedSlidingWindows.of(FIVE_MINUTES, MINUTE).assignWindows(t))
          .containsExactlyInAnyOrderElementsOf(slidingOf(beamsSliding, t));
    }
  }

  private static List<IntervalWindow> slidingOf(SlidingWindows windows, Instant t) {
    return List.copyOf(windows.assignWindows(t));
  }

  /** An hourly sum through the windowing every pipeline uses, events on both sides of 1970. */
  @Test
  void hourlySumsOnBothSidesOfTheEpochGoToTheirOwnHours() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollection<String> sums =
        p.apply(
                Create.timestamped(
                        TimestampedValue.of(KV.of("c", 1L), Instant.parse("1969-12-31T22:10:00Z")),
                        TimestampedValue.of(KV.of("c", 2L), Instant.parse("1969-12-31T22:50:00Z")),
                        TimestampedValue.of(KV.of("c", 4L), Instant.parse("1969-12-31T23:30:00Z")),
                        TimestampedValue.of(KV.of("c", 8L), Instant.parse("1970-01-01T00:30:00Z")))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply(Window.into(EventTimeWindowing.fixed(HOUR).windowFn()))
            .apply(Sum.longsPerKey())
            .apply(ParDo.of(new WithWindowFn()));
    PAssert.that(sums)
        .containsInAnyOrder(
            "1969-12-31T22:00:00.000Z 3",
            "1969-12-31T23:00:00.000Z 4",
            "1970-01-01T00:00:00.000Z 8");
    p.run().waitUntilFinish();
  }

  private static final class WithWindowFn extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> sum, BoundedWindow window, OutputReceiver<String> out) {
      out.output(((IntervalWindow) window).start() + " " + sum.getValue());
    }
  }
}
