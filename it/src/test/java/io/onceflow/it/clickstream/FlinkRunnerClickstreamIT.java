package io.onceflow.it.clickstream;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.clickstream.ClickstreamSuite;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * The clickstream's TestStream scenarios on an in-process Flink cluster (streaming), with the
 * options of {@link TestRunnerOptions#flinkTestStream()}: every one of them, since none advances
 * processing time.
 */
public class FlinkRunnerClickstreamIT extends ClickstreamSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.fromOptions(TestRunnerOptions.flinkTestStream());
  }
}
