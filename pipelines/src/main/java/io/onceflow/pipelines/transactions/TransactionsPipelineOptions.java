package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.RunOptions;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.SourceOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * The options of the transactions pipeline: the core's source, dedup and sink options, and its own
 * record format and windowing; {@link TransactionsPipelineOptionsCheck} validates them at start-up.
 */
public interface TransactionsPipelineOptions
    extends SourceOptions, DedupOptions, UpsertSinkOptions, RunOptions, StreamingOptions {

  @Description(
      "Record format: CSV (with the header"
          + " event_time,processing_time,txn_id,customer_id,amount,status) or JSON (one object per"
          + " line or Kafka record).")
  @Default.String("CSV")
  String getFormat();

  void setFormat(String value);

  @Description("Event-time window size, in minutes.")
  @Default.Integer(60)
  int getWindowMinutes();

  void setWindowMinutes(int value);

  @Description(
      "Allowed lateness after a window ends, in minutes; later transactions go to late_events.")
  @Default.Integer(120)
  int getAllowedLatenessMinutes();

  void setAllowedLatenessMinutes(int value);

  @Description(
      "Delay of the early (speculative) pane after a pane's first transaction, in seconds.")
  @Default.Integer(60)
  int getEarlyFiringSeconds();

  void setEarlyFiringSeconds(int value);
}
