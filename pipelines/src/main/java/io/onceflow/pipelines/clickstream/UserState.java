package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * One user's running behaviour, over every valid event of theirs seen so far (all windows, and the
 * events too late for them): events, clicks, purchases, distinct sessions, and the earliest and
 * latest event time.
 */
@DefaultCoder(SerializableCoder.class)
public final class UserState implements Serializable {

  private static final long serialVersionUID = 1L;

  public final String userId;
  public final long totalEvents;
  public final long clickCount;
  public final long purchaseCount;
  public final long sessionCount;
  public final Instant firstSeen;
  public final Instant lastSeen;

  public UserState(
      String userId,
      long totalEvents,
      long clickCount,
      long purchaseCount,
      long sessionCount,
      Instant firstSeen,
      Instant lastSeen) {
    this.userId = userId;
    this.totalEvents = totalEvents;
    this.clickCount = clickCount;
    this.purchaseCount = purchaseCount;
    this.sessionCount = sessionCount;
    this.firstSeen = firstSeen;
    this.lastSeen = lastSeen;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserState s
        && userId.equals(s.userId)
        && totalEvents == s.totalEvents
        && clickCount == s.clickCount
        && purchaseCount == s.purchaseCount
        && sessionCount == s.sessionCount
        && firstSeen.equals(s.firstSeen)
        && lastSeen.equals(s.lastSeen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, totalEvents, purchaseCount, lastSeen);
  }

  @Override
  public String toString() {
    return "UserState{"
        + userId
        + " events="
        + totalEvents
        + " clicks="
        + clickCount
        + " purchases="
        + purchaseCount
        + " sessions="
        + sessionCount
        + " "
        + firstSeen
        + ".."
        + lastSeen
        + "}";
  }
}
