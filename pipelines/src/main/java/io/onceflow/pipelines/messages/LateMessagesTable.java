package io.onceflow.pipelines.messages;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@code messages_late}: what was too late for its day in {@code report_channel_daily}, kept
 * visible: a first occurrence that arrived after its day closed ({@code retracted} false), or the
 * retraction of one whose day had closed when the occurrence that beats it arrived ({@code
 * retracted} true: the day's row still counts it). One row per {@code (source, retracted)}.
 */
public final class LateMessagesTable {

  public static final String NAME = "messages_late";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("source")
          .addBooleanField("retracted")
          .addDateTimeField("timestamp")
          .addStringField("date")
          .addStringField("message_id")
          .addStringField("event_type")
          .addStringField("channel")
          .addInt32Field("user_id")
          .addDateTimeField("judged_at")
          .build();

  private LateMessagesTable() {}

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "source", "retracted");
  }

  public static PTransform<PCollection<Counted<Message>>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Counted<Message>> late) {
        return late.apply("ToLateRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<Counted<Message>, Row> {
    @ProcessElement
    public void process(@Element Counted<Message> c, OutputReceiver<Row> out) {
      Message m = c.value;
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  m.source,
                  c.retracted,
                  m.timestamp,
                  m.date(),
                  m.messageId,
                  m.eventType,
                  m.channel,
                  m.userId,
                  Instant.now())
              .build());
    }
  }
}
