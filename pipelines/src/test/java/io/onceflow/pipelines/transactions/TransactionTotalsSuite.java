package io.onceflow.pipelines.transactions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/**
 * The flagship's late-data scenarios as one JUnit suite, in the style of Beam's LeaderBoardTest;
 * each runner's test class extends it and says how to make its pipeline. Scenarios a runner cannot
 * run (early panes need TestStream to advance processing time) live in that runner's class.
 */
public abstract class TransactionTotalsSuite {

  @Rule public final transient TestPipeline p = createPipeline();

  /** Called once per test, before the test's own fields are initialised: use no instance state. */
  protected abstract TestPipeline createPipeline();

  @Test
  public void onTimeOnly() {
    TransactionTotalsScenarios.onTimeOnly(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void lateWithinLatenessAccumulates() {
    TransactionTotalsScenarios.lateWithinLateness(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void droppablyLateIsCountedAndKeptButNotTotalled() {
    TransactionTotalsScenarios.droppablyLate(p);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long tooLate = MetricTotals.of(result).counter(MetricNames.TOO_LATE);
    assertThat(tooLate, is(1L));
  }

  @Test
  public void duplicateInSamePaneIsCountedOnce() {
    TransactionTotalsScenarios.duplicateInSamePane(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void duplicateAfterItsPaneFiredChangesNothing() {
    TransactionTotalsScenarios.duplicateAfterPaneFired(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void conflictingDuplicatesWinnerFirst() {
    TransactionTotalsScenarios.conflictingDuplicates(p, true);
    p.run().waitUntilFinish();
  }

  @Test
  public void conflictingDuplicatesLoserFirst() {
    TransactionTotalsScenarios.conflictingDuplicates(p, false);
    p.run().waitUntilFinish();
  }

  @Test
  public void outOfOrderSeveralCustomersWindowsAndABoundary() {
    TransactionTotalsScenarios.outOfOrderSeveralCustomersAndWindowsAndBoundary(p);
    p.run().waitUntilFinish();
  }

  @Test
  public void moneyIsExact() {
    TransactionTotalsScenarios.moneyThatDoubleGetsWrong(p);
    p.run().waitUntilFinish();
  }
}
