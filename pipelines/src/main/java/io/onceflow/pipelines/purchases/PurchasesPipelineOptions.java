package io.onceflow.pipelines.purchases;

import io.onceflow.pipelines.RunOptions;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.io.SourceOptions;
import io.onceflow.transforms.jdbc.JdbcOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * The options of the purchases pipeline: the core's source, dedup and JDBC sink options, and its
 * own windowing and schema; {@link PurchasesPipelineOptionsCheck} validates them at start-up.
 */
public interface PurchasesPipelineOptions
    extends SourceOptions, DedupOptions, JdbcOptions, RunOptions, StreamingOptions {

  @Description(
      "PostgreSQL schema of the tables (retail_windows, retail_late_events, dead_letters) and the"
          + " retail view; created if missing.")
  @Default.String("onceflow")
  String getDbSchema();

  void setDbSchema(String value);

  @Description("Window size in minutes (the seed's 5).")
  @Default.Integer(5)
  int getWindowMinutes();

  void setWindowMinutes(int value);

  @Description(
      "How late (event time behind the watermark) a purchase may be and still count, in minutes"
          + " (the seed's 1 hour); later ones go to retail_late_events.")
  @Default.Integer(60)
  int getAllowedLatenessMinutes();

  void setAllowedLatenessMinutes(int value);

  @Description(
      "An early (speculative) pane this many seconds of processing time after a window's first"
          + " purchase since its last pane.")
  @Default.Integer(10)
  int getEarlyFiringSeconds();

  void setEarlyFiringSeconds(int value);
}
