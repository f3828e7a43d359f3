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
 * The {@code clickstream_late_events} table: the events that came after every window of an output
 * they belong to had closed, one row per {@code (output, event)} ({@code event} is the event's
 * content, every field, {@link ClickEvent#content()}), so that an event too late for one output and
 * in time for another (the lateness differs per output) is visible as exactly that. The seed has no
 * event id: two identical events are one row here, and counted twice where they are in time.
 */
public final class LateClickEventsTable {

  public static final String NAME = "clickstream_late_events";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("output")
          .addStringField("event")
          .addStringField("user_id")
          .addStringField("session_id")
          .addStringField("event_type")
          .addDateTimeField("event_timestamp")
          .addDateTimeField("updated_at")
          .build();

  private LateClickEventsTable() {}

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "output", "event")
        .partitionedBy("day(event_timestamp)");
  }

  public static PTransform<PCollection<TooLateEvent>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<TooLateEvent> late) {
        return late.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<TooLateEvent, Row> {
    @ProcessElement
    public void process(@Element TooLateEvent t, OutputReceiver<Row> out) {
      ClickEvent e = t.event();
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  t.output(),
                  e.content(),
                  e.userId,
                  e.sessionId,
                  e.eventType,
                  e.timestamp,
                  Instant.now())
              .build());
    }
  }
}
