package io.onceflow.pipelines.ledger;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The ledger's scenarios on the DirectRunner, plus a replay after a pane fired. */
@RunWith(JUnit4.class)
public class LedgerDirectTest extends LedgerSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.create();
  }

  @Test
  public void aReplayAfterAPaneFiredChangesOnlyThePaneIndex() {
    LedgerScenarios.replayedBatchAfterAPaneFired(p);
    p.run().waitUntilFinish();
  }
}
