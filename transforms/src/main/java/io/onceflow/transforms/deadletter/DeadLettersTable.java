package io.onceflow.transforms.deadletter;

import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The {@code dead_letters} table: one row per record that could not be used (at whichever stage),
 * keyed by the pipeline and the record's source position ({@code topic/partition/offset}, {@code
 * file:line}), so a replay of the same input adds nothing. It has no version columns: the first row
 * stored for a position stays (a replay's {@code failed_at} is later, its content the same).
 */
public final class DeadLettersTable {

  public static final String NAME = "dead_letters";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("pipeline")
          .addStringField("stage")
          .addStringField("source")
          .addStringField("raw")
          .addStringField("error")
          .addDateTimeField("failed_at")
          .build();

  private DeadLettersTable() {}

  public static UpsertTable in(String namespace) {
    return UpsertTable.named(namespace, NAME, "pipeline", "source").partitionedBy("day(failed_at)");
  }

  public static PTransform<PCollection<DeadLetter>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<DeadLetter> letters) {
        return letters
            .apply(
                "ToDeadLetterRow",
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        (DeadLetter d) ->
                            Row.withSchema(SCHEMA)
                                .addValues(
                                    d.pipeline, d.stage, d.source, d.raw, d.error, d.failedAt)
                                .build()))
            .setRowSchema(SCHEMA);
      }
    };
  }
}
