package io.onceflow.transforms.state;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RunningAggregate} on the DirectRunner, TestStream input. */
class RunningAggregateTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static TimestampedValue<KV<String, Long>> at(int minute, String key, long value) {
    return TimestampedValue.of(KV.of(key, value), T0.plus(Duration.standardMinutes(minute)));
  }

  /**
   * Each key's running sum after each of its elements, across fixed windows the input was in, and
   * an element far behind the watermark counts like any other: the state is the global window's.
   */
  @Test
  void eachKeysRunningResultAfterEachElementAcrossWindowsLateOnesIncluded() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    TestStream<KV<String, Long>> input =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .advanceWatermarkTo(T0)
            .addElements(at(1, "a", 1), at(2, "b", 10))
            .advanceWatermarkTo(T0.plus(Duration.standardMinutes(6)))
            .addElements(at(7, "a", 2))
            .advanceWatermarkTo(T0.plus(Duration.standardHours(5)))
            .addElements(at(0, "a", 4))
            .advanceWatermarkToInfinity();
    PCollection<KV<String, Long>> running =
        p.apply(input)
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(5))))
            .apply(RunningAggregate.perKey(Sum.ofLongs()));
    PAssert.that(running)
        .containsInAnyOrder(KV.of("a", 1L), KV.of("b", 10L), KV.of("a", 3L), KV.of("a", 7L));
    p.run().waitUntilFinish();
  }
}
