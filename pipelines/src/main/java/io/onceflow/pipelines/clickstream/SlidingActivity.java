package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * One pane of a {@code user_activity_sliding} window: per {@code user_id} and sliding window, the
 * events and distinct sessions seen so far, with the pane's index, timing and finality.
 */
@DefaultCoder(SerializableCoder.class)
public final class SlidingActivity implements Serializable {

  private static final long serialVersionUID = 1L;

  public final Instant windowStart;
  public final Instant windowEnd;
  public final String userId;
  public final long eventCount;
  public final long sessionCount;
  public final long paneIndex;
  public final String paneTiming;
  public final boolean isFinal;

  public SlidingActivity(
      Instant windowStart,
      Instant windowEnd,
      String userId,
      long eventCount,
      long sessionCount,
      long paneIndex,
      String paneTiming,
      boolean isFinal) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.userId = userId;
    this.eventCount = eventCount;
    this.sessionCount = sessionCount;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlidingActivity s
        && windowStart.equals(s.windowStart)
        && windowEnd.equals(s.windowEnd)
        && userId.equals(s.userId)
        && eventCount == s.eventCount
        && sessionCount == s.sessionCount
        && paneIndex == s.paneIndex
        && paneTiming.equals(s.paneTiming)
        && isFinal == s.isFinal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, userId, eventCount, paneIndex);
  }

  @Override
  public String toString() {
    return "SlidingActivity{"
        + windowStart
        + ".."
        + windowEnd
        + " "
        + userId
        + " events="
        + eventCount
        + " sessions="
        + sessionCount
        + " pane="
        + paneIndex
        + " "
        + paneTiming
        + (isFinal ? " final" : "")
        + "}";
  }
}
