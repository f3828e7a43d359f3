package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * The counts of one {@code user_activity} window: events, distinct {@code page_url}s (an event
 * without one adds no page, as SQL's {@code count(distinct)} ignores nulls), clicks, purchases and
 * the earliest event (by timestamp, ties by content, so the device does not depend on arrival
 * order). Depends only on the set of events seen, so any pane, on any runner, after any restart, is
 * the same for the same events.
 */
final class ActivityCountsFn
    extends Combine.CombineFn<ClickEvent, ActivityCountsFn.Counts, ActivityCountsFn.Counts> {

  /** The accumulator and the result. */
  static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    long events;
    long clicks;
    long purchases;
    final TreeSet<String> pages = new TreeSet<>();
    ClickEvent earliest;

    String deviceType() {
      return earliest == null ? null : earliest.deviceType;
    }

    // Equal by value: the DirectRunner compares an element before and after each step to catch
    // mutations, by its coder's structural value, which for a serializable class is the object.
    @Override
    public boolean equals(Object o) {
      return o instanceof Counts c
          && events == c.events
          && clicks == c.clicks
          && purchases == c.purchases
          && java.util.Objects.equals(pages, c.pages)
          && java.util.Objects.equals(earliest, c.earliest);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(events, clicks, purchases, pages, earliest);
    }
  }

  @Override
  public Counts createAccumulator() {
    return new Counts();
  }

  @Override
  public Counts addInput(Counts c, ClickEvent e) {
    c.events++;
    if (e.isClick()) {
      c.clicks++;
    }
    if (e.isPurchase()) {
      c.purchases++;
    }
    if (e.pageUrl != null) {
      c.pages.add(e.pageUrl);
    }
    if (c.earliest == null || ClickEvent.BY_TIME_THEN_CONTENT.compare(e, c.earliest) < 0) {
      c.earliest = e;
    }
    return c;
  }

  @Override
  public Counts mergeAccumulators(Iterable<Counts> all) {
    Counts merged = new Counts();
    for (Counts c : all) {
      merged.events += c.events;
      merged.clicks += c.clicks;
      merged.purchases += c.purchases;
      merged.pages.addAll(c.pages);
      if (c.earliest != null
          && (merged.earliest == null
              || ClickEvent.BY_TIME_THEN_CONTENT.compare(c.earliest, merged.earliest) < 0)) {
        merged.earliest = c.earliest;
      }
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
