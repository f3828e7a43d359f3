package io.onceflow.pipelines.purchases;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code onceflow generate purchases}: what to generate and where to. */
public interface GeneratePurchasesOptions extends PipelineOptions {

  @Description("Random seed: the same seed and --start make the same records.")
  @Default.Long(20)
  long getSeed();

  void setSeed(long value);

  @Description("Distinct in-time purchases to generate.")
  @Default.Integer(2000)
  int getCount();

  void setCount(int value);

  @Description(
      "Event time of the first purchase, ISO-8601 (UTC); empty: the span ends two hours before"
          + " now, so that every window closes once the stream is read.")
  @Default.String("")
  String getStart();

  void setStart(String value);

  @Description("Minutes of event time the purchases span.")
  @Default.Integer(120)
  int getSpanMinutes();

  void setSpanMinutes(int value);

  @Description("Fraction of purchases delivered a second time (an exact copy, later).")
  @Default.Double(0.05)
  double getDuplicateFraction();

  void setDuplicateFraction(double value);

  @Description("Fraction of purchases delivered late (2 to 40 minutes of event time).")
  @Default.Double(0.05)
  double getLateFraction();

  void setLateFraction(double value);

  @Description("Fraction of purchases followed by a malformed record.")
  @Default.Double(0.02)
  double getMalformedFraction();

  void setMalformedFraction(double value);

  @Description("Purchases delivered after their window closed (too late), sent last.")
  @Default.Integer(5)
  int getStragglers();

  void setStragglers(int value);

  @Description("Where to: 'files' (JSON lines under --output) or 'kafka' (--topic).")
  @Default.String("files")
  String getTo();

  void setTo(String value);

  @Description("Directory of the generated files and the ground truth.")
  @Default.String("generated/purchases")
  String getOutput();

  void setOutput(String value);

  @Description("Kafka bootstrap servers when --to=kafka.")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("Kafka topic when --to=kafka.")
  String getTopic();

  void setTopic(String value);
}
