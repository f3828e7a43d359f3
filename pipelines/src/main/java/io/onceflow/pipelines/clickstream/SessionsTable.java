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
 * The {@code sessions} table: one row per {@code (user_id, session_id)} holding the newest pane of
 * its session, by {@code (is_final, events_in_session, pane_index)}. When a late event bridges two
 * sessions of one id, the merged session has more events than either and replaces them. Not sealed:
 * an id whose activity paused for longer than the gap is two Beam sessions, and the row keeps the
 * final one with more events rather than whichever closed first ({@link SessionWindows}). {@code
 * event_sequence} is the event types in timestamp order (ties by content), comma-separated.
 */
public final class SessionsTable {

  public static final String NAME = "sessions";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("user_id")
          .addStringField("session_id")
          .addDateTimeField("session_start")
          .addDateTimeField("session_end")
          .addInt64Field("events_in_session")
          .addStringField("event_sequence")
          .addInt64Field("purchases")
          .addDoubleField("session_duration_minutes")
          .addInt64Field("pane_index")
          .addStringField("pane_timing")
          .addBooleanField("is_final")
          .addDateTimeField("updated_at")
          .build();

  private SessionsTable() {}

  /** The table {@code name} (default {@link #NAME}) in {@code namespace}. */
  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "user_id", "session_id")
        .versionedBy("is_final", "events_in_session", "pane_index")
        .partitionedBy("day(session_start)");
  }

  /** Rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<SessionStats>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<SessionStats> values) {
        return values.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<SessionStats, Row> {
    @ProcessElement
    public void process(@Element SessionStats v, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  v.userId,
                  v.sessionId,
                  v.sessionStart,
                  v.sessionEnd,
                  v.eventsInSession,
                  v.eventSequence,
                  v.purchases,
                  v.sessionDurationMinutes,
                  v.paneIndex,
                  v.paneTiming,
                  v.isFinal,
                  Instant.now())
              .build());
    }
  }
}
