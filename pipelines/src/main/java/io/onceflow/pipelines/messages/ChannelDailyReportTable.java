package io.onceflow.pipelines.messages;

import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.windowing.WindowPane;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormatter;
import org.joda.time.format.ISODateTimeFormat;

/**
 * {@code report_channel_daily}: one row per {@code (date, channel)} holding the newest pane of
 * {@link ChannelDailyReport} — the count of each event type (0 where none) and their {@code total}
 * — with the pane's columns. Versioned by {@code (is_final, facts, pane_index)}: the final pane
 * beats every earlier one; a pane that has seen more counts and retractions beats one that saw
 * fewer (a retraction lowers the total, so the total cannot be the version; a restarted job's panes
 * start again from few facts); the pane index only breaks ties. A final row is sealed.
 */
public final class ChannelDailyReportTable {

  public static final String NAME = "report_channel_daily";

  private static final DateTimeFormatter DATE = ISODateTimeFormat.date().withZoneUTC();

  public static final Schema SCHEMA = schema();

  private ChannelDailyReportTable() {}

  private static Schema schema() {
    Schema.Builder b = Schema.builder().addStringField("date").addStringField("channel");
    for (String type : Message.EVENT_TYPES) {
      b.addInt64Field(type);
    }
    return b.addInt64Field("total")
        .addInt64Field("facts")
        .addInt64Field("pane_index")
        .addStringField("pane_timing")
        .addBooleanField("is_final")
        .addDateTimeField("updated_at")
        .build();
  }

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "date", "channel")
        .versionedBy("is_final", "facts", "pane_index")
        .sealedBy("is_final")
        .partitionedBy("date");
  }

  /** The row of one pane of {@code channel}'s tally for the day the pane's window is. */
  static Row row(WindowPane pane, String channel, Tally tally) {
    Row.Builder r = Row.withSchema(SCHEMA).addValue(DATE.print(pane.start())).addValue(channel);
    for (String type : Message.EVENT_TYPES) {
      r.addValue(tally.count(type));
    }
    return r.addValue(tally.total)
        .addValue(tally.facts)
        .addValue(pane.index())
        .addValue(pane.timing())
        .addValue(pane.isFinal())
        .addValue(Instant.now())
        .build();
  }
}
