package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The clickstream's late-data scenarios on the DirectRunner. */
@RunWith(JUnit4.class)
public class ClickstreamDirectTest extends ClickstreamSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.create();
  }
}
