package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/** The events and the distinct {@code session_id}s of one user's sliding window. */
final class SlidingCountsFn
    extends Combine.CombineFn<ClickEvent, SlidingCountsFn.Counts, SlidingCountsFn.Counts> {

  /** The accumulator and the result. */
  static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    long events;
    final TreeSet<String> sessions = new TreeSet<>();

    // Equal by value: the DirectRunner compares an element before and after each step to catch
    // mutations, by its coder's structural value, which for a serializable class is the object.
    @Override
    public boolean equals(Object o) {
      return o instanceof Counts c
          && events == c.events
          && java.util.Objects.equals(sessions, c.sessions);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(events, sessions);
    }
  }

  @Override
  public Counts createAccumulator() {
    return new Counts();
  }

  @Override
  public Counts addInput(Counts c, ClickEvent e) {
    c.events++;
    c.sessions.add(e.sessionId);
    return c;
  }

  @Override
  public Counts mergeAccumulators(Iterable<Counts> all) {
    Counts merged = new Counts();
    for (Counts c : all) {
      merged.events += c.events;
      merged.sessions.addAll(c.sessions);
    }
    return merged;
  }

  @Override
  public Counts extractOutput(Counts c) {
    return c;
  }

  @Override
  public Coder<Counts> getAccumulatorCoder(CoderRegistry registry, Coder<ClickEvent> input)
      throws CannotProvideCoderException {
    return SerializableCoder.of(Counts.class);
  }

  @Override
  public Coder<Counts> getDefaultOutputCoder(CoderRegistry registry, Coder<ClickEvent> input)
      throws CannotProvideCoderException {
    return SerializableCoder.of(Counts.class);
  }
}
