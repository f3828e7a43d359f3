package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.IcebergCatalogOptions;
import io.onceflow.transforms.transactions.AggregationWindowing;
import io.onceflow.transforms.transactions.ParseTransactions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.joda.time.Duration;

/** Start-up validation of {@link TransactionsPipelineOptions}: every message names the option. */
final class TransactionsPipelineOptionsCheck {

  private TransactionsPipelineOptionsCheck() {}

  static void check(TransactionsPipelineOptions o) {
    switch (o.getSource()) {
      case "files" -> {
        require(
            o.getInput(),
            "--input",
            "is required with --source=files (a path or glob of CSV or JSON-lines files)");
        atLeast(o.getWatchIntervalSeconds(), 0, "--watchIntervalSeconds");
      }
      case "kafka" -> {
        require(
            o.getBootstrapServers(),
            "--bootstrapServers",
            "is required with --source=kafka (host:port,...)");
        require(o.getTopic(), "--topic", "is required with --source=kafka");
        startFrom(o.getStartFrom());
        atLeast(o.getMaxRecords(), 0, "--maxRecords");
      }
      default ->
          throw new IllegalArgumentException(
              "--source must be 'files' or 'kafka', was '" + o.getSource() + "'");
    }
    atLeast(o.getMaxOutOfOrdernessSeconds(), 0, "--maxOutOfOrdernessSeconds");
    atLeast(o.getIdleSeconds(), 0, "--idleSeconds");
    format(o.getFormat());
    atLeast(o.getWindowMinutes(), 1, "--windowMinutes");
    atLeast(o.getAllowedLatenessMinutes(), 0, "--allowedLatenessMinutes");
    atLeast(o.getEarlyFiringSeconds(), 1, "--earlyFiringSeconds");
    atLeast(o.getCommitIntervalSeconds(), 1, "--commitIntervalSeconds");
    atLeast(o.getProgressSeconds(), 0, "--progressSeconds");
    atLeast(o.getDedupRetentionHours(), 1, "--dedupRetentionHours");
    atLeast(o.getDedupShards(), 1, "--dedupShards");
    if (Duration.standardHours(o.getDedupRetentionHours())
        .isShorterThan(
            Duration.standardMinutes(o.getWindowMinutes() + o.getAllowedLatenessMinutes()))) {
      throw new IllegalArgumentException(
          "--dedupRetentionHours ("
              + o.getDedupRetentionHours()
              + " h) must cover --windowMinutes + --allowedLatenessMinutes, or a late duplicate is"
              + " counted twice");
    }
    IcebergCatalogOptions.catalog(o);
  }

  static ParseTransactions.Format format(String format) {
    try {
      return ParseTransactions.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be CSV or JSON, was '" + format + "'", e);
    }
  }

  /** Null for earliest/latest/committed, else the instant to start from. */
  static Instant startFrom(String startFrom) {
    switch (startFrom) {
      case "earliest", "latest", "committed" -> {
        return null;
      }
      default -> {
        try {
          return Instant.parse(startFrom);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "--startFrom must be earliest, latest, committed or an ISO-8601 instant, was '"
                  + startFrom
                  + "'",
              e);
        }
      }
    }
  }

  static AggregationWindowing windowing(TransactionsPipelineOptions o) {
    return AggregationWindowing.DEFAULT
        .withWindowSize(Duration.standardMinutes(o.getWindowMinutes()))
        .withAllowedLateness(Duration.standardMinutes(o.getAllowedLatenessMinutes()))
        .withEarlyFiringDelay(Duration.standardSeconds(o.getEarlyFiringSeconds()));
  }

  private static void require(String value, String option, String why) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " " + why);
    }
  }

  private static void atLeast(long value, long min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
    }
  }
}
