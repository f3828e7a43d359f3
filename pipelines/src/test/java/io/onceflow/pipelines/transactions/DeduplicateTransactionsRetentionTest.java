package io.onceflow.pipelines.transactions;

import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.txn;

import io.onceflow.transforms.dedup.Counted;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * How long a kept version is remembered: at least the retention after it was first kept, at most
 * twice that, in processing time. One shard, so that versions kept at different times share a map
 * and its rotations.
 */
@RunWith(JUnit4.class)
public class DeduplicateTransactionsRetentionTest {

  private static final Duration RETENTION = Duration.standardHours(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void aVersionIsRememberedForAtLeastTheRetentionAndForgottenWithinTwice() {
    TimestampedValue<TransactionEvent> a = txn("a", "alice", "10.00", 10, 10, "SUCCESS");
    TimestampedValue<TransactionEvent> b = txn("b", "bob", "7.00", 11, 11, "SUCCESS");
    TestStream<TransactionEvent> events =
        TestStream.create(TransactionEventCoder.of())
            .advanceWatermarkTo(TransactionTotalsScenarios.T0)
            .addElements(a)
            .advanceProcessingTime(RETENTION.minus(Duration.standardMinutes(1)))
            .addElements(b)
            // The first rotation: a and b move to the older generation, nothing expires.
            .advanceProcessingTime(Duration.standardMinutes(2))
            // b was kept one minute before the rotation: a minute short of its retention, a
            // duplicate of it is still recognised.
            .advanceProcessingTime(RETENTION.minus(Duration.standardMinutes(4)))
            .addElements(b)
            // The second rotation forgets both: a arrives as new again.
            .advanceProcessingTime(RETENTION)
            .addElements(a)
            .advanceWatermarkToInfinity();

    PCollectionTuple deduped =
        p.apply(events).apply(DeduplicateTransactions.withRetention(RETENTION).withShards(1));

    PAssert.that(deduped.get(DeduplicateTransactions.COUNTED))
        .containsInAnyOrder(
            Counted.count(a.getValue()), Counted.count(b.getValue()), Counted.count(a.getValue()));
    PAssert.that(deduped.get(DeduplicateTransactions.DUPLICATES)).containsInAnyOrder(b.getValue());
    p.run().waitUntilFinish();
  }
}
