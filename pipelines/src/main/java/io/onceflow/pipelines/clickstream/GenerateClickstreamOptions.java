package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code onceflow generate clickstream}: what synthetic click events to make, and where to. */
public interface GenerateClickstreamOptions extends PipelineOptions {

  @Description(
      "Seed of the generator: the same seed and options give the same records, byte for byte.")
  @Default.Long(19)
  long getSeed();

  void setSeed(long value);

  @Description("Distinct users (user_0001 ...) the sessions are spread over.")
  @Default.Integer(40)
  int getUsers();

  void setUsers(int value);

  @Description(
      "Ordinary sessions (3 to 40 events each, a few seconds to a minute apart); the purchase"
          + " sprees and bots come on top.")
  @Default.Integer(120)
  int getSessions();

  void setSessions(int value);

  @Description(
      "Sessions of 7 to 9 purchases within one 5-minute window: each breaks the alert rule"
          + " (purchase_count > 5).")
  @Default.Integer(4)
  int getPurchaseSprees();

  void setPurchaseSprees(int value);

  @Description(
      "Sessions of 110 to 130 events within one 5-minute window: each breaks the alert rule"
          + " (total_events > 100).")
  @Default.Integer(1)
  int getBots();

  void setBots(int value);

  @Description(
      "Earliest session start, ISO-8601 UTC; empty: the whole hour four hours before the current"
          + " one, so that a stream read now closes every window once it is quiet, and events sent"
          + " after that are too late, not forgotten.")
  @Default.String("")
  String getStart();

  void setStart(String value);

  @Description("Minutes of event time the sessions start in (they may run on a little longer).")
  @Default.Integer(60)
  int getSpanMinutes();

  void setSpanMinutes(int value);

  @Description(
      "Fraction of events delivered late, 1 to 5 minutes of event time after their turn: within"
          + " every output's lateness.")
  @Default.Double(0.05)
  double getLateFraction();

  void setLateFraction(double value);

  @Description(
      "Fraction of events followed by a malformed record (unknown event_type, missing or empty"
          + " user or session, bad or missing timestamp, a number for a string, not one JSON"
          + " object), bound for the dead letters.")
  @Default.Double(0.02)
  double getMalformedFraction();

  void setMalformedFraction(double value);

  @Description(
      "Events of sessions that have closed, delivered once every window is final: too late for"
          + " every output. Written to their own file (too-late.json); with --to=kafka the demo"
          + " sends them.")
  @Default.Integer(6)
  int getTooLate();

  void setTooLate(int value);

  @Description(
      "Where the records go: files (stream.json and too-late.json under --output) or kafka"
          + " (--bootstrapServers, --topic; the too-late events are not sent).")
  @Default.String("files")
  String getTo();

  void setTo(String value);

  @Description("Directory of the ground truth and, with --to=files, of the records.")
  @Default.String(".onceflow/generated-clickstream")
  String getOutput();

  void setOutput(String value);

  @Description("With --to=kafka: bootstrap servers (host:port,...).")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("With --to=kafka: the topic.")
  String getTopic();

  void setTopic(String value);
}
