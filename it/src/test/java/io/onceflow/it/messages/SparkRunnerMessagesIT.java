package io.onceflow.it.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.RecordedOutputs;
import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.messages.ChannelDailyReport;
import io.onceflow.pipelines.messages.MessageRecords;
import io.onceflow.pipelines.messages.MessagesPipeline;
import io.onceflow.pipelines.messages.ProcessMessages;
import io.onceflow.pipelines.messages.UserChannelsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.CreateStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The messages pipeline's scenarios on in-process Spark in streaming mode, over {@link
 * CreateStream} micro-batches: the silver split and the join miss, keep-first in both arrival
 * orders (the first occurrence of m1 first, of m4 last), a re-delivered record after its day's
 * on-time row, a late message within the lateness and one beyond it. Every output is recorded as it
 * is emitted ({@link RecordedOutputs}) and checked after the run; the reports in their last pane,
 * the one a table keeps (which pane a late fact lands in depends on the micro-batching).
 */
public class SparkRunnerMessagesIT {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant DAY_END = Instant.parse("2026-11-25T00:00:00Z");
  private static final Duration LATENESS = Duration.standardHours(1);

  @Rule
  public final transient TestPipeline streaming =
      TestPipeline.fromOptions(TestRunnerOptions.sparkStreaming());

