package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.RunOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.SourceOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * The options of the clickstream pipeline: the core's source and sink options, and its own: the
 * notebook's windows, lateness per output, alert thresholds, trigger and table names; {@link
 * ClickstreamPipelineOptionsCheck} validates them at start-up.
 */
public interface ClickstreamPipelineOptions
    extends SourceOptions, UpsertSinkOptions, RunOptions, StreamingOptions {

  @Description(
      "When speculative panes fire: 'processing-time' (a pane --firingSeconds after the first"
          + " event since the last one, the notebook's processingTime trigger) or 'continuous'"
          + " (a pane as soon as the runner's processing-time clock passes a new event, the"
          + " lowest latency Beam's triggers give; the notebook's continuous mode) or"
          + " 'available-now' (read what the Kafka topic holds now, from where the last"
          + " available-now run of --consumerGroup said to resume, write it, stop; panes as with"
          + " 'continuous'; DirectRunner only). On-time, late and final panes fire by the"
          + " watermark in every kind.")
  @Default.String(ClickstreamTrigger.PROCESSING_TIME)
  String getTrigger();

  void setTrigger(String value);

  @Description(
      "With --trigger=available-now: how far before the watermark it stopped at the next run"
          + " reads again, in minutes, to recompute the windows still open whole. At least the"
          + " longest window plus its lateness (a session: the gap plus the lateness); a session"
          + " longer than this minus its gap and lateness would be recomputed from part of its"
          + " events.")
  @Default.Integer(120)
  int getRereadMinutes();

  void setRereadMinutes(int value);

  @Description("With --trigger=processing-time: seconds from a pane's first event to its firing.")
  @Default.Integer(120)
  int getFiringSeconds();

  void setFiringSeconds(int value);

  @Description("user_activity: the fixed window size, in minutes.")
  @Default.Integer(5)
  int getActivityWindowMinutes();

  void setActivityWindowMinutes(int value);

  @Description(
      "user_activity (and alerts): allowed lateness after a window ends, in minutes; later"
          + " events go to clickstream_late_events.")
  @Default.Integer(10)
  int getActivityLatenessMinutes();

  void setActivityLatenessMinutes(int value);

  @Description("sessions: a session ends after this many minutes without an event.")
  @Default.Integer(30)
  int getSessionGapMinutes();

  void setSessionGapMinutes(int value);

  @Description(
      "sessions: allowed lateness after a session ends (its last event plus the gap), in"
          + " minutes.")
  @Default.Integer(30)
  int getSessionLatenessMinutes();

  void setSessionLatenessMinutes(int value);

  @Description("user_activity_sliding: the window size, in minutes.")
  @Default.Integer(5)
  int getSlidingWindowMinutes();

  void setSlidingWindowMinutes(int value);

  @Description(
      "user_activity_sliding: a window starts every this many minutes (must divide the size).")
  @Default.Integer(1)
  int getSlidingPeriodMinutes();

  void setSlidingPeriodMinutes(int value);

  @Description("user_activity_sliding: allowed lateness after a window ends, in minutes.")
  @Default.Integer(15)
  int getSlidingLatenessMinutes();

  void setSlidingLatenessMinutes(int value);

  @Description("alerts: a user-activity window with more purchases than this alerts.")
  @Default.Long(5)
  long getAlertPurchases();

  void setAlertPurchases(long value);

  @Description("alerts: a user-activity window with more events than this alerts.")
  @Default.Long(100)
  long getAlertEvents();

  void setAlertEvents(long value);

  @Description("The user activity table, in --namespace.")
  @Default.String(UserActivityTable.NAME)
  String getUserActivityTable();

  void setUserActivityTable(String value);

  @Description("The sessions table, in --namespace.")
  @Default.String(SessionsTable.NAME)
  String getSessionsTable();

  void setSessionsTable(String value);

  @Description("The sliding-window table, in --namespace.")
  @Default.String(SlidingActivityTable.NAME)
  String getSlidingTable();

  void setSlidingTable(String value);

  @Description("The alerts table, in --namespace.")
  @Default.String(AlertsTable.NAME)
  String getAlertsTable();

  void setAlertsTable(String value);

  @Description("Each user's running behaviour (the custom state), in --namespace.")
  @Default.String(UserStateTable.NAME)
  String getUserStateTable();

  void setUserStateTable(String value);

  @Description("The too-late events of every output, in --namespace.")
  @Default.String(LateClickEventsTable.NAME)
  String getLateEventsTable();

  void setLateEventsTable(String value);
}
