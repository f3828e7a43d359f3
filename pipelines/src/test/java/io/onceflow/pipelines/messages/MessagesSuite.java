package io.onceflow.pipelines.messages;

import io.onceflow.transforms.dedup.Counted;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The messages pipeline's scenarios as one JUnit suite, which each runner's test class extends
 * (saying how to make its pipeline): raw records in a TestStream through {@link ProcessMessages}:
 * the silver split and the join miss, the keep-first dedup in both arrival orders, a duplicate
 * after its report row was written, a late message within and beyond the lateness — with the exact
 * panes of the daily channel report (no early pane fires: its delay is an hour of processing time,
 * which TestStream does not advance) and the user report's final pane.
 */
public abstract class MessagesSuite {

  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final Instant DAY_END = Instant.parse("2026-11-25T00:00:00Z");
  static final Duration LATENESS = Duration.standardHours(1);

  @Rule public final transient TestPipeline p = createPipeline();

  /** Called once per test, before the test's own fields are initialised: use no instance state. */
  protected abstract TestPipeline createPipeline();

  private int offset;

  private TimestampedValue<KV<String, String>> record(String json) {
    return TimestampedValue.of(KV.of("messages/0/" + offset++, json), T0);
  }

  private TimestampedValue<KV<String, String>> message(
      int minute, String value, String type, String id, int user) {
    return record(
        MessageRecords.json(
            T0.plus(Duration.standardMinutes(minute)), value, type, id, "EMAIL", 2001, user));
  }

