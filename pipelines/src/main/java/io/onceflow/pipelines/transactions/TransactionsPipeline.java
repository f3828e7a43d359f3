package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.deadletter.UnstorableToDeadLetters;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import io.onceflow.transforms.io.ReadRecords;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * The flagship: transactions from files or Kafka, parsed (bad records to {@code dead_letters}),
 * deduplicated by {@code txn_id} (the winner to the {@code transactions} ledger), summed per
 * customer and event-time window as accumulating panes into {@code customer_hourly_totals}, and the
 * transactions that came after their window closed into {@code late_events}; every table through
 * the exactly-once upsert sink.
 */
public final class TransactionsPipeline {

  public static final String NAME = "transactions";

  private TransactionsPipeline() {}

  /** Parses and validates the options, after the runner profile ({@code --profile=...}). */
  public static TransactionsPipelineOptions options(String[] args) {
    PipelineOptionsFactory.register(TransactionsPipelineOptions.class);
    TransactionsPipelineOptions options =
        PipelineOptionsFactory.fromArgs(RunnerProfile.apply(args))
            .withValidation()
            .as(TransactionsPipelineOptions.class);
    TransactionsPipelineOptionsCheck.check(options);
    return options;
  }

  public static PipelineResult run(TransactionsPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    build(p, options);
    return p.run();
  }

  static void build(Pipeline p, TransactionsPipelineOptions o) {
    ParseTransactions.Format format = TransactionsPipelineOptionsCheck.format(o.getFormat());
    IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(o);
    Duration commitInterval = UpsertSinkOptions.commitInterval(o);

    PCollectionTuple parsed =
        p.apply(
                "Read",
                ReadRecords.from(
                    o, NAME, ReadRecords.eventTimeBy(format.parser(), e -> e.eventTime)))
            .apply("Parse", ParseTransactions.of(NAME, format));
    PCollectionTuple deduped =
        parsed
            .get(ParseTransactions.EVENTS)
            .apply(
                "Deduplicate",
                DeduplicateTransactions.withRetention(DedupOptions.retention(o))
                    .withShards(o.getDedupShards()));
    PCollectionTuple totals =
        deduped
            .get(DeduplicateTransactions.COUNTED)
            .apply(
                "HourlyTotals",
                HourlyCustomerTotals.of(TransactionsPipelineOptionsCheck.windowing(o)));

    UnstorableToDeadLetters<CustomerHourlyTotal> fit = CustomerHourlyTotalsTable.fitting(NAME);
    PCollectionTuple storable = totals.get(HourlyCustomerTotals.TOTALS).apply("TotalsThatFit", fit);
    write(
        storable.get(fit.stored()).apply("TotalsRows", CustomerHourlyTotalsTable.rows()),
        "Totals",
        catalog,
        // A window's row means its window size: another size over the same table is refused.
        CustomerHourlyTotalsTable.in(o.getNamespace())
            .recordsOption("windowMinutes", o.getWindowMinutes()),
        commitInterval);
    write(
        deduped.get(DeduplicateTransactions.COUNTED).apply("LedgerRows", TransactionsTable.rows()),
        "Ledger",
        catalog,
        // A differently sharded dedup restored from a checkpoint would count its ids again.
        TransactionsTable.in(o.getNamespace()).recordsOption("dedupShards", o.getDedupShards()),
        commitInterval);
    write(
        totals.get(HourlyCustomerTotals.TOO_LATE).apply("LateRows", TransactionsTable.lateRows()),
        "LateEvents",
        catalog,
        TransactionsTable.lateEventsIn(o.getNamespace()),
        commitInterval);
    write(
        PCollectionList.of(parsed.get(ParseTransactions.DEAD_LETTERS))
            .and(storable.get(fit.deadLetters()))
            .apply("AllDeadLetters", Flatten.pCollections())
            .apply("DeadLetterRows", DeadLettersTable.rows()),
        "DeadLetters",
        catalog,
        DeadLettersTable.in(o.getNamespace()),
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
