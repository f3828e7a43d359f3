package io.onceflow.it.runners;

import io.onceflow.it.support.TestRunnerOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

public class DirectRunnerWindowingIT {

  private static final PipelineOptions OPTIONS = TestRunnerOptions.fromProfile("direct");

  @Rule public final transient TestPipeline p = TestPipeline.fromOptions(OPTIONS);

  @Test
  public void boundedInputSumsEachHour() {
    HourlyLateSums.boundedScenario(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void latePaneAccumulatesAndTooLateDataIsDropped() {
    HourlyLateSums.lateDataScenario(p);
    p.run().waitUntilFinish();
  }
}
