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
 * The {@code user_activity} table: one row per {@code (window_start, user_id, session_id)} holding
 * the newest pane. "Newest" is {@code (is_final, total_events, pane_index)}, as in the flagship:
 * the final pane beats any speculative one, a pane that saw more events beats one that saw fewer (a
 * restarted job recomputes from few), the pane index only breaks ties; a final row is sealed.
 */
public final class UserActivityTable {

  public static final String NAME = "user_activity";

  public static final Schema SCHEMA =
      Schema.builder()
          .addDateTimeField("window_start")
          .addDateTimeField("window_end")
          .addStringField("user_id")
          .addStringField("session_id")
          .addInt64Field("total_events")
          .addInt64Field("unique_pages")
          .addInt64Field("click_count")
          .addInt64Field("purchase_count")
          .addNullableField("device_type", Schema.FieldType.STRING)
          .addInt64Field("pane_index")
          .addStringField("pane_timing")
          .addBooleanField("is_final")
          .addDateTimeField("updated_at")
          .build();

  private UserActivityTable() {}

  /** The table {@code name} (default {@link #NAME}) in {@code namespace}. */
  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "window_start", "user_id", "session_id")
        .versionedBy("is_final", "total_events", "pane_index")
        .sealedBy("is_final")
        .partitionedBy("day(window_start)");
  }

  /** Rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<UserActivity>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<UserActivity> values) {
        return values.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<UserActivity, Row> {
    @ProcessElement
    public void process(@Element UserActivity v, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  v.windowStart,
                  v.windowEnd,
                  v.userId,
                  v.sessionId,
                  v.totalEvents,
                  v.uniquePages,
                  v.clickCount,
                  v.purchaseCount,
                  v.deviceType,
                  v.paneIndex,
                  v.paneTiming,
                  v.isFinal,
                  Instant.now())
              .build());
    }
  }
}
