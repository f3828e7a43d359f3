package io.onceflow.transforms.dedup;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Duration;

/** How long {@link Deduplicate} remembers a key, and how many keys its state is spread over. */
public interface DedupOptions extends PipelineOptions {

  @Description(
      "How long a key is remembered for dedup, in hours, at least (at most twice that); must"
          + " exceed window + lateness + the longest replay.")
  @Default.Integer(24)
  int getDedupRetentionHours();

  void setDedupRetentionHours(int value);

  @Description(
      "How many keys the dedup state is spread over; default 4096, 256 on the DirectRunner,"
          + " which pays per key with a timer. Changing it on a restart starts dedup from fresh"
          + " state.")
  @Default.InstanceFactory(DedupShardsDefault.class)
  int getDedupShards();

  void setDedupShards(int value);

  /**
   * Fewer, larger shards on the DirectRunner: it scans every key that has a timer whenever it looks
   * for fired timers (docs/PROFILING.md).
   */
  final class DedupShardsDefault implements DefaultValueFactory<Integer> {
    @Override
    public Integer create(PipelineOptions options) {
      return options.getRunner().getSimpleName().equals("DirectRunner")
          ? 256
          : Deduplicate.DEFAULT_SHARDS;
    }
  }

  /**
   * Fails, naming the option, unless the options are in range and the retention covers {@code
   * windowAndLateness} (a late duplicate arriving after its key expired would count twice).
   */
  static void check(DedupOptions o, Duration windowAndLateness) {
    if (o.getDedupRetentionHours() < 1) {
      throw new IllegalArgumentException(
          "--dedupRetentionHours must be at least 1, was " + o.getDedupRetentionHours());
    }
    if (o.getDedupShards() < 1) {
      throw new IllegalArgumentException(
          "--dedupShards must be at least 1, was " + o.getDedupShards());
    }
    if (Duration.standardHours(o.getDedupRetentionHours()).isShorterThan(windowAndLateness)) {
      throw new IllegalArgumentException(
          "--dedupRetentionHours ("
              + o.getDedupRetentionHours()
              + " h) must cover the window and its allowed lateness ("
              + windowAndLateness.getStandardMinutes()
              + " min), or a late duplicate is counted twice");
    }
  }

  /** The retention as a duration. */
  static Duration retention(DedupOptions o) {
    return Duration.standardHours(o.getDedupRetentionHours());
  }
}
