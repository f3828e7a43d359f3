package io.onceflow.pipelines.messages;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The messages pipeline's scenarios on the DirectRunner, on one thread: with more, the runner may
 * run a later TestStream step's bundle through a stage before an earlier one's, and the keep-first
 * dedup would see the occurrences in another order than the test wrote them (seen in about one run
 * in three with the default parallelism).
 */
@RunWith(JUnit4.class)
public class MessagesDirectTest extends MessagesSuite {

  @Override
  protected TestPipeline createPipeline() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setTargetParallelism(1);
    return TestPipeline.fromOptions(options);
  }
}
