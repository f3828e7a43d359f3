package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The {@code user_state} table: one row per {@code user_id} holding the newest {@link UserState}.
 * "Newest" is {@code total_events}: it grows with every event the state has counted, and a row's
 * values depend only on which events those are, so a replay from the earliest offset with fresh
 * state recomputes rows the table already holds (not strictly newer: nothing written) until it has
 * counted more. Not sealed: a user can always come back.
 */
public final class UserStateTable {

  public static final String NAME = "user_state";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("user_id")
          .addInt64Field("total_events")
          .addInt64Field("click_count")
          .addInt64Field("purchase_count")
          .addInt64Field("session_count")
          .addDateTimeField("first_seen")
          .addDateTimeField("last_seen")
          .addDateTimeField("updated_at")
          .build();

  private UserStateTable() {}

  /** The table {@code name} (default {@link #NAME}) in {@code namespace}. */
  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "user_id").versionedBy("total_events");
  }

  /** Rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<UserState>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<UserState> values) {
        return values.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<UserState, Row> {
    @ProcessElement
    public void process(@Element UserState s, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  s.userId,
                  s.totalEvents,
                  s.clickCount,
                  s.purchaseCount,
                  s.sessionCount,
                  s.firstSeen,
                  s.lastSeen,
                  Instant.now())
              .build());
    }
  }
}
