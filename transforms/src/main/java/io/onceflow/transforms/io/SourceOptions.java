package io.onceflow.transforms.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where a pipeline's records come from, for {@link ReadRecords}: files once, files watched, or a
 * Kafka topic, and the watermark of a stream. Every pipeline's options extend it.
 */
public interface SourceOptions extends PipelineOptions {

  @Description(
      "Where records come from: 'files' (see --input) or 'kafka' (see --bootstrapServers,"
          + " --topic).")
  @Default.String("files")
  String getSource();

  void setSource(String value);

  @Description("Files to read when --source=files: a path or glob, e.g. data/*.csv.")
  String getInput();

  void setInput(String value);

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
          + " auto-committed). Default: onceflow-<pipeline>.")
  @Default.String("")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "Where to start reading Kafka: committed (the consumer group's offsets, else the"
          + " beginning), latest (the group's offsets, else the end), earliest (a replay from the"
          + " beginning that neither reads nor commits the group's offsets), or an ISO-8601"
          + " instant.")
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
      "Bounded out-of-orderness of event times in a stream (Kafka, or watched files): the"
          + " watermark trails the greatest event time read by this much, and once the source is"
          + " idle (--idleSeconds), the current time by this much.")
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

  @Description(
      "An event time more than this many seconds ahead of the clock moves no watermark (one"
          + " record dated years ahead would make every record after it too late): the record is"
          + " a dead letter (stage read) with the reason.")
  @Default.Integer(300)
  int getMaxFutureSeconds();

  void setMaxFutureSeconds(int value);
}
