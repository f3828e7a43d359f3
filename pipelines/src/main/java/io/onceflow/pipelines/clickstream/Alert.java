package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * The alert of one user-activity window as of one of its panes: the rule that fired, the pane's
 * counts and the alert's status ({@link #OPEN}, {@link #CONFIRMED} or {@link #RESOLVED}).
 */
@DefaultCoder(SerializableCoder.class)
public final class Alert implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The rule holds in a pane that is not the window's last: it may still change. */
  public static final String OPEN = "OPEN";

  /** The rule holds in the window's final pane. */
  public static final String CONFIRMED = "CONFIRMED";

  /** An earlier pane broke the rule and this one does not. */
  public static final String RESOLVED = "RESOLVED";

  public final Instant windowStart;
  public final Instant windowEnd;
  public final String userId;
  public final String sessionId;
  public final String rule;
  public final String status;
  public final long totalEvents;
  public final long purchaseCount;
  public final long paneIndex;
  public final String paneTiming;
  public final boolean isFinal;

  public Alert(
      Instant windowStart,
      Instant windowEnd,
      String userId,
      String sessionId,
      String rule,
      String status,
      long totalEvents,
      long purchaseCount,
      long paneIndex,
      String paneTiming,
      boolean isFinal) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.userId = userId;
    this.sessionId = sessionId;
    this.rule = rule;
    this.status = status;
    this.totalEvents = totalEvents;
    this.purchaseCount = purchaseCount;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
  }

  static Alert of(UserActivity a, String rule, String status) {
    return new Alert(
        a.windowStart,
        a.windowEnd,
        a.userId,
        a.sessionId,
        rule,
        status,
        a.totalEvents,
        a.purchaseCount,
        a.paneIndex,
        a.paneTiming,
        a.isFinal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Alert a
        && windowStart.equals(a.windowStart)
        && windowEnd.equals(a.windowEnd)
        && userId.equals(a.userId)
        && sessionId.equals(a.sessionId)
        && rule.equals(a.rule)
        && status.equals(a.status)
        && totalEvents == a.totalEvents
        && purchaseCount == a.purchaseCount
        && paneIndex == a.paneIndex
        && paneTiming.equals(a.paneTiming)
        && isFinal == a.isFinal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, userId, sessionId, status, paneIndex);
  }

  @Override
  public String toString() {
    return "Alert{"
        + windowStart
        + " "
        + userId
        + "/"
        + sessionId
        + " "
        + rule
        + " "
        + status
        + " events="
        + totalEvents
        + " purchases="
        + purchaseCount
        + " pane="
        + paneIndex
        + " "
        + paneTiming
        + (isFinal ? " final" : "")
        + "}";
  }
}
