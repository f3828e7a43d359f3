package io.onceflow.pipelines.messages;

import io.onceflow.pipelines.RunOptions;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.RateSourceOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * The options of the messages pipeline: the core's source (files, Kafka, or the built-in rate
 * source), dedup and sink options, and its own table names and report windowing; {@link
 * MessagesPipelineOptionsCheck} validates them at start-up.
 */
public interface MessagesPipelineOptions
    extends RateSourceOptions, DedupOptions, UpsertSinkOptions, RunOptions, StreamingOptions {

  @Description("Bronze: every record that parsed, one row per source position, in --namespace.")
  @Default.String(MessagesBronzeTable.NAME)
  String getBronzeTable();

  void setBronzeTable(String value);

  @Description("Silver: the events with a valid event_type, with their country, in --namespace.")
  @Default.String(SilverMessagesTable.MESSAGES)
  String getMessagesTable();

  void setMessagesTable(String value);

  @Description("Silver: the events whose event_type is null, empty or NONE, in --namespace.")
  @Default.String(SilverMessagesTable.CORRUPTED)
  String getCorruptedTable();

  void setCorruptedTable(String value);

  @Description("Gold: first occurrences per date and channel, by event type, in --namespace.")
  @Default.String(ChannelDailyReportTable.NAME)
  String getChannelReportTable();

  void setChannelReportTable(String value);

  @Description("Gold: first occurrences per user, by channel, in --namespace.")
  @Default.String(UserChannelsReportTable.NAME)
  String getUserReportTable();

  void setUserReportTable(String value);

  @Description("Messages too late for their day in the channel report, in --namespace.")
  @Default.String(LateMessagesTable.NAME)
  String getLateTable();

  void setLateTable(String value);

  @Description(
      "How long after a UTC day ends (in event time, as the watermark says) its channel report"
          + " row still takes late messages; a message later than that goes to --lateTable.")
  @Default.Integer(60)
  int getAllowedLatenessMinutes();

  void setAllowedLatenessMinutes(int value);

  @Description(
      "The channel report emits an early pane of an open day this many seconds (processing"
          + " time) after the first change since its last pane.")
  @Default.Integer(10)
  int getEarlyFiringSeconds();

  void setEarlyFiringSeconds(int value);

  @Description(
      "The user report (over all time) emits a pane this many seconds (processing time) after"
          + " the first change since its last one.")
  @Default.Integer(10)
  int getTriggerSeconds();

  void setTriggerSeconds(int value);
}
