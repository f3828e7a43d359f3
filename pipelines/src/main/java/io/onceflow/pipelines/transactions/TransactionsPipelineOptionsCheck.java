package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.ReadRecords;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import java.util.Locale;
import org.joda.time.Duration;

/** Start-up validation of {@link TransactionsPipelineOptions}: every message names the option. */
final class TransactionsPipelineOptionsCheck {

  private TransactionsPipelineOptionsCheck() {}

  static void check(TransactionsPipelineOptions o) {
    ReadRecords.check(o);
    format(o.getFormat());
    atLeast(o.getWindowMinutes(), 1, "--windowMinutes");
    atLeast(o.getAllowedLatenessMinutes(), 0, "--allowedLatenessMinutes");
    atLeast(o.getEarlyFiringSeconds(), 1, "--earlyFiringSeconds");
    UpsertSinkOptions.commitInterval(o);
    atLeast(o.getProgressSeconds(), 0, "--progressSeconds");
    DedupOptions.check(
        o, Duration.standardMinutes(o.getWindowMinutes() + o.getAllowedLatenessMinutes()));
    IcebergCatalogOptions.catalog(o);
  }

  static ParseTransactions.Format format(String format) {
    try {
      return ParseTransactions.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be CSV or JSON, was '" + format + "'", e);
    }
  }

  static EventTimeWindowing windowing(TransactionsPipelineOptions o) {
    return EventTimeWindowing.fixed(Duration.standardMinutes(o.getWindowMinutes()))
        .withAllowedLateness(Duration.standardMinutes(o.getAllowedLatenessMinutes()))
        .withEarlyFiringDelay(Duration.standardSeconds(o.getEarlyFiringSeconds()));
  }

  private static void atLeast(long value, long min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
    }
  }
}
