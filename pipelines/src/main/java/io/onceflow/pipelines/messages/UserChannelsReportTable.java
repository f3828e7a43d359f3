package io.onceflow.pipelines.messages;

import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@code report_user_channels}: one row per {@code user_id}: {@code iterations} (every first
 * occurrence of the user's) and the count per channel (0 where none), from the newest pane of
 * {@link UserChannelsReport}. Versioned by {@code (facts, pane_index)}: a pane that has seen more
 * counts and retractions wins, so a replay with fresh state cannot overwrite a complete row with a
 * partial one; the pane index only breaks ties. Readers sort by {@code iterations} descending, as
 * the notebook does.
 */
public final class UserChannelsReportTable {

  public static final String NAME = "report_user_channels";

  public static final Schema SCHEMA = schema();

  private UserChannelsReportTable() {}

  private static Schema schema() {
    Schema.Builder b = Schema.builder().addInt32Field("user_id").addInt64Field("iterations");
    for (String channel : Message.CHANNELS) {
      b.addInt64Field(channel);
    }
    return b.addInt64Field("facts")
        .addInt64Field("pane_index")
        .addDateTimeField("updated_at")
        .build();
  }

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "user_id").versionedBy("facts", "pane_index");
  }

  static Row row(int userId, Tally tally, long paneIndex) {
    Row.Builder r = Row.withSchema(SCHEMA).addValue(userId).addValue(tally.total);
    for (String channel : Message.CHANNELS) {
      r.addValue(tally.count(channel));
    }
    return r.addValue(tally.facts).addValue(paneIndex).addValue(Instant.now()).build();
  }
}
