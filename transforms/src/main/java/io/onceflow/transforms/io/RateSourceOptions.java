package io.onceflow.transforms.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * A built-in, seeded source of synthetic records ({@code --source=rate}, read by {@link
 * RateRecords}): like Spark's rate source, N records per second, each made by the pipeline from the
 * seed and its index, so that record {@code i} of a seed and start is the same record on every run
 * and a replay of it is recognised by its source position.
 */
public interface RateSourceOptions extends SourceOptions {

  @Description("With --source=rate: how many records per second the built-in source makes.")
  @Default.Integer(1)
  int getRatePerSecond();

  void setRatePerSecond(int value);

  @Description(
      "With --source=rate: the seed of the records' random fields; the same seed and --rateStart"
          + " make the same records at the same positions.")
  @Default.Long(42)
  long getRateSeed();

  void setRateSeed(long value);

  @Description(
      "With --source=rate: the event time of record 0 (ISO-8601); record i is at this plus"
          + " i / --ratePerSecond seconds. Empty: when the job starts, to the second (then a"
          + " restart makes new records; give the first run's start to make the same ones).")
  @Default.String("")
  String getRateStart();

  void setRateStart(String value);

  @Description(
      "With --source=rate: stop after this many records (a bounded input); 0 makes records"
          + " forever.")
  @Default.Long(0)
  long getRateMaxRecords();

  void setRateMaxRecords(long value);
}
