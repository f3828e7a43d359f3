package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.ReadRecords;
import java.util.HashSet;
import java.util.Set;
import org.joda.time.Duration;

/** Start-up validation of {@link LedgerPipelineOptions}: every message names the option. */
final class LedgerPipelineOptionsCheck {

  private LedgerPipelineOptionsCheck() {}

  static void check(LedgerPipelineOptions o) {
    ReadRecords.check(o);
    Set<String> tables = new HashSet<>(Set.of(DeadLettersTable.NAME));
    table(o.getLedgerTable(), "--ledgerTable", tables);
    table(o.getSummaryTable(), "--summaryTable", tables);
    table(o.getConflictsTable(), "--conflictsTable", tables);
    atLeast(o.getTriggerSeconds(), 1, "--triggerSeconds");
    UpsertSinkOptions.commitInterval(o);
    atLeast(o.getProgressSeconds(), 0, "--progressSeconds");
    // No event-time window to cover: the summary and the conflicts are over all time and hold
    // their own state; the retention bounds only how late a copy is still called a duplicate.
    DedupOptions.check(o, Duration.ZERO);
    IcebergCatalogOptions.catalog(o);
  }

  private static void table(String name, String option, Set<String> taken) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          option + " must be a table name (letters, digits, '_'), was '" + name + "'");
    }
    if (!taken.add(name)) {
      throw new IllegalArgumentException(
          option + " names " + name + ", which another of the pipeline's tables has");
    }
  }

  private static void atLeast(long value, long min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
    }
  }
}
