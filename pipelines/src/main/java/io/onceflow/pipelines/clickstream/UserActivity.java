package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * One pane of a {@code user_activity} window: per {@code user_id, session_id} and 5-minute window,
 * the events, distinct pages, clicks and purchases seen so far, and the device of the earliest
 * event (ties by content); with the pane's index, timing and whether it is the window's last.
 */
@DefaultCoder(SerializableCoder.class)
public final class UserActivity implements Serializable {

  private static final long serialVersionUID = 1L;

  public final Instant windowStart;
  public final Instant windowEnd;
  public final String userId;
  public final String sessionId;
  public final long totalEvents;
  public final long uniquePages;
  public final long clickCount;
  public final long purchaseCount;
  public final String deviceType;
  public final long paneIndex;
  public final String paneTiming;
  public final boolean isFinal;

  public UserActivity(
      Instant windowStart,
      Instant windowEnd,
      String userId,
      String sessionId,
      long totalEvents,
      long uniquePages,
      long clickCount,
      long purchaseCount,
      String deviceType,
      long paneIndex,
      String paneTiming,
      boolean isFinal) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.userId = userId;
    this.sessionId = sessionId;
    this.totalEvents = totalEvents;
    this.uniquePages = uniquePages;
    this.clickCount = clickCount;
    this.purchaseCount = purchaseCount;
    this.deviceType = deviceType;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserActivity a
        && windowStart.equals(a.windowStart)
        && windowEnd.equals(a.windowEnd)
        && userId.equals(a.userId)
        && sessionId.equals(a.sessionId)
        && totalEvents == a.totalEvents
        && uniquePages == a.uniquePages
        && clickCount == a.clickCount
        && purchaseCount == a.purchaseCount
        && Objects.equals(deviceType, a.deviceType)
        && paneIndex == a.paneIndex
        && paneTiming.equals(a.paneTiming)
        && isFinal == a.isFinal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, userId, sessionId, totalEvents, paneIndex);
  }

  @Override
  public String toString() {
    return "UserActivity{"
        + windowStart
        + ".."
        + windowEnd
        + " "
        + userId
        + "/"
        + sessionId
        + " events="
        + totalEvents
        + " pages="
        + uniquePages
        + " clicks="
        + clickCount
        + " purchases="
        + purchaseCount
        + " device="
        + deviceType
        + " pane="
        + paneIndex
        + " "
        + paneTiming
        + (isFinal ? " final" : "")
        + "}";
  }
}
