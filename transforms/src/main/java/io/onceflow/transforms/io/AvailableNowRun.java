package io.onceflow.transforms.io;

import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.io.IOException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running available-now pipeline that stops itself once it is done, and then sets the consumer
 * group's offsets to where the next run resumes. Done is, all at once:
 *
 * <ul>
 *   <li>every record up to the end offsets has been read and parsed ({@link
 *       AvailableNowPlan#records}, against the read step's and the parse step's counts);
 *   <li>the watermark has reached the stop watermark in every sink's input ({@link
 *       MetricNames#SINKS_AT_STOP}): every pane the watermark fires, the final ones included, has
 *       been counted received;
 *   <li>every row received by a sink has been through a commit, and that has stayed so, with no new
 *       row, for {@code settle}. This is for what the watermark says nothing of: speculative panes
 *       of the windows still open and dead letters, which are stamped later than the stop
 *       watermark. A row missed that way is of an open window, which the next run recomputes whole,
 *       or a dead letter, which it writes again if it is read again.
 * </ul>
 *
 * <p>A pipeline that fails or is cancelled meanwhile ends the wait with its state, and nothing is
 * committed: the next run starts where this one did.
 */
final class AvailableNowRun implements PipelineResult {

  private static final Logger LOG = LoggerFactory.getLogger(AvailableNowRun.class);
  private static final Duration LOOK_EVERY = Duration.standardSeconds(1);
  private static final int TELL_EVERY_LOOKS = 10;

  private final PipelineResult pipeline;
  private final AvailableNowPlan plan;
  private final int sinks;
  private final Duration settle;
  private final Runnable commitResume;
  private volatile boolean stopped;
  private long settledReceived = -1;
  private long settledSince;

  AvailableNowRun(
      PipelineResult pipeline,
      AvailableNowPlan plan,
      int sinks,
      Duration settle,
      Runnable commitResume) {
    this.pipeline = pipeline;
    this.plan = plan;
    this.sinks = sinks;
    this.settle = settle;
    this.commitResume = commitResume;
    LOG.info("available-now: {}", plan);
  }

  /** What one look at the metrics saw. */
  record Progress(long entered, long parsed, long sinksAtStop, long committed, long received) {

    static Progress of(MetricTotals m) {
      return new Progress(
          m.counter(MetricNames.RECORDS_NEW) + m.counter(MetricNames.RECORDS_READ_AGAIN),
          m.recordsRead(),
          m.counter(MetricNames.SINKS_AT_STOP),
          m.counter(MetricNames.ROWS_WRITTEN) + m.counter(MetricNames.ROWS_IGNORED),
          m.counter(MetricNames.ROWS_RECEIVED));
    }

    /** For a person waiting. */
    String describe(AvailableNowPlan plan, int sinks) {
      return String.format(
          "%d of %d records read (%d parsed or dead letters), %d of %d sinks at the stop"
              + " watermark %s, %d of %d rows through a commit",
          entered,
          plan.records(),
          parsed,
          sinksAtStop,
          sinks,
          plan.stopWatermark(),
          committed,
          received);
    }
  }

  /**
   * Whether a look says that everything the watermark fires is through a commit: the first two
   * conditions, and the third at this moment.
   */
  static boolean caughtUp(Progress p, AvailableNowPlan plan, int sinks) {
    return p.entered >= plan.records()
        && p.parsed >= plan.records()
        && p.sinksAtStop >= sinks
        && p.committed == p.received;
  }

  /** Looks once: true when done, i.e. caught up now and for {@code settle} with no new row. */
  boolean look(Progress p, long nowMillis) {
    if (!caughtUp(p, plan, sinks)) {
      settledReceived = -1;
      return false;
    }
    if (p.received != settledReceived) {
      settledReceived = p.received;
      settledSince = nowMillis;
      return false;
    }
    return nowMillis - settledSince >= settle.getMillis();
  }

  @Override
  public State getState() {
    return stopped ? State.DONE : pipeline.getState();
  }

  @Override
  public State cancel() throws IOException {
    return pipeline.cancel();
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    long deadline =
        duration == null || duration.getMillis() <= 0
            ? Long.MAX_VALUE
            : System.currentTimeMillis() + duration.getMillis();
    int looks = 0;
    while (!stopped) {
      State state = pipeline.waitUntilFinish(LOOK_EVERY);
      if (state != null && state.isTerminal()) {
        return state;
      }
      Progress p = Progress.of(MetricTotals.of(pipeline));
      if (++looks % TELL_EVERY_LOOKS == 0) {
        LOG.info("available-now: not done yet: {}", p.describe(plan, sinks));
      }
      if (look(p, System.currentTimeMillis())) {
        LOG.info("available-now: done: {}", p.describe(plan, sinks));
        commitResume.run();
        stopped = true;
        try {
          pipeline.cancel();
        } catch (IOException e) {
          throw new IllegalStateException(
              "the run was over and its offsets committed, but stopping the pipeline failed", e);
        }
        pipeline.waitUntilFinish(LOOK_EVERY);
      } else if (System.currentTimeMillis() > deadline) {
        return null;
      }
    }
    return State.DONE;
  }

  @Override
  public State waitUntilFinish() {
    return waitUntilFinish(Duration.ZERO);
  }

  @Override
  public MetricResults metrics() {
    return pipeline.metrics();
  }
}
