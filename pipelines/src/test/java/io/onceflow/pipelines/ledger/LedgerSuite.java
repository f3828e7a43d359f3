package io.onceflow.pipelines.ledger;

import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/**
 * The ledger's scenarios as one JUnit suite; each runner's test class extends it and says how to
 * make its pipeline. Scenarios that advance processing time live in the DirectRunner's class.
 */
public abstract class LedgerSuite {

  @Rule public final transient TestPipeline p = createPipeline();

  /** Called once per test, before the test's own fields are initialised: use no instance state. */
  protected abstract TestPipeline createPipeline();

  @Test
  public void aDuplicateIsOneRowAndCountedAsADuplicate() {
    LedgerScenarios.duplicate(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void aConflictWinnerFirst() {
    LedgerScenarios.conflict(p, true);
    p.run().waitUntilFinish();
  }

  @Test
  public void aConflictLoserFirstEndsTheSame() {
    LedgerScenarios.conflict(p, false);
    p.run().waitUntilFinish();
  }

  @Test
  public void aReplayedBatchChangesNothing() {
    LedgerScenarios.replayedBatch(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void malformedAmountsAreDeadLetters() {
    LedgerScenarios.malformedAmounts(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void theHashIsOfTheAmountAsReceived() {
    LedgerScenarios.hashOfTheAmountAsReceived(p);
    p.run().waitUntilFinish();
  }
}
