package io.onceflow.transforms.iceberg;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.joda.time.Duration;

/** The catalog a pipeline's upsert sink writes to, and how often it commits. */
public interface UpsertSinkOptions extends IcebergCatalogOptions {

  @Description("How often each table commits, in seconds.")
  @Default.Integer(60)
  int getCommitIntervalSeconds();

  void setCommitIntervalSeconds(int value);

  /** The commit interval; fails naming the option when it is not positive. */
  static Duration commitInterval(UpsertSinkOptions o) {
    if (o.getCommitIntervalSeconds() < 1) {
      throw new IllegalArgumentException(
          "--commitIntervalSeconds must be at least 1, was " + o.getCommitIntervalSeconds());
    }
    return Duration.standardSeconds(o.getCommitIntervalSeconds());
  }
}
