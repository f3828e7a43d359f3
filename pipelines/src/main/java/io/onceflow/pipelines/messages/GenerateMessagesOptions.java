package io.onceflow.pipelines.messages;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code onceflow generate messages}: what synthetic message records to make, and where. */
public interface GenerateMessagesOptions extends PipelineOptions {

  @Description(
      "Seed of the generator (and of the 50 message ids): the same seed and options give the"
          + " same records, byte for byte; the producer's records are those of the rate source"
          + " with the same seed.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Records of the notebook's producer (spread evenly over --spanHours); duplicates, earlier"
          + " twins, too-late and malformed records come on top, as fractions of this.")
  @Default.Integer(2000)
  int getCount();

  void setCount(int value);

  @Description("Event time of the first record, ISO-8601 UTC.")
  @Default.String(MessagesGenerator.DEFAULT_START)
  String getStart();

  void setStart(String value);

  @Description(
      "Event time the producer's records are spread over, in hours after --start (at least 48,"
          + " so that a too-late record's day has closed when it arrives).")
  @Default.Integer(72)
  int getSpanHours();

  void setSpanHours(int value);

  @Description(
      "Fraction of records delivered late, up to 30 minutes after newer ones (within the"
          + " lateness, so late panes count them).")
  @Default.Double(0.05)
  double getLateFraction();

  void setLateFraction(double value);

  @Description("Fraction of records sent again unchanged a little later (exact duplicates).")
  @Default.Double(0.05)
  double getDuplicateFraction();

  void setDuplicateFraction(double value);

  @Description(
      "Fraction of records that get an earlier twin (the same message_id, event_type and"
          + " channel, 1 to 20 minutes earlier) delivered after them: the first occurrence"
          + " arriving last, which must retract the one counted before it.")
  @Default.Double(0.03)
  double getEarlierTwinFraction();

  void setEarlierTwinFraction(double value);

  @Description(
      "Fraction of extra records delivered after everything else with an event time at least"
          + " a day and a half older (too late for their day), each a key no other record has.")
  @Default.Double(0.01)
  double getTooLateFraction();

  void setTooLateFraction(double value);

  @Description("Fraction of records whose country_id the reference does not have (2099).")
  @Default.Double(0.02)
  double getUnknownCountryFraction();

  void setUnknownCountryFraction(double value);

  @Description(
      "Fraction of extra records that are malformed (not JSON, a missing field, a bad"
          + " timestamp, an unknown channel or event type, a string for a number).")
  @Default.Double(0.02)
  double getMalformedFraction();

  void setMalformedFraction(double value);

  @Description(
      "Where the records go: files (JSON lines under --output/records) or kafka"
          + " (--bootstrapServers, --topic).")
  @Default.String("files")
  String getTo();

  void setTo(String value);

  @Description("Directory of the ground truth and, with --to=files, of records/.")
  @Default.String(".onceflow/generated-messages")
  String getOutput();

  void setOutput(String value);

  @Description("With --to=files: how many files the records are split into (in arrival order).")
  @Default.Integer(4)
  int getFiles();

  void setFiles(int value);

  @Description("With --to=kafka: bootstrap servers (host:port,...).")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("With --to=kafka: the topic.")
  String getTopic();

  void setTopic(String value);
}
