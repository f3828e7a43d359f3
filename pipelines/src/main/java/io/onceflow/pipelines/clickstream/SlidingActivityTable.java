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
 * The {@code user_activity_sliding} table: one row per {@code (window_start, user_id)} (a window of
 * a given size is named by its start) holding the newest pane, by {@code (is_final, event_count,
 * pane_index)}; a final row is sealed.
 */
public final class SlidingActivityTable {

  public static final String NAME = "user_activity_sliding";

  public static final Schema SCHEMA =
      Schema.builder()
          .addDateTimeField("window_start")
          .addDateTimeField("window_end")
          .addStringField("user_id")
          .addInt64Field("event_count")
          .addInt64Field("session_count")
          .addInt64Field("pane_index")
          .addStringField("pane_timing")
          .addBooleanField("is_final")
          .addDateTimeField("updated_at")
          .build();

  private SlidingActivityTable() {}

  /** The table {@code name} (default {@link #NAME}) in {@code namespace}. */
  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "window_start", "user_id")
        .versionedBy("is_final", "event_count", "pane_index")
        .sealedBy("is_final")
        .partitionedBy("day(window_start)");
  }

  /** Rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<SlidingActivity>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<SlidingActivity> values) {
        return values.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<SlidingActivity, Row> {
    @ProcessElement
    public void process(@Element SlidingActivity v, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  v.windowStart,
                  v.windowEnd,
                  v.userId,
                  v.eventCount,
                  v.sessionCount,
                  v.paneIndex,
                  v.paneTiming,
                  v.isFinal,
                  Instant.now())
              .build());
    }
  }
}
