package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.AvailableNow;
import io.onceflow.transforms.io.ReadRecords;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import java.util.HashSet;
import java.util.Set;
import org.joda.time.Duration;

/** Start-up validation of {@link ClickstreamPipelineOptions}: every message names the option. */
final class ClickstreamPipelineOptionsCheck {

  private ClickstreamPipelineOptionsCheck() {}

  static void check(ClickstreamPipelineOptions o) {
    ReadRecords.check(o);
    atLeast(o.getFiringSeconds(), 1, "--firingSeconds");
    ClickstreamTrigger.earlyFiringDelay(o.getTrigger(), o.getFiringSeconds());
    if (ClickstreamTrigger.AVAILABLE_NOW.equals(o.getTrigger())) {
      AvailableNow.check(o, "--trigger=available-now");
    }
    atLeast(o.getActivityWindowMinutes(), 1, "--activityWindowMinutes");
    atLeast(o.getActivityLatenessMinutes(), 0, "--activityLatenessMinutes");
    atLeast(o.getSessionGapMinutes(), 1, "--sessionGapMinutes");
    atLeast(o.getSessionLatenessMinutes(), 0, "--sessionLatenessMinutes");
    atLeast(o.getSlidingWindowMinutes(), 1, "--slidingWindowMinutes");
    atLeast(o.getSlidingPeriodMinutes(), 1, "--slidingPeriodMinutes");
    atLeast(o.getSlidingLatenessMinutes(), 0, "--slidingLatenessMinutes");
    if (o.getSlidingWindowMinutes() % o.getSlidingPeriodMinutes() != 0) {
      throw new IllegalArgumentException(
          "--slidingPeriodMinutes must divide --slidingWindowMinutes ("
              + o.getSlidingWindowMinutes()
              + "), was "
              + o.getSlidingPeriodMinutes());
    }
    long spans =
        Math.max(
            o.getActivityWindowMinutes() + (long) o.getActivityLatenessMinutes(),
            Math.max(
                o.getSlidingWindowMinutes() + (long) o.getSlidingLatenessMinutes(),
                o.getSessionGapMinutes() + (long) o.getSessionLatenessMinutes()));
    atLeast(o.getRereadMinutes(), spans, "--rereadMinutes");
    atLeast(o.getAlertPurchases(), 0, "--alertPurchases");
    atLeast(o.getAlertEvents(), 0, "--alertEvents");
    Set<String> tables = new HashSet<>(Set.of(DeadLettersTable.NAME));
    table(o.getUserActivityTable(), "--userActivityTable", tables);
    table(o.getSessionsTable(), "--sessionsTable", tables);
    table(o.getSlidingTable(), "--slidingTable", tables);
    table(o.getAlertsTable(), "--alertsTable", tables);
    table(o.getLateEventsTable(), "--lateEventsTable", tables);
    UpsertSinkOptions.commitInterval(o);
    atLeast(o.getProgressSeconds(), 0, "--progressSeconds");
    IcebergCatalogOptions.catalog(o);
  }

  static ProcessClickstream.Windowings windowings(ClickstreamPipelineOptions o) {
    String kind = o.getTrigger();
    int firing = o.getFiringSeconds();
    EventTimeWindowing activity =
        EventTimeWindowing.fixed(Duration.standardMinutes(o.getActivityWindowMinutes()))
            .withAllowedLateness(Duration.standardMinutes(o.getActivityLatenessMinutes()));
    EventTimeWindowing sessions =
        EventTimeWindowing.sessions(Duration.standardMinutes(o.getSessionGapMinutes()))
            .withAllowedLateness(Duration.standardMinutes(o.getSessionLatenessMinutes()));
    EventTimeWindowing sliding =
        EventTimeWindowing.sliding(
                Duration.standardMinutes(o.getSlidingWindowMinutes()),
                Duration.standardMinutes(o.getSlidingPeriodMinutes()))
            .withAllowedLateness(Duration.standardMinutes(o.getSlidingLatenessMinutes()));
    return new ProcessClickstream.Windowings(
        ClickstreamTrigger.apply(activity, kind, firing),
        ClickstreamTrigger.apply(sessions, kind, firing),
        ClickstreamTrigger.apply(sliding, kind, firing));
  }

  /** How far before its stop watermark the next available-now run reads again. */
  static Duration reread(ClickstreamPipelineOptions o) {
    return Duration.standardMinutes(o.getRereadMinutes());
  }

  static AlertRule alertRule(ClickstreamPipelineOptions o) {
    return new AlertRule(o.getAlertPurchases(), o.getAlertEvents());
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
