package io.onceflow.transforms.state;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
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

  /** A sum whose accumulator is the sum so far, so that a seed is a plain number. */
  private static final class SumOfLongs extends Combine.CombineFn<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long addInput(Long sum, Long value) {
      return sum + value;
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> sums) {
      long total = 0;
      for (long s : sums) {
        total += s;
      }
      return total;
    }

    @Override
    public Long extractOutput(Long sum) {
      return sum;
    }

    @Override
    public Coder<Long> getAccumulatorCoder(CoderRegistry registry, Coder<Long> input) {
      return VarLongCoder.of();
    }
  }

  /**
   * Started from seeds (what an earlier run counted): a key's first result already holds its seed,
   * a key without a seed starts from nothing, and a seeded key with no element emits nothing.
   */
  @Test
  void aSeededKeysFirstResultHoldsItsSeedAndAnUnseededKeyStartsFromNothing() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollectionView<Map<String, Long>> seeds =
        p.apply(
                "Seeds",
                Create.of(KV.of("a", 100L), KV.of("idle", 5L))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply(View.asMap());
    TestStream<KV<String, Long>> input =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .advanceWatermarkTo(T0)
            .addElements(at(1, "a", 1), at(2, "b", 10))
            .advanceWatermarkTo(T0.plus(Duration.standardMinutes(6)))
            .addElements(at(7, "a", 2), at(8, "b", 1))
            .advanceWatermarkToInfinity();
    PCollection<KV<String, Long>> running =
        p.apply(input)
            .apply(
                RunningAggregate.<String, Long, Long, Long>perKey(new SumOfLongs())
                    .startingFrom(seeds));
    PAssert.that(running)
        .containsInAnyOrder(KV.of("a", 101L), KV.of("b", 10L), KV.of("a", 103L), KV.of("b", 11L));
    p.run().waitUntilFinish();
  }
}
