package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.IcebergCatalogOptions;
import io.onceflow.transforms.transactions.DeduplicateTransactions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Every option of the transactions pipeline; {@link TransactionsPipelineOptionsCheck} validates
 * them at start-up.
 */
public interface TransactionsPipelineOptions extends IcebergCatalogOptions, StreamingOptions {

  @Description(
      "Where transactions come from: 'files' (CSV or JSON lines, see --input) or 'kafka' (see"
          + " --bootstrapServers, --topic).")
  @Default.String("files")
  String getSource();

  void setSource(String value);

  @Description("Files to read when --source=files: a path or glob, e.g. data/*.csv.")
  String getInput();

  void setInput(String value);

  @Description(
      "Record format: CSV (with the header"
          + " event_time,processing_time,txn_id,customer_id,amount,status) or JSON (one object per"
          + " line or Kafka record).")
  @Default.String("CSV")
  String getFormat();

  void setFormat(String value);

  @Description(
      "With --source=files: 0 reads the matching files once (bounded); N > 0 reads them as a"
          + " stream, in name order, looking for new files every N seconds (a file must appear"
          + " whole, e.g. renamed into place); the watermark then works as with Kafka.")
  @Default.Integer(0)
  int getWatchIntervalSeconds();

  void setWatchIntervalSeconds(int value);

  @Description("Kafka bootstrap servers (host:port,...) when --source=kafka.")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("Kafka topic to read when --source=kafka.")
  String getTopic();

  void setTopic(String value);

  @Description(
      "Kafka consumer group; offsets are committed to it when bundles are finalized (never"
          + " auto-committed).")
  @Default.String("onceflow-transactions")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "Where to start reading Kafka: committed (the consumer group's offsets, else the beginning),"
          + " latest (the group's offsets, else the end), earliest (a replay from the beginning"
          + " that neither reads nor commits the group's offsets), or an ISO-8601 instant.")
  @Default.String("committed")
  String getStartFrom();

  void setStartFrom(String value);

  @Description("Read only committed records of transactional Kafka producers.")
  @Default.Boolean(true)
  boolean getReadCommitted();

  void setReadCommitted(boolean value);

  @Description(
      "With --maxRecords > 0 the Kafka read stops after that many records (bounded); 0 reads"
          + " forever.")
  @Default.Long(0)
  long getMaxRecords();

  void setMaxRecords(long value);

  @Description(
      "Bounded out-of-orderness of event times in a stream (Kafka, or watched files): the watermark"
          + " trails the greatest event time read by this much, and once the source is idle"
          + " (--idleSeconds), the current time by this much.")
  @Default.Integer(60)
  int getMaxOutOfOrdernessSeconds();

  void setMaxOutOfOrdernessSeconds(int value);

  @Description(
      "A stream source that has read everything there is counts as idle once it has read nothing"
          + " for this many seconds; its watermark then follows the current time minus"
          + " --maxOutOfOrdernessSeconds, so the last windows of a quiet stream close.")
  @Default.Integer(10)
  int getIdleSeconds();

  void setIdleSeconds(int value);

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

  @Description(
      "How long a txn_id is remembered for dedup, in hours, at least (at most twice that); must"
          + " exceed window + lateness + the longest replay.")
  @Default.Integer(24)
  int getDedupRetentionHours();

  void setDedupRetentionHours(int value);

  @Description(
      "How many keys the dedup state is spread over (a shard of the txn_id each); default 4096, 256"
          + " on the DirectRunner, which pays per key with a timer. Changing it on a restart starts"
          + " dedup from fresh state.")
  @Default.InstanceFactory(DedupShardsDefault.class)
  int getDedupShards();

  void setDedupShards(int value);

  /**
   * Fewer, larger shards on the DirectRunner: it scans every key that has a timer whenever it looks
   * for fired timers (docs/PROFILING.md).
   */
  final class DedupShardsDefault implements DefaultValueFactory<Integer> {
    @Override
    public Integer create(PipelineOptions options) {
      return options.getRunner().getSimpleName().equals("DirectRunner")
          ? 256
          : DeduplicateTransactions.DEFAULT_SHARDS;
    }
  }

  @Description("How often each table commits, in seconds.")
  @Default.Integer(60)
  int getCommitIntervalSeconds();

  void setCommitIntervalSeconds(int value);

  @Description(
      "Print a progress line (records read, rate, panes, commits, watermark, dead letters, too"
          + " late) every N seconds; 0 for none.")
  @Default.Integer(10)
  int getProgressSeconds();

  void setProgressSeconds(int value);
}
