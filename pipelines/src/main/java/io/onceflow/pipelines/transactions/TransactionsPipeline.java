package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.IcebergCatalogOptions;
import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import io.onceflow.transforms.io.ReadFileLines;
import io.onceflow.transforms.io.ReadKafkaRecords;
import io.onceflow.transforms.io.StreamWatermark;
import io.onceflow.transforms.transactions.CustomerHourlyTotalsTable;
import io.onceflow.transforms.transactions.DeduplicateTransactions;
import io.onceflow.transforms.transactions.HourlyCustomerTotals;
import io.onceflow.transforms.transactions.InvalidTransactionException;
import io.onceflow.transforms.transactions.ParseTransactions;
import io.onceflow.transforms.transactions.TransactionCsvParser;
import io.onceflow.transforms.transactions.TransactionJsonParser;
import io.onceflow.transforms.transactions.TransactionsTable;
import java.time.Instant;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
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

  public static void main(String[] args) {
    TransactionsPipelineOptions options = options(args);
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      // Return from run() at once, so that progress is reported while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    PipelineResult result = run(options);
    try (ProgressReporter progress =
        ProgressReporter.start(result, options.getProgressSeconds(), System.out)) {
      result.waitUntilFinish();
    }
    RunSummary.print(result, options, System.out);
  }

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
    Duration commitInterval = Duration.standardSeconds(o.getCommitIntervalSeconds());

    PCollectionTuple parsed =
        p.apply("Read", source(o, format)).apply("Parse", ParseTransactions.of(NAME, format));
    PCollectionTuple deduped =
        parsed
            .get(ParseTransactions.EVENTS)
            .apply(
                "Deduplicate",
                DeduplicateTransactions.withRetention(
                        Duration.standardHours(o.getDedupRetentionHours()))
                    .withShards(o.getDedupShards()));
    PCollectionTuple totals =
        deduped
            .get(DeduplicateTransactions.COUNTED)
            .apply(
                "HourlyTotals",
                HourlyCustomerTotals.of(TransactionsPipelineOptionsCheck.windowing(o)));

    write(
        totals
            .get(HourlyCustomerTotals.TOTALS)
            .apply("TotalsRows", CustomerHourlyTotalsTable.rows()),
        "Totals",
        catalog,
        CustomerHourlyTotalsTable.in(o.getNamespace()),
        commitInterval);
    write(
        deduped.get(DeduplicateTransactions.COUNTED).apply("LedgerRows", TransactionsTable.rows()),
        "Ledger",
        catalog,
        TransactionsTable.in(o.getNamespace()),
        commitInterval);
    write(
        totals.get(HourlyCustomerTotals.TOO_LATE).apply("LateRows", TransactionsTable.lateRows()),
        "LateEvents",
        catalog,
        TransactionsTable.lateEventsIn(o.getNamespace()),
        commitInterval);
    write(
        parsed.get(ParseTransactions.DEAD_LETTERS).apply("DeadLetterRows", DeadLettersTable.rows()),
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

  private static PTransform<PBegin, PCollection<KV<String, String>>> source(
      TransactionsPipelineOptions o, ParseTransactions.Format format) {
    SerializableFunction<String, org.joda.time.Instant> eventTime =
        format == ParseTransactions.Format.CSV
            ? TransactionsPipeline::csvEventTime
            : TransactionsPipeline::jsonEventTime;
    StreamWatermark watermark =
        StreamWatermark.boundedOutOfOrderness(
            Duration.standardSeconds(o.getMaxOutOfOrdernessSeconds()),
            Duration.standardSeconds(o.getIdleSeconds()));
    if (o.getSource().equals("files")) {
      return ReadFileLines.matching(o.getInput())
          .watchingEvery(
              Duration.standardSeconds(o.getWatchIntervalSeconds()), eventTime, watermark);
    }
    Instant from = TransactionsPipelineOptionsCheck.startFrom(o.getStartFrom());
    ReadKafkaRecords.Start start =
        from != null
            ? ReadKafkaRecords.Start.TIMESTAMP
            : ReadKafkaRecords.Start.valueOf(o.getStartFrom().toUpperCase(java.util.Locale.ROOT));
    return ReadKafkaRecords.of(
        o.getBootstrapServers(),
        o.getTopic(),
        o.getConsumerGroup(),
        start,
        from == null ? null : new org.joda.time.Instant(from.toEpochMilli()),
        o.getReadCommitted(),
        o.getMaxRecords(),
        watermark,
        eventTime);
  }

  // Only the watermark needs these; a record without a valid event time still reaches the parser,
  // which sends it to the dead letters with the reason.
  private static org.joda.time.Instant csvEventTime(String value) {
    try {
      return TransactionCsvParser.parse(value).eventTime;
    } catch (InvalidTransactionException invalidGoesToDeadLetters) {
      return null;
    }
  }

  private static org.joda.time.Instant jsonEventTime(String value) {
    try {
      return TransactionJsonParser.parse(value).eventTime;
    } catch (InvalidTransactionException invalidGoesToDeadLetters) {
      return null;
    }
  }
}
