package io.onceflow.it.messages;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.messages.MessagesSuite;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * The messages pipeline's TestStream scenarios on an in-process Flink cluster (streaming), with the
 * options of {@link TestRunnerOptions#flinkTestStream()}.
 */
public class FlinkRunnerMessagesIT extends MessagesSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.fromOptions(TestRunnerOptions.flinkTestStream());
  }
}
