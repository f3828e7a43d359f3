package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * One user's running behaviour, over every valid event of theirs seen so far (all windows, and the
 * events too late for them): events, clicks, purchases, distinct sessions, and the earliest and
 * latest event time. The distinct sessions are kept as their ids, not only their number: a run that
 * continues from the stored state can then tell a session it has seen from a new one.
 */
@DefaultCoder(SerializableCoder.class)
public final class UserState implements Serializable {

  private static final long serialVersionUID = 1L;

  public final String userId;
  public final long totalEvents;
  public final long clickCount;
  public final long purchaseCount;
  public final long sessionCount;

  /** Sorted, distinct. */
  public final List<String> sessionIds;

  public final Instant firstSeen;
  public final Instant lastSeen;

  public UserState(
      String userId,
      long totalEvents,
      long clickCount,
      long purchaseCount,
      SortedSet<String> sessionIds,
      Instant firstSeen,
      Instant lastSeen) {
    this.userId = userId;
    this.totalEvents = totalEvents;
    this.clickCount = clickCount;
    this.purchaseCount = purchaseCount;
    this.sessionCount = sessionIds.size();
    this.sessionIds = List.copyOf(sessionIds);
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
        && sessionIds.equals(s.sessionIds)
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
        + sessionIds
        + " "
        + firstSeen
        + ".."
        + lastSeen
        + "}";
  }
}
