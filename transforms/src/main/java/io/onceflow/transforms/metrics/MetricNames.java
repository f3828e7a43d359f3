package io.onceflow.transforms.metrics;

/**
 * The names of onceflow's metrics, in one place: the steps that count write them, and the run
 * summary, the progress line and the waits of tests and demos read them back by these names. A
 * metric is found by its name alone, whatever step reported it; counters of the same name from
 * several steps add up.
 */
public final class MetricNames {

  /** The namespace of every onceflow metric. */
  public static final String NAMESPACE = "onceflow";

  /** Records that became a pipeline's element (parsed and valid). */
  public static final String PARSED = "parsed";

  /** Records that could not be used, at any stage: each became a dead letter. */
  public static final String DEAD_LETTERS = "dead_letters";

  /** Exact copies of a version already kept, dropped by dedup. */
  public static final String DUPLICATES = "duplicates";

  /** Versions of one key that disagree; the rule decided which one is kept. */
  public static final String CONFLICTS = "conflicts";

  /** Elements that came after their window closed: in no aggregate, kept visible. */
  public static final String TOO_LATE = "too_late";

  /** Panes emitted by the aggregations, and the final ones among them. */
  public static final String PANES = "panes";

  public static final String FINAL_PANES = "final_panes";

  /**
   * Gauge: a lower bound of the watermark, the end of the newest window that fired on time or late
   * (an on-time or late pane fires only once the watermark has passed its window's end).
   */
  public static final String WATERMARK_PASSED = "watermark_passed";

  /** Rows that reached the upsert sink. */
  public static final String ROWS_RECEIVED = "rows_received";

  /** Rows that the upsert sink wrote (new keys or newer versions). */
  public static final String ROWS_WRITTEN = "rows_written";

  /** Rows that the upsert sink did not write: the stored row of their key is as new or newer. */
  public static final String ROWS_IGNORED = "rows_ignored";

  /** Commits that landed, and batches whose commit was already in the table's history. */
  public static final String COMMITS = "commits";

  public static final String COMMITS_SKIPPED = "commits_skipped";

  /**
   * Beam's own counter of elements a GroupByKey drops for lateness: here, elements later than the
   * too-late split keeps its windows, which are in no table.
   */
  public static final String DROPPED_DUE_TO_LATENESS = "droppedDueToLateness";

  /**
   * An available-now run's records from where the previous one stopped, and those it read again
   * (before that, to recompute the windows the previous run left open).
   */
  public static final String RECORDS_NEW = "records_new";

  public static final String RECORDS_READ_AGAIN = "records_read_again";

  /**
   * Sinks in whose input the watermark has reached an available-now run's stop watermark: every
   * pane that the watermark fires by then has reached them.
   */
  public static final String SINKS_AT_STOP = "sinks_at_stop_watermark";

  private MetricNames() {}
}
