package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.windowing.EventTimeWindowing;
import io.onceflow.transforms.windowing.PaneRows;
import io.onceflow.transforms.windowing.SplitTooLate;
import io.onceflow.transforms.windowing.WindowPane;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * {@code user_activity_sliding}: per {@code user_id}, sliding windows (the notebook's 5 minutes
 * every minute, 15 minutes late), accumulating panes of the events and distinct sessions.
 *
 * <p>An event is in size / period windows, which close one period apart. It is too late, and leaves
 * on {@link #TOO_LATE}, only when the last of them has closed: SplitTooLate judges it with fixed
 * windows of one period whose lateness reaches that last window's close. An event for which some of
 * its windows have closed and others not is counted in those still open, as Beam does; the ground
 * truth computes the same.
 */
public final class SlidingActivityWindows
    extends PTransform<PCollection<ClickEvent>, PCollectionTuple> {

  public static final TupleTag<SlidingActivity> SLIDING = new TupleTag<>() {};
  public static final TupleTag<ClickEvent> TOO_LATE = new TupleTag<>() {};

  /** The notebook's: 5-minute windows every minute, 15 minutes of lateness. */
  public static final EventTimeWindowing DEFAULT_WINDOWING =
      EventTimeWindowing.sliding(Duration.standardMinutes(5), Duration.standardMinutes(1))
          .withAllowedLateness(Duration.standardMinutes(15))
          .withEarlyFiringDelay(Duration.standardMinutes(2));

  private final EventTimeWindowing windowing;

  private SlidingActivityWindows(EventTimeWindowing windowing) {
    if (windowing.kind != EventTimeWindowing.Kind.SLIDING) {
      throw new IllegalArgumentException(
          "sliding activity needs sliding windows, not " + windowing);
    }
    this.windowing = windowing;
  }

  public static SlidingActivityWindows of(EventTimeWindowing windowing) {
    return new SlidingActivityWindows(windowing);
  }

  /** Fixed windows of one period, closing when an event's last sliding window closes. */
  static EventTimeWindowing judging(EventTimeWindowing sliding) {
    return EventTimeWindowing.fixed(sliding.period)
        .withAllowedLateness(sliding.allowedLateness.plus(sliding.size).minus(sliding.period));
  }

  @Override
  public PCollectionTuple expand(PCollection<ClickEvent> events) {
    SplitTooLate<ClickEvent> split =
        SplitTooLate.of(
            judging(windowing),
            UserActivityWindows.LATENESS_SHARDS,
            (ClickEvent e) -> e.userId,
            e -> e.timestamp);
    PCollectionTuple judged = events.apply("SplitTooLate", split);
    Duration grace = windowing.period;
    PCollection<SlidingActivity> sliding =
        judged
            .get(split.inTime())
            .apply("SlidingWindows", windowing.<ClickEvent>window(grace))
            .apply("KeyByUser", ClickKeys.user())
            .apply("CountEventsAndSessions", Combine.perKey(new SlidingCountsFn()))
            .apply(
                "PaneRows",
                PaneRows.of(
                    SlidingActivityWindows::row,
                    TypeDescriptor.of(SlidingActivity.class),
                    windowing.allowedLateness.plus(grace)));
    return PCollectionTuple.of(SLIDING, sliding).and(TOO_LATE, judged.get(split.tooLate()));
  }

  private static SlidingActivity row(WindowPane pane, String user, SlidingCountsFn.Counts c) {
    return new SlidingActivity(
        pane.start(),
        pane.end(),
        user,
        c.events,
        c.sessions.size(),
        pane.index(),
        pane.timing(),
        pane.isFinal());
  }
}
