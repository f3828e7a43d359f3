package io.onceflow.it.transactions;

import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.W1;
import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.W2;
import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.minute;
import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.pane;
import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.txn;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.transactions.CustomerHourlyTotal;
import io.onceflow.pipelines.transactions.HourlyCustomerTotals;
import io.onceflow.pipelines.transactions.TransactionEvent;
import io.onceflow.pipelines.transactions.TransactionTotalsScenarios;
import io.onceflow.transforms.dedup.Counted;
import java.util.List;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.CreateStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Dedup and hourly totals on in-process Spark, with the spark profile's options: once over a
 * bounded source, once in streaming mode over a {@link CreateStream} (Spark's TestStream) whose
 * micro-batches carry on-time, late, duplicated and too-late transactions. Spark has no event-time
 * timers in streaming; this is the test that the design does not need them.
 */
public class SparkRunnerTransactionTotalsIT {

  @Rule
  public final transient TestPipeline batch =
      TestPipeline.fromOptions(TestRunnerOptions.fromProfile("spark", "--runner=TestSparkRunner"));

  @Rule
  public final transient TestPipeline streaming =
      TestPipeline.fromOptions(TestRunnerOptions.sparkStreaming());

  @Test
  public void boundedSourceCountsEachTransactionOnceWithTheWinningVersion() {
    List<TimestampedValue<TransactionEvent>> events =
        List.of(
            txn("a", "c1", "10.00", 5),
            txn("a", "c1", "10.00", 5),
            // Conflicting versions of b: the later processing time wins, whatever the order.
            txn("b", "c1", "99.99", 20, 50, "SUCCESS"),
            txn("b", "c1", "20.00", 20, 21, "SUCCESS"),
            txn("c", "c2", "0.10", 30),
            txn("d", "c2", "0.20", 59),
            txn("e", "c2", "5.00", 60),
            txn("f", "c2", "7.00", 70, 70, "FAILED"));
    PCollectionTuple out =
        TransactionTotalsScenarios.aggregate(
            batch.apply(
                "Events",
                Create.timestamped(events).withCoder(TransactionTotalsScenarios.coder())));

    PAssert.that(out.get(HourlyCustomerTotals.TOTALS))
        .containsInAnyOrder(
            pane(W1, "c1", "109.99", 2, 0, "ON_TIME", true),
            pane(W1, "c2", "0.30", 2, 0, "ON_TIME", true),
            pane(W2, "c2", "5.00", 1, 0, "ON_TIME", true));
    PAssert.that(out.get(HourlyCustomerTotals.TOO_LATE)).empty();
    batch.run().waitUntilFinish();
  }

  @Test
  public void streamingMicroBatchesGiveOnTimeLateAndFinalPanesAndKeepTooLate() {
    Duration batchInterval =
        Duration.millis(
            streaming.getOptions().as(SparkPipelineOptions.class).getBatchIntervalMillis());
    CreateStream<TransactionEvent> source =
        CreateStream.of(TransactionTotalsScenarios.coder(), batchInterval)
            .emptyBatch()
            .advanceWatermarkForNextBatch(minute(0))
            .nextBatch(
                txn("a", "c1", "10.00", 5),
                txn("b", "c1", "20.00", 20),
                txn("b", "c1", "20.00", 20),
                txn("c", "c2", "0.10", 30))
            // W1 ends: its on-time pane. Each watermark step is followed by an empty batch: a
            // stage may read the previous batch's watermark, and the test wants every stage to
            // have seen the step before the next transactions arrive.
            .advanceWatermarkForNextBatch(minute(61))
            .emptyBatch()
            .advanceWatermarkForNextBatch(minute(62))
            // Late within lateness, and a duplicate of a after its pane fired.
            .nextBatch(txn("d", "c1", "0.20", 40), txn("a", "c1", "10.00", 5))
            // W1 closes for late data: end plus two hours of lateness.
            .advanceWatermarkForNextBatch(minute(181))
            .emptyBatch()
            .advanceWatermarkForNextBatch(minute(182))
            .nextBatch(txn("late", "c1", "500.00", 50))
            .advanceNextBatchWatermarkToInfinity();
    PCollectionTuple out = TransactionTotalsScenarios.aggregate(streaming.apply("Events", source));
    PCollection<CustomerHourlyTotal> totals = out.get(HourlyCustomerTotals.TOTALS);

    PAssert.that(totals)
        .inOnTimePane(W1)
        .containsInAnyOrder(
            pane(W1, "c1", "30.00", 2, 0, "ON_TIME", false),
            pane(W1, "c2", "0.10", 1, 0, "ON_TIME", false));
    // How many late panes precede the final one depends on which micro-batch each stage saw the
    // late transaction in; the final pane's content does not.
    PAssert.that(
            totals.apply(
                "WithoutPaneIndex",
                MapElements.into(TypeDescriptors.strings())
                    .via(SparkRunnerTransactionTotalsIT::withoutPaneIndex)))
        .inFinalPane(W1)
        .containsInAnyOrder("c1 30.20 3 LATE final", "c2 0.10 1 LATE final");
    PAssert.that(
            out.get(HourlyCustomerTotals.TOO_LATE)
                .apply(
                    "TooLateIds",
                    MapElements.into(TypeDescriptors.strings())
                        .via((Counted<TransactionEvent> t) -> t.value.txnId)))
        .containsInAnyOrder("late");
    streaming.run().waitUntilFinish();
  }

  private static String withoutPaneIndex(CustomerHourlyTotal t) {
    return t.customerId
        + " "
        + t.totalAmount
        + " "
        + t.txnCount
        + " "
        + t.paneTiming
        + (t.isFinal ? " final" : "");
  }
}