  private static TestStream.Builder<KV<String, String>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .advanceWatermarkTo(T0);
  }

  private PCollectionTuple process(TestStream<KV<String, String>> records) {
    return p.apply("Records", records)
        .apply(
            "Messages",
            ProcessMessages.of(
                MessagesPipeline.NAME,
                Duration.standardDays(30),
                4,
                ChannelDailyReport.of(LATENESS, Duration.standardHours(1)),
                UserChannelsReport.every(Duration.standardHours(1))));
  }

  /** A report row without its {@code updated_at}, in the global window for PAssert. */
  private static PCollection<String> shown(PCollection<Row> rows, String name) {
    return rows.apply(
            name + "Show",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (Row r) -> {
                      List<String> values = new ArrayList<>();
                      for (String f : r.getSchema().getFieldNames()) {
                        if (!f.equals("updated_at")) {
                          values.add(String.valueOf((Object) r.getValue(f)));
                        }
                      }
                      return String.join("|", values);
                    }))
        .apply(name + "Global", Window.into(new GlobalWindows()));
  }

  private static PCollection<String> sources(PCollection<Row> rows, String name) {
    return rows.apply(
            name + "Sources",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (Row r) ->
                        r.getString("source")
                            + " "
                            + r.getString("event_type")
                            + " "
                            + r.getString("country")
                            + " "
                            + r.getString("date")))
        .apply(name + "Global", Window.into(new GlobalWindows()));
  }

  @Test
  public void splitsCorruptedEventsAndKeepsAnUnknownCountryWithANullCountry() {
    TestStream<KV<String, String>> records =
        stream()
            .addElements(
                message(0, "0", "OPEN", "m1", 1001),
                message(1, "1", "NONE", "m1", 1001),
                message(2, "2", "", "m1", 1001),
                message(3, "3", null, "m1", 1001),
                record(MessageRecords.json(T0, "4", "SENT", "m2", "SMS", 2099, 1001)),
                record("not json"))
            .advanceWatermarkToInfinity();
    PCollectionTuple out = process(records);

    PAssert.that(sources(out.get(ProcessMessages.MESSAGES), "Messages"))
        .containsInAnyOrder(
            "messages/0/0 OPEN Portugal 2026-11-24", "messages/0/4 SENT null 2026-11-24");
    PAssert.that(sources(out.get(ProcessMessages.CORRUPTED), "Corrupted"))
        .containsInAnyOrder(
            "messages/0/1 NONE Portugal 2026-11-24",
            "messages/0/2  Portugal 2026-11-24",
            "messages/0/3 null Portugal 2026-11-24");
    PAssert.that(
            out.get(ProcessMessages.DEAD_LETTERS)
                .apply(
                    "DeadLetterText",
                    MapElements.into(TypeDescriptors.strings())
                        .via(d -> d.source + " " + d.stage + " " + d.error.split(":")[0])))
        .containsInAnyOrder("messages/0/5 parse invalid JSON");
    PAssert.that(shown(out.get(ProcessMessages.CHANNEL_DAILY), "Daily"))
        .containsInAnyOrder(
            "2026-11-24|EMAIL|0|0|1|0|0|1|1|0|ON_TIME|true",
            "2026-11-24|SMS|0|0|0|0|1|1|1|0|ON_TIME|true");
    p.run().waitUntilFinish();
  }

  @Test
  public void theFirstOccurrenceArrivingLastRetractsTheOneCountedBeforeIt() {
    TestStream<KV<String, String>> records =
        stream()
            .addElements(message(5, "later", "OPEN", "m1", 1001))
            // The day's on-time row is written with the later occurrence counted ...
            .advanceWatermarkTo(DAY_END.plus(Duration.standardMinutes(1)))
            // ... then the first occurrence arrives (late, within the lateness).
            .addElements(message(0, "first", "OPEN", "m1", 1002))
            .advanceWatermarkToInfinity();
    PCollectionTuple out = process(records);

    // Still one OPEN in the final row, whose two facts are the later occurrence retracted and the
    // first one counted. Whether the on-time pane fired before the first occurrence reached the
    // daily window depends on the order in which the DirectRunner runs the stages' bundles (seen
    // both ways), so only the final row is exact here.
    PAssert.that(
            shown(out.get(ProcessMessages.CHANNEL_DAILY), "Daily")
                .apply(
                    "FinalRowCounts",
                    org.apache.beam.sdk.transforms.Filter.by((String row) -> row.endsWith("|true")))
                .apply(
                    "WithoutPane",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            row ->
                                String.join(
                                    "|", java.util.Arrays.asList(row.split("\\|")).subList(0, 9)))))
        .containsInAnyOrder("2026-11-24|EMAIL|0|0|1|0|0|1|2");
    // User 1001's message was counted, then retracted: a row at 0; user 1002 has the first.
    PAssert.that(shown(out.get(ProcessMessages.USER_CHANNELS), "Users"))
        .containsInAnyOrder("1001|0|0|0|0|0|0|1|0", "1002|1|0|1|0|0|0|1|0");
    PAssert.that(
            out.get(ProcessMessages.DUPLICATES)
                .apply(
                    "DuplicateValues",
                    MapElements.into(TypeDescriptors.strings()).via(m -> m.value)))
        .containsInAnyOrder("later");
    p.run().waitUntilFinish();
  }

  @Test
  public void theFirstOccurrenceArrivingFirstMakesTheLaterOneADuplicate() {
    TestStream<KV<String, String>> records =
        stream()
            .addElements(message(0, "first", "OPEN", "m1", 1002))
            .advanceWatermarkTo(DAY_END.plus(Duration.standardMinutes(1)))
            .addElements(message(5, "later", "OPEN", "m1", 1001))
            .advanceWatermarkToInfinity();
    PCollectionTuple out = process(records);

    // The later occurrence never reaches the report: no late pane, only the final one.
    PAssert.that(shown(out.get(ProcessMessages.CHANNEL_DAILY), "Daily"))
        .containsInAnyOrder(
            "2026-11-24|EMAIL|0|0|1|0|0|1|1|0|ON_TIME|false",
            "2026-11-24|EMAIL|0|0|1|0|0|1|1|1|LATE|true");
    PAssert.that(shown(out.get(ProcessMessages.USER_CHANNELS), "Users"))
        .containsInAnyOrder("1002|1|0|1|0|0|0|1|0");
    PAssert.that(
            out.get(ProcessMessages.DUPLICATES)
                .apply(
                    "DuplicateValues",
                    MapElements.into(TypeDescriptors.strings()).via(m -> m.value)))
        .containsInAnyOrder("later");
    p.run().waitUntilFinish();
  }

  @Test
  public void aDuplicateAfterTheRowWasWrittenChangesNothingALateMessageCountsATooLateOneIsKept() {
    TestStream<KV<String, String>> records =
        stream()
            .addElements(message(0, "first", "OPEN", "m1", 1002))
            .advanceWatermarkTo(DAY_END.plus(Duration.standardMinutes(1)))
            // The same record again, at another position, after the on-time row was written.
            .addElements(message(0, "first", "OPEN", "m1", 1002))
            // Late for its day, within the lateness: a late pane counts it.
            .addElements(message(60, "late", "SENT", "m2", 1003))
            .advanceWatermarkTo(DAY_END.plus(LATENESS).plus(Duration.standardMinutes(1)))
            // Beyond the lateness: in no pane, kept on TOO_LATE.
            .addElements(message(120, "too late", "CLICKED", "m3", 1004))
            .advanceWatermarkToInfinity();
    PCollectionTuple out = process(records);

    PAssert.that(shown(out.get(ProcessMessages.CHANNEL_DAILY), "Daily"))
        .containsInAnyOrder(
            "2026-11-24|EMAIL|0|0|1|0|0|1|1|0|ON_TIME|false",
            "2026-11-24|EMAIL|0|0|1|0|1|2|2|1|LATE|false",
            "2026-11-24|EMAIL|0|0|1|0|1|2|2|2|LATE|true");
    PAssert.that(
            out.get(ProcessMessages.TOO_LATE)
                .apply(
                    "TooLateValues",
                    MapElements.into(TypeDescriptors.strings())
                        .via((Counted<Message> c) -> c.value.value + " " + c.retracted)))
        .containsInAnyOrder("too late false");
    PAssert.that(
            out.get(ProcessMessages.DUPLICATES)
                .apply(
                    "DuplicateSources",
                    MapElements.into(TypeDescriptors.strings()).via(m -> m.source)))
        .containsInAnyOrder("messages/0/1");
    // The user report has no event-time windows: the too-late message counts there.
    PAssert.that(shown(out.get(ProcessMessages.USER_CHANNELS), "Users"))
        .containsInAnyOrder("1002|1|0|1|0|0|0|1|0", "1003|1|0|1|0|0|0|1|0", "1004|1|0|1|0|0|0|1|0");
    p.run().waitUntilFinish();
  }
}
