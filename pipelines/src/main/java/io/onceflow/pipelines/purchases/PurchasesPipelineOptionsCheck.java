package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.io.ReadRecords;
import io.onceflow.transforms.jdbc.JdbcConnection;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import org.joda.time.Duration;

/** Start-up validation of {@link PurchasesPipelineOptions}: every message names the option. */
final class PurchasesPipelineOptionsCheck {

  private PurchasesPipelineOptionsCheck() {}

  static void check(PurchasesPipelineOptions o) {
    ReadRecords.check(o);
    if (o.getDbSchema() == null || !o.getDbSchema().matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "--dbSchema must be a lower-case PostgreSQL name (letters, digits, '_'), was '"
              + o.getDbSchema()
              + "'");
    }
    atLeast(o.getWindowMinutes(), 1, "--windowMinutes");
    atLeast(o.getAllowedLatenessMinutes(), 0, "--allowedLatenessMinutes");
    atLeast(o.getEarlyFiringSeconds(), 1, "--earlyFiringSeconds");
    atLeast(o.getProgressSeconds(), 0, "--progressSeconds");
    EventTimeWindowing w = windowing(o);
    DedupOptions.check(o, w.size.plus(w.allowedLateness));
    JdbcConnection.from(o);
  }

  static EventTimeWindowing windowing(PurchasesPipelineOptions o) {
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
