package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.deadletter.DeadLetter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Bad records leave the pipeline as dead letters with source, raw payload and reason; nothing is
 * lost.
 */
@RunWith(JUnit4.class)
public class ParseTransactionsTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void csvRecordsSplitIntoEventsAndDeadLetters() {
    PCollectionTuple parsed =
        p.apply(
                "Lines",
                Create.of(
                    KV.of("in.csv:1", TransactionCsvParser.HEADER),
                    KV.of(
                        "in.csv:2",
                        "2026-11-24T10:05:00Z,2026-11-24T10:05:01Z,t1,alice,10.00,SUCCESS"),
                    KV.of(
                        "in.csv:3",
                        "2026-11-24T10:06:00Z,2026-11-24T10:06:01Z,t2,alice,-1,SUCCESS"),
                    KV.of("in.csv:4", "garbage")))
            .apply("Parse", ParseTransactions.of("transactions", ParseTransactions.Format.CSV));
    PAssert.that(
            parsed
                .get(ParseTransactions.EVENTS)
                .apply(
                    "Ids",
                    MapElements.into(TypeDescriptors.strings())
                        .via((TransactionEvent e) -> e.txnId)))
        .containsInAnyOrder("t1");
    PAssert.that(
            parsed
                .get(ParseTransactions.DEAD_LETTERS)
                .apply(
                    "Describe",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (DeadLetter d) ->
                                d.pipeline + "|" + d.source + "|" + d.raw + "|" + d.error)))
        .containsInAnyOrder(
            "transactions|in.csv:3|2026-11-24T10:06:00Z,2026-11-24T10:06:01Z,t2,alice,-1,SUCCESS|non-positive"
                + " amount -1",
            "transactions|in.csv:4|garbage|invalid CSV: expected 6 columns, found 1");
    p.run().waitUntilFinish();
  }

  @Test
  public void jsonRecordsSplitIntoEventsAndDeadLetters() {
    PCollectionTuple parsed =
        p.apply(
                "Records",
                Create.of(
                    KV.of(
                        "tx/0/7",
                        "{\"event_time\":\"2026-11-24T10:05:00Z\",\"processing_time\":\"2026-11-24T10:05:00Z\","
                            + "\"txn_id\":\"t1\",\"customer_id\":\"c\",\"amount\":1.5,\"status\":\"SUCCESS\"}"),
                    KV.of("tx/0/8", "{oops")))
            .apply("Parse", ParseTransactions.of("transactions", ParseTransactions.Format.JSON));
    PAssert.that(
            parsed
                .get(ParseTransactions.EVENTS)
                .apply(
                    "Amounts",
                    MapElements.into(TypeDescriptors.strings())
                        .via((TransactionEvent e) -> e.amount.toPlainString())))
        .containsInAnyOrder("1.50");
    PAssert.that(
            parsed
                .get(ParseTransactions.DEAD_LETTERS)
                .apply(
                    "Sources",
                    MapElements.into(TypeDescriptors.strings())
                        .via((DeadLetter d) -> d.source + "|" + d.raw)))
        .containsInAnyOrder("tx/0/8|{oops");
    p.run().waitUntilFinish();
  }
}
