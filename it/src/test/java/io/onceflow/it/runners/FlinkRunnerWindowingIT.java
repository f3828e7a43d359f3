package io.onceflow.it.runners;

import io.onceflow.it.support.TestRunnerOptions;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/**
 * The shared windowing scenarios on an in-process Flink mini-cluster, with the flink profile's
 * options.
 */
public class FlinkRunnerWindowingIT {

  @Rule
  public final transient TestPipeline batch =
      TestPipeline.fromOptions(
          TestRunnerOptions.fromProfile(
              "flink",
              "--runner=TestFlinkRunner",
              "--streaming=false",
              "--numberOfExecutionRetries=0"));

  @Rule
  public final transient TestPipeline streaming =
      TestPipeline.fromOptions(TestRunnerOptions.flinkTestStream());

  @Test
  public void boundedInputSumsEachHour() {
    HourlyLateSums.boundedScenario(batch);
    batch.run().waitUntilFinish();
  }

  @Test
  public void latePaneAccumulatesAndTooLateDataIsDropped() {
    HourlyLateSums.lateDataScenario(streaming);
    streaming.run().waitUntilFinish();
  }
}
