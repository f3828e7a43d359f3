package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.windowing.EventTimeWindowing;
import io.onceflow.transforms.windowing.PaneRows;
import io.onceflow.transforms.windowing.SplitTooLate;
import io.onceflow.transforms.windowing.WindowPane;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * {@code sessions}: per {@code user_id, session_id}, a Beam session window that ends after {@code
 * gap} without an event, held open for the allowed lateness (the notebook's 30-minute watermark).
 *
 * <p>Why a session window on top of the notebook's grouping by {@code session_id}: grouping alone,
 * without a window, never closes (Spark keeps that state forever whatever the watermark; Beam would
 * need a global window that never fires a final pane). Keying by the session id keeps the
 * notebook's meaning, one session per id, and the gap gives it an end: a session is final once the
 * watermark passes its last event plus the gap plus the lateness. A late event that falls between
 * two parts of one id's activity bridges them: Beam merges the windows and the next pane holds the
 * whole session. What the gap adds is the one case the notebook does not have: an id whose activity
 * pauses for longer than the gap and is never bridged is two sessions of one key; the table keeps
 * one row per key, the one with more events ({@link SessionsTable}).
 *
 * <p>An event whose own session window ({@code [t, t + gap)}) closed before it came leaves on
 * {@link #TOO_LATE}. It is judged with fixed windows of one second, so a few milliseconds before
 * Beam itself would drop it: never counted and also kept, never in neither.
 */
public final class SessionWindows extends PTransform<PCollection<ClickEvent>, PCollectionTuple> {

  public static final TupleTag<SessionStats> SESSIONS = new TupleTag<>() {};
  public static final TupleTag<ClickEvent> TOO_LATE = new TupleTag<>() {};

  /** The notebook's 30-minute watermark as the lateness; a 30-minute gap ends a session. */
  public static final EventTimeWindowing DEFAULT_WINDOWING =
      EventTimeWindowing.sessions(Duration.standardMinutes(30))
          .withAllowedLateness(Duration.standardMinutes(30))
          .withEarlyFiringDelay(Duration.standardMinutes(2));

  private static final Duration JUDGING_WINDOW = Duration.standardSeconds(1);

  private final EventTimeWindowing windowing;

  private SessionWindows(EventTimeWindowing windowing) {
    if (windowing.kind != EventTimeWindowing.Kind.SESSIONS) {
      throw new IllegalArgumentException("sessions need session windows, not " + windowing);
    }
    this.windowing = windowing;
  }

  public static SessionWindows of(EventTimeWindowing windowing) {
    return new SessionWindows(windowing);
  }

  /**
   * The fixed windowing whose close is where a session window of one event, {@code [t, t + gap)},
   * closes, rounded down to the second: SplitTooLate judges by it.
   */
  static EventTimeWindowing judging(EventTimeWindowing sessions) {
    return EventTimeWindowing.fixed(JUDGING_WINDOW)
        .withAllowedLateness(sessions.size.plus(sessions.allowedLateness).minus(JUDGING_WINDOW));
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
    Duration grace = windowing.size;
    PCollection<SessionStats> sessions =
        judged
            .get(split.inTime())
            .apply("SessionWindows", windowing.<ClickEvent>window(grace))
            .apply("KeyByUserAndSession", ClickKeys.userAndSession())
            .apply("CollectEvents", Combine.perKey(new SessionEventsFn()))
            .apply(
                "PaneRows",
                PaneRows.of(
                    SessionWindows::row,
                    TypeDescriptor.of(SessionStats.class),
                    windowing.allowedLateness.plus(grace)));
    return PCollectionTuple.of(SESSIONS, sessions).and(TOO_LATE, judged.get(split.tooLate()));
  }

  private static SessionStats row(
      WindowPane pane, KV<String, String> key, List<ClickEvent> sortedEvents) {
    return new SessionStats(
        key.getKey(),
        key.getValue(),
        sortedEvents.get(0).timestamp,
        sortedEvents.get(sortedEvents.size() - 1).timestamp,
        sortedEvents.size(),
        sortedEvents.stream().map(e -> e.eventType).collect(Collectors.joining(",")),
        sortedEvents.stream().filter(ClickEvent::isPurchase).count(),
        pane.index(),
        pane.timing(),
        pane.isFinal());
  }
}
