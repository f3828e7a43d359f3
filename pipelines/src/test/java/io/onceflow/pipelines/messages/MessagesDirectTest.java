package io.onceflow.pipelines.messages;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The messages pipeline's scenarios on the DirectRunner. */
@RunWith(JUnit4.class)
public class MessagesDirectTest extends MessagesSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.create();
  }
}
