package io.onceflow.pipelines.transactions;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code onceflow generate}: what synthetic transactions to make and where to put them. */
public interface GenerateOptions extends PipelineOptions {

  @Description(
      "Seed of the generator: the same seed and options give the same records, byte for byte.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Distinct valid transactions in the stream; duplicates, malformed and too-late records come"
          + " on top, as fractions of this.")
  @Default.Integer(5000)
  int getCount();

  void setCount(int value);

  @Description("Number of customers.")
  @Default.Integer(20)
  int getCustomers();

  void setCustomers(int value);

  @Description(
      "Start of event time, ISO-8601 UTC; default: midnight UTC two days ago. Past, because a"
          + " reader that has caught up moves the watermark to the clock; recent, because records"
          + " too late by more than a week are dropped rather than kept in late_events.")
  @Default.String("")
  String getStart();

  void setStart(String value);

  @Description(
      "Event time spanned by the transactions, in hours. Too-late records need more than 6.")
  @Default.Integer(8)
  int getSpanHours();

  void setSpanHours(int value);

  @Description(
      "Fraction of records sent again unchanged (duplicates), arriving up to --maxLatenessMinutes"
          + " after the original's event time.")
  @Default.Double(0.02)
  double getDuplicateFraction();

  void setDuplicateFraction(double value);

  @Description(
      "Fraction of transactions that arrive late but within the allowed lateness: up to"
          + " --maxLatenessMinutes after their event time.")
  @Default.Double(0.05)
  double getLateFraction();

  void setLateFraction(double value);

  @Description(
      "Greatest delay of a late (or duplicated) record, in minutes; keep it under the pipeline's"
          + " --allowedLatenessMinutes.")
  @Default.Integer(90)
  int getMaxLatenessMinutes();

  void setMaxLatenessMinutes(int value);

  @Description(
      "Fraction of extra transactions that arrive after their window has closed (too late): written"
          + " as the 'stragglers' part, to be delivered once the stream's windows are final.")
  @Default.Double(0.005)
  double getTooLateFraction();

  void setTooLateFraction(double value);

  @Description(
      "Fraction of extra records that are malformed (bad amount, bad time, missing fields, ...),"
          + " bound for the dead letters.")
  @Default.Double(0.01)
  double getMalformedFraction();

  void setMalformedFraction(double value);

  @Description(
      "Out-of-orderness of on-time records: each arrives up to this many seconds after its event"
          + " time.")
  @Default.Integer(30)
  int getOutOfOrdernessSeconds();

  void setOutOfOrdernessSeconds(int value);

  @Description("Record format: CSV (with a header line per file) or JSON (one object per line).")
  @Default.String("CSV")
  String getFormat();

  void setFormat(String value);

  @Description(
      "Where the records go: files (under --output) or kafka (--bootstrapServers, --topic).")
  @Default.String("files")
  String getTo();

  void setTo(String value);

  @Description(
      "What to write: all, stream (the records in arrival order) or stragglers (the too-late"
          + " records, to send after the stream's windows are final; the same seed and options give"
          + " the same ones).")
  @Default.String("all")
  String getPart();

  void setPart(String value);

  @Description(
      "Directory for the ground truth (ground-truth.csv, ground-truth.properties) and, with"
          + " --to=files, events/ and stragglers/.")
  @Default.String(".onceflow/generated")
  String getOutput();

  void setOutput(String value);

  @Description("With --to=files: how many files the stream is split into (in arrival order).")
  @Default.Integer(8)
  int getFiles();

  void setFiles(int value);

  @Description("With --to=kafka: bootstrap servers (host:port,...).")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("With --to=kafka: the topic.")
  String getTopic();

  void setTopic(String value);
}
