package io.onceflow.it.ledger;

import static io.onceflow.pipelines.ledger.LedgerScenarios.T0;
import static io.onceflow.pipelines.ledger.LedgerScenarios.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.RecordedOutputs;
import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.ledger.LedgerEntry;
import io.onceflow.pipelines.ledger.LedgerPipeline;
import io.onceflow.pipelines.ledger.LedgerScenarios;
import io.onceflow.pipelines.ledger.ProcessLedger;
import io.onceflow.pipelines.ledger.SummaryLine;
import io.onceflow.transforms.dedup.Counted;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.CreateStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * The ledger's scenarios on in-process Spark in streaming mode, over a {@link CreateStream}
 * (Spark's TestStream) whose micro-batches carry them across batch boundaries: a duplicate in the
 * next batch, a conflict in each arrival order (one version per batch), "10.50" then "10.5" (equal
 * amounts, different hashes), a malformed amount, and the first batch delivered again whole, at the
 * same source positions, as a replay from Kafka would.
 *
 * <p>Every output is recorded as it is emitted ({@link RecordedOutputs}) and checked after the run:
 * what the dedup counts, retracts and reports is exact whatever the micro-batching; the summary and
 * the conflicts are checked in their last pane, the one a table keeps.
 */
public class SparkRunnerLedgerIT {

  @Rule
  public final transient TestPipeline streaming =
      TestPipeline.fromOptions(TestRunnerOptions.sparkStreaming());

  // TXN00000001: the same amount written two ways; at equal timestamps the greater hash ("10.5"'s)
  // wins.
  private static final String AMOUNT_10_50 =
      json("TXN00000001", "ACC2000", "10.50", "USD", "payment", 0);
  private static final String AMOUNT_10_5 =
      json("TXN00000001", "ACC2000", "10.5", "USD", "payment", 0);
  // TXN00000002: winner first; TXN00000003: loser first. The later version (minute 5) wins.
  private static final String WINNER_2 =
      json("TXN00000002", "ACC2001", "250.00", "USD", "transfer", 5);
  private static final String LOSER_2 =
      json("TXN00000002", "ACC2001", "100.00", "USD", "payment", 0);
  private static final String LOSER_3 =
      json("TXN00000003", "ACC2002", "100.00", "USD", "payment", 0);
  private static final String WINNER_3 =
      json("TXN00000003", "ACC2002", "250.00", "USD", "transfer", 5);
  private static final String TWICE = json("TXN00000005", "ACC2005", "100.00", "USD", "payment", 1);
  private static final String MALFORMED =
      json("TXN00000006", "ACC2006", "12.3.4", "USD", "payment", 2);

  @Test
  public void microBatchesGiveExactDuplicatesConflictsDeadLettersAndSummary() {
    List<TimestampedValue<KV<String, String>>> first =
        List.of(
            at(0, AMOUNT_10_50), at(1, WINNER_2), at(2, LOSER_3), at(3, TWICE), at(4, MALFORMED));
    Duration batchInterval =
        Duration.millis(
            streaming.getOptions().as(SparkPipelineOptions.class).getBatchIntervalMillis());
    CreateStream<KV<String, String>> source =
        CreateStream.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), batchInterval)
            .emptyBatch()
            .advanceWatermarkForNextBatch(T0)
            .nextBatch(first.toArray(TimestampedValue[]::new))
            .nextBatch(at(5, AMOUNT_10_5), at(6, LOSER_2), at(7, WINNER_3), at(8, TWICE))
            // The first batch again, at its own positions: a replay.
            .nextBatch(first.toArray(TimestampedValue[]::new))
            .advanceNextBatchWatermarkToInfinity();

    PCollectionTuple out =
        streaming
            .apply("Records", source)
            .apply(
                "Ledger",
                ProcessLedger.of(
                    LedgerPipeline.NAME, Duration.standardDays(1), 4, Duration.standardHours(1)));
    out.get(ProcessLedger.COUNTED)
        .apply("RecordCounted", RecordedOutputs.as("counted", SparkRunnerLedgerIT::counted));
    out.get(ProcessLedger.DUPLICATES)
        .apply("RecordDuplicates", RecordedOutputs.as("duplicates", SparkRunnerLedgerIT::entry));
    out.get(ProcessLedger.CONFLICTS)
        .apply(
            "RecordConflicts",
            RecordedOutputs.as(
                "conflicts",
                c ->
                    c.getKey()
                        + " "
                        + c.getValue().stream()
                            .map(SparkRunnerLedgerIT::entry)
                            .collect(Collectors.joining(" over "))));
    out.get(ProcessLedger.DEAD_LETTERS)
        .apply(
            "RecordDeadLetters",
            RecordedOutputs.as("deadLetters", d -> d.stage + " " + d.source + " " + d.error));
    out.get(ProcessLedger.SUMMARY)
        .apply("RecordSummary", RecordedOutputs.as("summary", SparkRunnerLedgerIT::line));

    streaming.run().waitUntilFinish();

    assertThat(RecordedOutputs.textsOf("counted"))
        .containsExactlyInAnyOrder(
            "+TXN00000001 10.50 payment",
            "+TXN00000002 250.00 transfer",
            "+TXN00000003 100.00 payment",
            "+TXN00000005 100.00 payment",
            // Batch two: "10.5" beats "10.50", TXN00000003's later version beats the earlier one.
            "-TXN00000001 10.50 payment",
            "+TXN00000001 10.5 payment",
            "-TXN00000003 100.00 payment",
            "+TXN00000003 250.00 transfer");
    // The replay counts nothing: its exact copies are duplicates, its beaten versions conflicts.
    assertThat(RecordedOutputs.textsOf("duplicates"))
        .containsExactlyInAnyOrder(
            "TXN00000005 100.00 payment",
            "TXN00000005 100.00 payment",
            "TXN00000002 250.00 transfer");
    assertThat(RecordedOutputs.textsOf("deadLetters"))
        .containsExactly(
            "parse financial_transactions/0/4 malformed amount '12.3.4' (digits, optionally a point"
                + " and decimals)",
            "parse financial_transactions/0/4 malformed amount '12.3.4' (digits, optionally a point"
                + " and decimals)");
    assertThat(RecordedOutputs.lastPaneTextsOf("conflicts"))
        .containsExactlyInAnyOrder(
            "TXN00000001 TXN00000001 10.5 payment over TXN00000001 10.50 payment",
            "TXN00000002 TXN00000002 250.00 transfer over TXN00000002 100.00 payment",
            "TXN00000003 TXN00000003 250.00 transfer over TXN00000003 100.00 payment");
    assertThat(RecordedOutputs.lastPaneTextsOf("summary"))
        .containsExactlyInAnyOrderElementsOf(
            LedgerScenarios.summary(4, 0, "payment USD 2 110.50", "transfer USD 2 500.00").stream()
                .map(SparkRunnerLedgerIT::line)
                .toList());
  }

  private static TimestampedValue<KV<String, String>> at(int offset, String json) {
    return TimestampedValue.of(KV.of("financial_transactions/0/" + offset, json), T0);
  }

  private static String entry(LedgerEntry e) {
    return e.transactionId + " " + e.amountText + " " + e.transactionType;
  }

  private static String counted(Counted<LedgerEntry> c) {
    return (c.retracted ? "-" : "+") + entry(c.value);
  }

  /** A summary line without its pane index, which depends on how Spark batched the stream. */
  private static String line(SummaryLine l) {
    return l.transactionType
        + " "
        + l.currency
        + " "
        + l.count
        + " "
        + l.total
        + " "
        + l.average
        + " of "
        + l.ledgerTransactions;
  }
}
