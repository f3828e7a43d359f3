package io.onceflow.pipelines.messages;

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
}