  @Test
  public void microBatchesGiveTheSplitTheKeepFirstDedupAndTheReportsLastPanes() {
    Duration batchInterval =
        Duration.millis(
            streaming.getOptions().as(SparkPipelineOptions.class).getBatchIntervalMillis());
    CreateStream<KV<String, String>> source =
        CreateStream.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), batchInterval)
            .emptyBatch()
            .advanceWatermarkForNextBatch(T0)
            .nextBatch(
                at(0, 0, "first", "OPEN", "m1", "EMAIL", 2001, 1002),
                at(1, 1, "corrupted", "NONE", "m1", "EMAIL", 2001, 1002),
                at(2, 2, "corrupted", "", "m1", "EMAIL", 2001, 1002),
                at(3, 3, "corrupted", null, "m1", "EMAIL", 2001, 1002),
                at(4, 0, "unknown country", "SENT", "m2", "SMS", 2099, 1007),
                at(5, 10, "later", "OPEN", "m4", "EMAIL", 2001, 1005),
                TimestampedValue.of(KV.of("messages/0/6", "not json"), T0))
            // The day ends: its on-time rows. Each watermark step is followed by an empty batch,
            // so that every stage has seen it before the next records (a stage may read the
            // previous batch's watermark).
            .advanceWatermarkForNextBatch(DAY_END.plus(Duration.standardMinutes(1)))
            .emptyBatch()
            .advanceWatermarkForNextBatch(DAY_END.plus(Duration.standardMinutes(2)))
            .nextBatch(
                // m1 again at another position, and a later occurrence of m1: duplicates.
                at(7, 0, "first", "OPEN", "m1", "EMAIL", 2001, 1002),
                at(8, 5, "later", "OPEN", "m1", "EMAIL", 2001, 1001),
                // m4's first occurrence, arriving last: it retracts the later one.
                at(9, 2, "first", "OPEN", "m4", "EMAIL", 2001, 1006),
                // Late for its day, within the lateness.
                at(10, 60, "late", "SENT", "m5", "EMAIL", 2001, 1003))
            // The day closes for late data.
            .advanceWatermarkForNextBatch(DAY_END.plus(LATENESS).plus(Duration.standardMinutes(1)))
            .emptyBatch()
            .advanceWatermarkForNextBatch(DAY_END.plus(LATENESS).plus(Duration.standardMinutes(2)))
            .nextBatch(at(11, 120, "too late", "CLICKED", "m6", "EMAIL", 2001, 1004))
            .advanceNextBatchWatermarkToInfinity();

    PCollectionTuple out =
        streaming
            .apply("Records", source)
            .apply(
                "Messages",
                ProcessMessages.of(
                    MessagesPipeline.NAME,
                    Duration.standardDays(30),
                    4,
                    ChannelDailyReport.of(LATENESS, Duration.standardHours(1)),
                    UserChannelsReport.every(Duration.standardHours(1))));
    out.get(ProcessMessages.MESSAGES)
        .apply("RecordMessages", RecordedOutputs.as("messages", SparkRunnerMessagesIT::silver));
    out.get(ProcessMessages.CORRUPTED)
        .apply("RecordCorrupted", RecordedOutputs.as("corrupted", SparkRunnerMessagesIT::silver));
    out.get(ProcessMessages.DEAD_LETTERS)
        .apply(
            "RecordDeadLetters",
            RecordedOutputs.as(
                "deadLetters", d -> d.source + " " + d.stage + " " + d.error.split(":")[0]));
    out.get(ProcessMessages.DUPLICATES)
        .apply("RecordDuplicates", RecordedOutputs.as("duplicates", m -> m.source));
    out.get(ProcessMessages.TOO_LATE)
        .apply(
            "RecordTooLate",
            RecordedOutputs.as("tooLate", c -> c.value.source + " " + c.retracted));
    out.get(ProcessMessages.CHANNEL_DAILY)
        .apply("RecordDaily", RecordedOutputs.as("daily", SparkRunnerMessagesIT::counts));
    out.get(ProcessMessages.USER_CHANNELS)
        .apply("RecordUsers", RecordedOutputs.as("users", SparkRunnerMessagesIT::counts));

    streaming.run().waitUntilFinish();

    // Silver: every valid message in `messages` (the unknown country kept, null), every other in
    // `messages_corrupted`, the too-late one too (silver has no windows).
    assertThat(RecordedOutputs.textsOf("messages"))
        .containsExactlyInAnyOrder(
            "messages/0/0 OPEN Portugal 2026-11-24",
            "messages/0/4 SENT null 2026-11-24",
            "messages/0/5 OPEN Portugal 2026-11-24",
            "messages/0/7 OPEN Portugal 2026-11-24",
            "messages/0/8 OPEN Portugal 2026-11-24",
            "messages/0/9 OPEN Portugal 2026-11-24",
            "messages/0/10 SENT Portugal 2026-11-24",
            "messages/0/11 CLICKED Portugal 2026-11-24");
    assertThat(RecordedOutputs.textsOf("corrupted"))
        .containsExactlyInAnyOrder(
            "messages/0/1 NONE Portugal 2026-11-24",
            "messages/0/2  Portugal 2026-11-24",
            "messages/0/3 null Portugal 2026-11-24");
    assertThat(RecordedOutputs.textsOf("deadLetters"))
        .containsExactly("messages/0/6 parse invalid JSON");
    // m1's copy and its later occurrence; m4's later occurrence, beaten by the first.
    assertThat(RecordedOutputs.textsOf("duplicates"))
        .containsExactlyInAnyOrder("messages/0/7", "messages/0/8", "messages/0/5");
    assertThat(RecordedOutputs.textsOf("tooLate")).containsExactly("messages/0/11 false");
    // EMAIL: m1 and m4 OPEN (m4's first occurrence; the later one counted on time, then
    // retracted), m5 SENT late; 4 facts (m4's two occurrences each one). Not m6: too late.
    assertThat(RecordedOutputs.lastPaneTextsOf("daily"))
        .containsExactlyInAnyOrder(
            "date=2026-11-24 channel=EMAIL CLICKED=0 CREATED=0 OPEN=2 RECEIVED=0 SENT=1 total=3"
                + " facts=4",
            "date=2026-11-24 channel=SMS CLICKED=0 CREATED=0 OPEN=0 RECEIVED=0 SENT=1 total=1"
                + " facts=1");
    // The user report has no event-time windows: the too-late message counts there; user 1005's
    // message was counted, then retracted.
    assertThat(RecordedOutputs.lastPaneTextsOf("users"))
        .containsExactlyInAnyOrder(
            "user_id=1002 iterations=1 CHAT=0 EMAIL=1 OTHER=0 PUSH=0 SMS=0 facts=1",
            "user_id=1007 iterations=1 CHAT=0 EMAIL=0 OTHER=0 PUSH=0 SMS=1 facts=1",
            "user_id=1005 iterations=0 CHAT=0 EMAIL=0 OTHER=0 PUSH=0 SMS=0 facts=1",
            "user_id=1006 iterations=1 CHAT=0 EMAIL=1 OTHER=0 PUSH=0 SMS=0 facts=1",
            "user_id=1003 iterations=1 CHAT=0 EMAIL=1 OTHER=0 PUSH=0 SMS=0 facts=1",
            "user_id=1004 iterations=1 CHAT=0 EMAIL=1 OTHER=0 PUSH=0 SMS=0 facts=1");
  }

  private static TimestampedValue<KV<String, String>> at(
      int offset,
      int minute,
      String value,
      String type,
      String id,
      String channel,
      int country,
      int user) {
    return TimestampedValue.of(
        KV.of(
            "messages/0/" + offset,
            MessageRecords.json(
                T0.plus(Duration.standardMinutes(minute)),
                value,
                type,
                id,
                channel,
                country,
                user)),
        T0);
  }

  private static String silver(Row r) {
    return r.getString("source")
        + " "
        + r.getString("event_type")
        + " "
        + r.getString("country")
        + " "
        + r.getString("date");
  }

  /** A report row's columns but its pane and time of writing, which the micro-batching decides. */
  private static String counts(Row r) {
    Set<String> paneColumns = Set.of("pane_index", "pane_timing", "is_final", "updated_at");
    List<String> values = new ArrayList<>();
    for (String f : r.getSchema().getFieldNames()) {
      if (!paneColumns.contains(f)) {
        values.add(f + "=" + r.getValue(f));
      }
    }
    return String.join(" ", values);
  }
}
