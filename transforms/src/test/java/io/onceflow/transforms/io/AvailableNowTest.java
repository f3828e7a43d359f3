package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class AvailableNowTest {

  /** Stands in for a runner by its name only: the check looks at nothing else. */
  static final class FlinkRunner extends PipelineRunner<PipelineResult> {
    public static FlinkRunner fromOptions(PipelineOptions options) {
      return new FlinkRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      throw new UnsupportedOperationException();
    }
  }

  private static SourceOptions kafka() {
    SourceOptions o = PipelineOptionsFactory.as(SourceOptions.class);
    o.setSource("kafka");
    o.setBootstrapServers("127.0.0.1:9");
    o.setTopic("clicks");
    o.setRunner(DirectRunner.class);
    return o;
  }

  @Test
  void aKafkaReadFromTheGroupsOffsetsOnTheDirectRunnerIsAccepted() {
    assertThatCode(() -> AvailableNow.check(kafka(), "--x")).doesNotThrowAnyException();
  }

  @Test
  void anotherRunnerIsRefusedNamingTheOptionAndTheRunner() {
    SourceOptions o = kafka();
    o.setRunner(FlinkRunner.class);
    assertThatThrownBy(() -> AvailableNow.check(o, "--trigger=available-now"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--trigger=available-now runs on the DirectRunner only, was --runner=FlinkRunner");
  }
}
