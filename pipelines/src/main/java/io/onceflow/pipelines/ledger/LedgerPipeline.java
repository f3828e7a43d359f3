package io.onceflow.pipelines.ledger;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import io.onceflow.transforms.io.ReadRecords;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * The exactly-once financial ledger (SEEDS §2): JSON records from Kafka or files, validated (bad
 * ones to {@code dead_letters}), hashed, deduplicated by {@code transaction_id} (the winner to
 * {@code transactions_ledger}, versions that disagree to {@code ledger_conflicts}) and summarized
 * per {@code transaction_type, currency} into {@code ledger_summary}; every table through the
 * exactly-once upsert sink.
 */
public final class LedgerPipeline {

  public static final String NAME = "ledger";

  private LedgerPipeline() {}

  /** Parses and validates the options, after the runner profile ({@code --profile=...}). */
  public static LedgerPipelineOptions options(String[] args) {
    LedgerPipelineOptions options =
        CommandOptions.parse(RunnerProfile.apply(args), LedgerPipelineOptions.class);
    LedgerPipelineOptionsCheck.check(options);
    return options;
  }

  public static PipelineResult run(LedgerPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    build(p, options);
    return p.run();
  }

  static void build(Pipeline p, LedgerPipelineOptions o) {
    IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(o);
    Duration commitInterval = UpsertSinkOptions.commitInterval(o);
    String ns = o.getNamespace();

    PCollectionTuple ledger =
        p.apply(
                "Read",
                ReadRecords.from(
                    o,
                    NAME,
                    ReadRecords.eventTimeBy(LedgerJsonParser::parse, e -> e.eventTimestamp)))
            .apply(
                "Ledger",
                ProcessLedger.of(
                    NAME,
                    DedupOptions.retention(o),
                    o.getDedupShards(),
                    Duration.standardSeconds(o.getTriggerSeconds())));

    write(
        ledger.get(ProcessLedger.COUNTED).apply("LedgerRows", LedgerTable.rows()),
        "Ledger",
        catalog,
        // A differently sharded dedup restored from a checkpoint would count its hashes again.
        LedgerTable.in(ns, o.getLedgerTable()).recordsOption("dedupShards", o.getDedupShards()),
        commitInterval);
    write(
        ledger.get(ProcessLedger.SUMMARY).apply("SummaryRows", LedgerSummaryTable.rows()),
        "Summary",
        catalog,
        LedgerSummaryTable.in(ns, o.getSummaryTable()),
        commitInterval);
    write(
        ledger.get(ProcessLedger.CONFLICTS).apply("ConflictRows", LedgerConflictsTable.rows()),
        "Conflicts",
        catalog,
        LedgerConflictsTable.in(ns, o.getConflictsTable()),
        commitInterval);
    write(
        ledger.get(ProcessLedger.DEAD_LETTERS).apply("DeadLetterRows", DeadLettersTable.rows()),
        "DeadLetters",
        catalog,
        DeadLettersTable.in(ns),
        commitInterval);
  }

  private static void write(
      PCollection<Row> rows,
      String step,
      IcebergCatalogConfig catalog,
      UpsertTable table,
      Duration commitInterval) {
    rows.apply("Write" + step, WriteUpserts.to(catalog, table).withCommitInterval(commitInterval));
  }
}
