package io.onceflow.pipelines.ledger;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code onceflow generate ledger}: what synthetic ledger records to make, and where to put them.
 */
public interface GenerateLedgerOptions extends PipelineOptions {

  @Description(
      "Seed of the generator: the same seed and options give the same records, byte for byte.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Distinct transactions (TXN00000001 ...), the notebook's 200; duplicates, conflicting"
          + " versions and malformed records come on top, as fractions of this.")
  @Default.Integer(200)
  int getCount();

  void setCount(int value);

  @Description("First event timestamp, ISO-8601 UTC.")
  @Default.String(LedgerGenerator.DEFAULT_START)
  String getStart();

  void setStart(String value);

  @Description("Event time the transactions are spread over, in minutes after --start.")
  @Default.Integer(60)
  int getSpanMinutes();

  void setSpanMinutes(int value);

  @Description("Fraction of records sent again unchanged (duplicates: the same hash).")
  @Default.Double(0.05)
  double getDuplicateFraction();

  void setDuplicateFraction(double value);

  @Description(
      "Fraction of transactions sent again in another version (a different amount, account or"
          + " amount text, an earlier or later timestamp): conflicts, arriving before or after"
          + " the original.")
  @Default.Double(0.05)
  double getConflictFraction();

  void setConflictFraction(double value);

  @Description(
      "Fraction of extra records that are malformed (missing field, bad amount, unknown currency"
          + " or type, bad timestamp, not one JSON object), bound for the dead letters.")
  @Default.Double(0.05)
  double getMalformedFraction();

  void setMalformedFraction(double value);

  @Description(
      "Where the records go: files (JSON lines under --output/records) or kafka"
          + " (--bootstrapServers, --topic).")
  @Default.String("files")
  String getTo();

  void setTo(String value);

  @Description("Directory of the ground truth and, with --to=files, of records/.")
  @Default.String(".onceflow/generated-ledger")
  String getOutput();

  void setOutput(String value);

  @Description("With --to=files: how many files the records are split into (in arrival order).")
  @Default.Integer(4)
  int getFiles();

  void setFiles(int value);

  @Description("With --to=kafka: bootstrap servers (host:port,...).")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description("With --to=kafka: the topic (the notebook's is financial_transactions).")
  String getTopic();

  void setTopic(String value);
}
