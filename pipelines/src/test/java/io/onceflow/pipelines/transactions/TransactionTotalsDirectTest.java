package io.onceflow.pipelines.transactions;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The flagship's late-data scenarios on the DirectRunner, plus early panes (processing time). */
@RunWith(JUnit4.class)
public class TransactionTotalsDirectTest extends TransactionTotalsSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.create();
  }

  @Test
  public void earlyPanes() {
    TransactionTotalsScenarios.earlyPanes(p);
    p.run().waitUntilFinish();
  }
}
