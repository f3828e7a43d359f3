package io.onceflow.pipelines.messages;

import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@code messages_bronze}: every message record that parsed, as received, one row per source
 * position ({@code source}: {@code topic/partition/offset}, {@code file:line} or {@code
 * rate/seed/index}), partitioned by day of {@code timestamp}. Append-only in meaning: there are no
 * version columns, so the first row stored for a position stays and a restart or a replay that
 * reads the same positions again adds nothing.
 */
public final class MessagesBronzeTable {

  public static final String NAME = "messages_bronze";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("source")
          .addDateTimeField("timestamp")
          .addStringField("value")
          .addField("event_type", FieldType.STRING.withNullable(true))
          .addStringField("message_id")
          .addStringField("channel")
          .addInt32Field("country_id")
          .addInt32Field("user_id")
          .addDateTimeField("ingested_at")
          .build();

  private MessagesBronzeTable() {}

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "source").partitionedBy("day(timestamp)");
  }

  public static PTransform<PCollection<Message>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Message> messages) {
        return messages.apply("ToBronzeRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<Message, Row> {
    @ProcessElement
    public void process(@Element Message m, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  m.source,
                  m.timestamp,
                  m.value,
                  m.eventType,
                  m.messageId,
                  m.channel,
                  m.countryId,
                  m.userId,
                  Instant.now())
              .build());
    }
  }
}
