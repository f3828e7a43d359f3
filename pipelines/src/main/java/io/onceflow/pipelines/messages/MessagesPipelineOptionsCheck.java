package io.onceflow.pipelines.messages;

import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.RateRecords;
import io.onceflow.transforms.io.ReadRecords;
import java.util.HashSet;
import java.util.Set;
import org.joda.time.Duration;

/** Start-up validation of {@link MessagesPipelineOptions}: every message names the option. */
final class MessagesPipelineOptionsCheck {

  private MessagesPipelineOptionsCheck() {}

  static void check(MessagesPipelineOptions o) {
    if (RateRecords.selected(o)) {
      RateRecords.check(o);
    } else {
      try {
        ReadRecords.check(o);
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith("--source ")) {
          throw new IllegalArgumentException(
              "--source must be 'files', 'kafka' or 'rate', was '" + o.getSource() + "'", e);
        }
        throw e;
      }
    }
    Set<String> tables = new HashSet<>(Set.of(DeadLettersTable.NAME));
    table(o.getBronzeTable(), "--bronzeTable", tables);
    table(o.getMessagesTable(), "--messagesTable", tables);
    table(o.getCorruptedTable(), "--corruptedTable", tables);
    table(o.getChannelReportTable(), "--channelReportTable", tables);
    table(o.getUserReportTable(), "--userReportTable", tables);
    table(o.getLateTable(), "--lateTable", tables);
    atLeast(o.getAllowedLatenessMinutes(), 0, "--allowedLatenessMinutes");
    atLeast(o.getEarlyFiringSeconds(), 1, "--earlyFiringSeconds");
    atLeast(o.getTriggerSeconds(), 1, "--triggerSeconds");
    UpsertSinkOptions.commitInterval(o);
    atLeast(o.getProgressSeconds(), 0, "--progressSeconds");
    DedupOptions.check(o, windowAndLateness(o));
    IcebergCatalogOptions.catalog(o);
  }

  /** A day of the channel report and its allowed lateness: what the dedup must remember. */
  static Duration windowAndLateness(MessagesPipelineOptions o) {
    return Duration.standardDays(1).plus(Duration.standardMinutes(o.getAllowedLatenessMinutes()));
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
