package io.onceflow.pipelines.ledger;

import io.onceflow.pipelines.RunOptions;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.SourceOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * The options of the ledger pipeline: the core's source, dedup and sink options, and its own table
 * names and pane interval (the notebook's parameters); {@link LedgerPipelineOptionsCheck} validates
 * them at start-up.
 */
public interface LedgerPipelineOptions
    extends SourceOptions, DedupOptions, UpsertSinkOptions, RunOptions, StreamingOptions {

  @Description("The deduplicated ledger, one row per transaction_id, in --namespace.")
  @Default.String(LedgerTable.NAME)
  String getLedgerTable();

  void setLedgerTable(String value);

  @Description("The summary per transaction_type and currency, in --namespace.")
  @Default.String(LedgerSummaryTable.NAME)
  String getSummaryTable();

  void setSummaryTable(String value);

  @Description("The transaction ids that arrived in conflicting versions, in --namespace.")
  @Default.String(LedgerConflictsTable.NAME)
  String getConflictsTable();

  void setConflictsTable(String value);

  @Description(
      "The summary and the conflicts emit a pane this many seconds (processing time) after the"
          + " first change since their last one (the notebook's trigger interval); the tables see"
          + " it at the next commit (--commitIntervalSeconds).")
  @Default.Integer(10)
  int getTriggerSeconds();

  void setTriggerSeconds(int value);
}
