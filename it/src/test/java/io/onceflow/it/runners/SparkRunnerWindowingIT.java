package io.onceflow.it.runners;

import io.onceflow.it.support.TestRunnerOptions;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/**
 * The bounded windowing scenario on in-process Spark, with the spark profile's options. Spark has
 * no TestStream (it has CreateStream instead), so the late-data scenario is not run here.
 */
public class SparkRunnerWindowingIT {

  @Rule
  public final transient TestPipeline p =
      TestPipeline.fromOptions(TestRunnerOptions.fromProfile("spark", "--runner=TestSparkRunner"));

  @Test
  public void boundedInputSumsEachHour() {
    HourlyLateSums.boundedScenario(p);
    p.run().waitUntilFinish();
  }
}
