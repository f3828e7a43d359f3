package io.onceflow.pipelines.purchases;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.io.ReadRecords;
import io.onceflow.transforms.jdbc.JdbcConnection;
import io.onceflow.transforms.jdbc.WriteJdbcUpserts;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * Purchases per category and payment method (SEEDS §5): JSON purchase events from Kafka or files,
 * validated (bad ones to {@code dead_letters}), deduplicated by {@code transaction_id}, summed per
 * 5-minute window of each {@code (category, payment_method)} as accumulating panes with an hour of
 * allowed lateness into the PostgreSQL table {@code retail_windows}, read as the view {@code
 * retail} with its {@code running_total}; purchases after their window closed into {@code
 * retail_late_events}. Every table through the exactly-once JDBC upsert sink.
 */
public final class PurchasesPipeline {

  public static final String NAME = "purchases";

  private PurchasesPipeline() {}

  /** Parses and validates the options, after the runner profile ({@code --profile=...}). */
  public static PurchasesPipelineOptions options(String[] args) {
    PurchasesPipelineOptions options =
        CommandOptions.parse(RunnerProfile.apply(args), PurchasesPipelineOptions.class);
    PurchasesPipelineOptionsCheck.check(options);
    return options;
  }

  public static PipelineResult run(PurchasesPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    build(p, options);
    return p.run();
  }

  static void build(Pipeline p, PurchasesPipelineOptions o) {
    String schema = o.getDbSchema();
    PCollectionTuple purchases =
        p.apply(
                "Read",
                ReadRecords.from(
                    o, NAME, ReadRecords.eventTimeBy(PurchaseJsonParser::parse, e -> e.ts)))
            .apply(
                "Purchases",
                ProcessPurchases.of(
                    NAME,
                    PurchasesPipelineOptionsCheck.windowing(o),
                    DedupOptions.retention(o),
                    o.getDedupShards()));

    write(
        purchases.get(ProcessPurchases.TOTALS).apply("WindowRows", RetailTables.windowRows()),
        "Windows",
        o,
        RetailTables.windowsIn(schema));
    // After the window table exists (WriteJdbcUpserts creates it while the pipeline is built).
    RetailTables.createView(JdbcConnection.from(o), schema);
    write(
        purchases.get(ProcessPurchases.TOO_LATE).apply("LateRows", RetailTables.lateRows()),
        "LateEvents",
        o,
        RetailTables.lateEventsIn(schema));
    write(
        purchases
            .get(ProcessPurchases.DEAD_LETTERS)
            .apply("DeadLetterRows", DeadLettersTable.rows()),
        "DeadLetters",
        o,
        DeadLettersTable.in(schema));
  }

  private static void write(
      PCollection<Row> rows, String step, PurchasesPipelineOptions o, UpsertTable table) {
    rows.apply("Write" + step, WriteJdbcUpserts.to(o, table));
  }
}
