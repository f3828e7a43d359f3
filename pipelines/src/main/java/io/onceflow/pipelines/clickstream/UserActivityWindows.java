package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.windowing.EventTimeWindowing;
import io.onceflow.transforms.windowing.PaneRows;
import io.onceflow.transforms.windowing.SplitTooLate;
import io.onceflow.transforms.windowing.WindowPane;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * {@code user_activity}: per {@code user_id, session_id} and fixed event-time window (the
 * notebook's 5 minutes, 10 minutes late), accumulating panes of {@link ActivityCountsFn}'s counts:
 * early panes on the trigger's processing-time delay, one on-time pane, a late pane per late event
 * and a final pane when the window closes. Events after the window closed leave on {@link
 * #TOO_LATE} instead of being dropped.
 */
public final class UserActivityWindows
    extends PTransform<PCollection<ClickEvent>, PCollectionTuple> {

  public static final TupleTag<UserActivity> ACTIVITY = new TupleTag<>() {};
  public static final TupleTag<ClickEvent> TOO_LATE = new TupleTag<>() {};

  /** The notebook's: 5-minute windows, 10 minutes of lateness, an early pane after 2 minutes. */
  public static final EventTimeWindowing DEFAULT_WINDOWING =
      EventTimeWindowing.fixed(Duration.standardMinutes(5))
          .withAllowedLateness(Duration.standardMinutes(10))
          .withEarlyFiringDelay(Duration.standardMinutes(2));

  static final int LATENESS_SHARDS = 16;

  /** How long after a window closes a too-late event is still caught (see SplitTooLate). */
  private final EventTimeWindowing windowing;

  private UserActivityWindows(EventTimeWindowing windowing) {
    this.windowing = windowing;
  }

  public static UserActivityWindows of(EventTimeWindowing windowing) {
    return new UserActivityWindows(windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<ClickEvent> events) {
    SplitTooLate<ClickEvent> split =
        SplitTooLate.of(windowing, LATENESS_SHARDS, (ClickEvent e) -> e.userId, e -> e.timestamp);
    PCollectionTuple judged = events.apply("SplitTooLate", split);
    // One window of grace beyond the lateness SplitTooLate judges by, for Spark's micro-batch
    // watermark (see HourlyCustomerTotals in the flagship).
    Duration grace = windowing.size;
    PCollection<UserActivity> activity =
        judged
            .get(split.inTime())
            .apply("EventTimeWindows", windowing.<ClickEvent>window(grace))
            .apply("KeyByUserAndSession", ClickKeys.userAndSession())
            .apply("CountActivity", Combine.perKey(new ActivityCountsFn()))
            .apply(
                "PaneRows",
                PaneRows.of(
                    UserActivityWindows::row,
                    TypeDescriptor.of(UserActivity.class),
                    windowing.allowedLateness.plus(grace)));
    return PCollectionTuple.of(ACTIVITY, activity).and(TOO_LATE, judged.get(split.tooLate()));
  }

  private static UserActivity row(
      WindowPane pane, KV<String, String> key, ActivityCountsFn.Counts c) {
    return new UserActivity(
        pane.start(),
        pane.end(),
        key.getKey(),
        key.getValue(),
        c.events,
        c.pages.size(),
        c.clicks,
        c.purchases,
        c.deviceType(),
        pane.index(),
        pane.timing(),
        pane.isFinal());
  }
}
