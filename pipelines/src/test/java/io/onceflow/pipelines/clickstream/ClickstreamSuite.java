package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/**
 * The clickstream's late-data scenarios as one JUnit suite; each runner's test class extends it and
 * says how to make its pipeline.
 */
public abstract class ClickstreamSuite {

  @Rule public final transient TestPipeline p = createPipeline();

  /** Called once per test, before the test's own fields are initialised: use no instance state. */
  protected abstract TestPipeline createPipeline();

  @Test
  public void userActivityLateAndTooLate() {
    ClickstreamScenarios.userActivityLateAndTooLate(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void sessionsMergeWhenALateEventBridgesThem() {
    ClickstreamScenarios.sessionsMergeWhenALateEventBridgesThem(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void slidingWindowsFiveOverlappingPanes() {
    ClickstreamScenarios.slidingWindowsFiveOverlappingPanes(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void alertRaisedEarlyThenResolved() {
    ClickstreamScenarios.alertRaisedEarlyThenResolved(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void userStateAcrossWindowsWithADuplicateAndATooLateEvent() {
    ClickstreamScenarios.userStateAcrossWindowsWithADuplicateAndATooLateEvent(p);
    p.run().waitUntilFinish();
  }
}
