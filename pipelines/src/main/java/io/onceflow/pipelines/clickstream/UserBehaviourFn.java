package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.joda.time.Instant;

/**
 * The notebook's per-user behaviour function: events, clicks, purchases, distinct session ids and
 * the earliest and latest event time of one user's events. Every part depends only on the multiset
 * of events added, not on their order, so the result for the same events is the same on any runner
 * and after any recomputation; an older event added later (late or too late for the windows) moves
 * {@code firstSeen} back, never {@code lastSeen}.
 */
final class UserBehaviourFn
    extends Combine.CombineFn<ClickEvent, UserBehaviourFn.Behaviour, UserState> {

  /** The accumulator: the user (of its events) and what they did. */
  static final class Behaviour implements Serializable {
    private static final long serialVersionUID = 1L;
    String userId;
    long events;
    long clicks;
    long purchases;
    final TreeSet<String> sessions = new TreeSet<>();
    Instant firstSeen;
    Instant lastSeen;

    // Equal by value, for the DirectRunner's mutation checks (see ActivityCountsFn.Counts).
    @Override
    public boolean equals(Object o) {
      return o instanceof Behaviour b
          && Objects.equals(userId, b.userId)
          && events == b.events
          && clicks == b.clicks
          && purchases == b.purchases
          && sessions.equals(b.sessions)
          && Objects.equals(firstSeen, b.firstSeen)
          && Objects.equals(lastSeen, b.lastSeen);
    }

    @Override
    public int hashCode() {
      return Objects.hash(userId, events, clicks, purchases, lastSeen);
    }
  }

  @Override
  public Behaviour createAccumulator() {
    return new Behaviour();
  }

  @Override
  public Behaviour addInput(Behaviour b, ClickEvent e) {
    b.userId = e.userId;
    b.events++;
    if (e.isClick()) {
      b.clicks++;
    }
    if (e.isPurchase()) {
      b.purchases++;
    }
    b.sessions.add(e.sessionId);
    if (b.firstSeen == null || e.timestamp.isBefore(b.firstSeen)) {
      b.firstSeen = e.timestamp;
    }
    if (b.lastSeen == null || e.timestamp.isAfter(b.lastSeen)) {
      b.lastSeen = e.timestamp;
    }
    return b;
  }

  @Override
  public Behaviour mergeAccumulators(Iterable<Behaviour> all) {
    Behaviour merged = new Behaviour();
    for (Behaviour b : all) {
      if (b.userId != null) {
        merged.userId = b.userId;
      }
      merged.events += b.events;
      merged.clicks += b.clicks;
      merged.purchases += b.purchases;
      merged.sessions.addAll(b.sessions);
      if (b.firstSeen != null
          && (merged.firstSeen == null || b.firstSeen.isBefore(merged.firstSeen))) {
        merged.firstSeen = b.firstSeen;
      }
      if (b.lastSeen != null && (merged.lastSeen == null || b.lastSeen.isAfter(merged.lastSeen))) {
        merged.lastSeen = b.lastSeen;
      }
    }
    return merged;
  }

  /** A new value each time: the accumulator stays in state and keeps changing. */
  @Override
  public UserState extractOutput(Behaviour b) {
    return new UserState(
        b.userId, b.events, b.clicks, b.purchases, b.sessions, b.firstSeen, b.lastSeen);
  }

  /** The accumulator that {@code state} is the output of: where a continuing run starts. */
  static Behaviour resumedFrom(UserState state) {
    Behaviour b = new Behaviour();
    b.userId = state.userId;
    b.events = state.totalEvents;
    b.clicks = state.clickCount;
    b.purchases = state.purchaseCount;
    b.sessions.addAll(state.sessionIds);
    b.firstSeen = state.firstSeen;
    b.lastSeen = state.lastSeen;
    return b;
  }

  @Override
  public Coder<Behaviour> getAccumulatorCoder(CoderRegistry registry, Coder<ClickEvent> input)
      throws CannotProvideCoderException {
    return SerializableCoder.of(Behaviour.class);
  }

  @Override
  public Coder<UserState> getDefaultOutputCoder(CoderRegistry registry, Coder<ClickEvent> input)
      throws CannotProvideCoderException {
    return SerializableCoder.of(UserState.class);
  }
}
