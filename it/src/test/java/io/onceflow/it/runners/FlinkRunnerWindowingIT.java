package io.onceflow.it.runners;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/** The shared windowing scenarios on an in-process Flink mini-cluster, with the flink profile's options. */
public class FlinkRunnerWindowingIT {

  /** With checkpointing on, Flink restarts a failed job forever; a failed assertion must end the test. */
  private static final String NO_RESTARTS = "--numberOfExecutionRetries=0";

  @Rule
  public final transient TestPipeline batch =
      TestPipeline.fromOptions(RunnerOptions.fromProfile("flink", "--runner=TestFlinkRunner", "--streaming=false", NO_RESTARTS));

  /**
   * TestStream on Flink: with more than one parallel channel the watermark reaches the window
   * operator through channels that advance independently, so an element the test means to be
   * too late can arrive while the combined watermark still lags (apache/beam#20844); one channel
   * keeps the order the test wrote. TestStream's source does not support checkpointing, and with
   * checkpointing on Beam keeps idle sources alive forever, so it is off here.
   */
  @Rule
  public final transient TestPipeline streaming =
      TestPipeline.fromOptions(
          RunnerOptions.fromProfile(
              "flink", "--runner=TestFlinkRunner", "--streaming=true", "--parallelism=1", "--checkpointingInterval=-1", NO_RESTARTS));

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
