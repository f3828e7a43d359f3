package io.onceflow.pipelines.transactions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.onceflow.transforms.windowing.EventTimeWindowing;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The windows the totals are computed in close at the configured lateness (plus the one window of
 * grace), not at the too-late split's far longer retention. The TestStream scenarios cannot see the
 * difference, since they end with the watermark at infinity where every window closes; a streaming
 * run whose watermark follows the clock waited a week for its final panes.
 */
@RunWith(JUnit4.class)
public class HourlyCustomerTotalsWindowingTest {

  @Rule
  public final transient TestPipeline p =
      TestPipeline.create().enableAbandonedNodeEnforcement(false);

  @Test
  public void totalsCloseAtTheAllowedLatenessPlusOneWindow() {
    EventTimeWindowing windowing = HourlyCustomerTotals.DEFAULT_WINDOWING;
    PCollection<CustomerHourlyTotal> totals =
        TransactionTotalsScenarios.aggregate(
                p, TransactionTotalsScenarios.stream().advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);

    assertThat(
        totals.getWindowingStrategy().getAllowedLateness(),
        is(windowing.allowedLateness.plus(windowing.size)));
    assertThat(windowing.allowedLateness, is(Duration.standardHours(2)));
  }
}
