package io.onceflow.pipelines.messages;

import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * The two silver tables, {@code messages} and {@code messages_corrupted}, which share one schema: a
 * bronze row with {@code country} (the reference's name for {@code country_id}, null for an id it
 * does not have) and {@code date} (yyyy-MM-dd of {@code timestamp}, UTC), partitioned by {@code
 * date} as in the notebook. Keyed by the bronze row's {@code source}, so that every bronze row is
 * in exactly one of them, once.
 */
public final class SilverMessagesTable {

  public static final String MESSAGES = "messages";
  public static final String CORRUPTED = "messages_corrupted";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("source")
          .addDateTimeField("timestamp")
          .addStringField("value")
          .addField("event_type", FieldType.STRING.withNullable(true))
          .addStringField("message_id")
          .addStringField("channel")
          .addInt32Field("country_id")
          .addField("country", FieldType.STRING.withNullable(true))
          .addInt32Field("user_id")
          .addStringField("date")
          .build();

  private SilverMessagesTable() {}

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "source").partitionedBy("date");
  }

  /** The silver row of {@code m}, with its {@code country} (null when unknown). */
  public static Row row(Message m, String country) {
    return Row.withSchema(SCHEMA)
        .addValues(
            m.source,
            m.timestamp,
            m.value,
            m.eventType,
            m.messageId,
            m.channel,
            m.countryId,
            country,
            m.userId,
            m.date())
        .build();
  }
}
