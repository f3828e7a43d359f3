package io.onceflow.transforms.iceberg;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.joda.time.DateTime;

/**
 * An upsert table in a Hadoop catalog on disk and a committer that stores rows in it, for the tests
 * of the committer's parts: they set up stored rows the way the sink does, then look at one part.
 */
final class LocalUpsertTable {

  /** A key whose new version can land in another partition than its stored row. */
  static final Schema LEDGER =
      Schema.builder()
          .addStringField("txn_id")
          .addDateTimeField("event_time")
          .addDateTimeField("processing_time")
          .addDecimalField("amount")
          .build();

  static final UpsertTable LEDGER_TABLE =
      UpsertTable.named("onceflow", "ledger", "txn_id")
          .versionedBy("processing_time")
          .partitionedBy("day(event_time)");

  final IcebergCatalogConfig config;
  final UpsertTable spec;
  final Table table;
  final UpsertCommitter committer;

  LocalUpsertTable(Path warehouse, UpsertTable spec, Schema schema) {
    this.config = IcebergCatalogConfig.hadoop(warehouse);
    this.spec = spec;
    this.table = UpsertTables.createOrValidate(config.build(), spec, schema);
    this.committer = new UpsertCommitter(table, spec, 1, 1);
  }

  /** The {@link UpsertCommitterTest#TOTALS} table of {@link UpsertCommitterTest#PANES}. */
  static LocalUpsertTable totals(Path warehouse) {
    return new LocalUpsertTable(warehouse, UpsertCommitterTest.TOTALS, UpsertCommitterTest.PANES);
  }

  static LocalUpsertTable ledger(Path warehouse) {
    return new LocalUpsertTable(warehouse, LEDGER_TABLE, LEDGER);
  }

  static Row ledgerRow(String txn, String eventTime, String processingTime, String amount) {
    return Row.withSchema(LEDGER)
        .addValues(
            txn, DateTime.parse(eventTime), DateTime.parse(processingTime), new BigDecimal(amount))
        .build();
  }

  List<Record> records(Row... rows) {
    return UpsertCommitterTest.records(committer, rows);
  }

  Record record(Row row) {
    return records(row).get(0);
  }

  CommitOutcome commit(Row... rows) {
    return committer.commit(records(rows));
  }

  VersionOrder order() {
    return new VersionOrder(spec);
  }

  RowPartitions partitions() {
    return new RowPartitions(table);
  }

  VersionGuard guard() {
    return new VersionGuard(table, spec, order(), partitions());
  }

  UpsertFiles files() {
    return new UpsertFiles(table, spec, partitions());
  }

  /** The key of {@code row}, as the committer's parts key rows. */
  List<Object> key(Row row) {
    return RowValues.values(record(row), spec.keyColumns);
  }

  /** The stored rows of the keys of {@code rows} now: none before the first commit. */
  VersionGuard.StoredRows stored(List<Record> rows) {
    return guard().read(refreshed().currentSnapshot(), order().newestPerKey(rows).keySet());
  }

  /** The table as it is now, after commits through other table instances or the committer. */
  Table refreshed() {
    table.refresh();
    return table;
  }
}
