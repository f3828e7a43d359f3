package io.onceflow.transforms.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.metrics.MetricTotals;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class WatermarkProbeTest {

  private static final Instant MARK = Instant.parse("2026-12-02T10:30:00Z");

  @Test
  void countsOnceWhenTheWatermarkReachesTheMarkInWindowedInput() {
    Pipeline p =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--streaming=true").create());
    PCollection<String> rows =
        p.apply(
                TestStream.create(StringUtf8Coder.of())
                    .addElements(TimestampedValue.of("a", MARK.minus(Duration.standardMinutes(20))))
                    .advanceWatermarkTo(MARK.minus(Duration.standardMinutes(1)))
                    .addElements(TimestampedValue.of("b", MARK.plus(Duration.standardMinutes(20))))
                    .advanceWatermarkTo(MARK)
                    .advanceWatermarkTo(MARK.plus(Duration.standardMinutes(5)))
                    .advanceWatermarkToInfinity())
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(5))));
    rows.apply("Probe", WatermarkProbe.at(MARK, "probe_test", "rows"));
    rows.apply("Probe2", WatermarkProbe.at(MARK, "probe_test", "rows"));

    PipelineResult result = p.run();
    result.waitUntilFinish();

    assertThat(MetricTotals.of(result).counter("probe_test")).isEqualTo(2);
  }
}
