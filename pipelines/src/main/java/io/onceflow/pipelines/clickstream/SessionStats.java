package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * One pane of a session (SEEDS §4's session stats): its first and last event time, the number of
 * events, their types in timestamp order (ties by content), the purchases and the duration in
 * minutes (last minus first); with the pane's index, timing and whether it is the session's last.
 */
@DefaultCoder(SerializableCoder.class)
public final class SessionStats implements Serializable {

  private static final long serialVersionUID = 1L;

  public final String userId;
  public final String sessionId;
  public final Instant sessionStart;
  public final Instant sessionEnd;
  public final long eventsInSession;
  public final String eventSequence;
  public final long purchases;
  public final double sessionDurationMinutes;
  public final long paneIndex;
  public final String paneTiming;
  public final boolean isFinal;

  public SessionStats(
      String userId,
      String sessionId,
      Instant sessionStart,
      Instant sessionEnd,
      long eventsInSession,
      String eventSequence,
      long purchases,
      long paneIndex,
      String paneTiming,
      boolean isFinal) {
    this.userId = userId;
    this.sessionId = sessionId;
    this.sessionStart = sessionStart;
    this.sessionEnd = sessionEnd;
    this.eventsInSession = eventsInSession;
    this.eventSequence = eventSequence;
    this.purchases = purchases;
    // The notebook's (unix_timestamp(end) - unix_timestamp(start)) / 60, from milliseconds.
    this.sessionDurationMinutes = (sessionEnd.getMillis() - sessionStart.getMillis()) / 60_000.0;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionStats s
        && userId.equals(s.userId)
        && sessionId.equals(s.sessionId)
        && sessionStart.equals(s.sessionStart)
        && sessionEnd.equals(s.sessionEnd)
        && eventsInSession == s.eventsInSession
        && eventSequence.equals(s.eventSequence)
        && purchases == s.purchases
        && paneIndex == s.paneIndex
        && paneTiming.equals(s.paneTiming)
        && isFinal == s.isFinal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, sessionId, sessionStart, eventsInSession, paneIndex);
  }

  @Override
  public String toString() {
    return "SessionStats{"
        + userId
        + "/"
        + sessionId
        + " "
        + sessionStart
        + ".."
        + sessionEnd
        + " events="
        + eventsInSession
        + " ["
        + eventSequence
        + "] purchases="
        + purchases
        + " pane="
        + paneIndex
        + " "
        + paneTiming
        + (isFinal ? " final" : "")
        + "}";
  }
}
