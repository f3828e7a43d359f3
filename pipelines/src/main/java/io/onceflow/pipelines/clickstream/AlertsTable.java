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
 * The {@code alerts} table: one row per alerting user-activity window {@code (window_start,
 * user_id, session_id)}, holding the alert as of its newest pane ({@link RaiseAlerts}): by {@code
 * (is_final, pane_index)}, since an alert that is resolved has lower counts than the pane that
 * raised it; a final row is sealed.
 */
public final class AlertsTable {

  public static final String NAME = "alerts";

  public static final Schema SCHEMA =
      Schema.builder()
          .addDateTimeField("window_start")
          .addDateTimeField("window_end")
          .addStringField("user_id")
          .addStringField("session_id")
          .addStringField("rule")
          .addStringField("status")
          .addInt64Field("total_events")
          .addInt64Field("purchase_count")
          .addInt64Field("pane_index")
          .addStringField("pane_timing")
          .addBooleanField("is_final")
          .addDateTimeField("updated_at")
          .build();

  private AlertsTable() {}

  /** The table {@code name} (default {@link #NAME}) in {@code namespace}. */
  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "window_start", "user_id", "session_id")
        .versionedBy("is_final", "pane_index")
        .sealedBy("is_final")
        .partitionedBy("day(window_start)");
  }

  /** Rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<Alert>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Alert> values) {
        return values.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<Alert, Row> {
    @ProcessElement
    public void process(@Element Alert v, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  v.windowStart,
                  v.windowEnd,
                  v.userId,
                  v.sessionId,
                  v.rule,
                  v.status,
                  v.totalEvents,
                  v.purchaseCount,
                  v.paneIndex,
                  v.paneTiming,
                  v.isFinal,
                  Instant.now())
              .build());
    }
  }
}
