package io.onceflow.transforms.dedup;

import java.util.Comparator;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What deduplication hands on: a version of an element to count, or, when a later version beat one
 * already counted, a retraction of the beaten version. A retraction travels with the beaten version
 * (its event time, its key), so it reaches the very window that counted it.
 */
@DefaultCoder(CountedCoder.class)
public final class Counted<T> {

  public final T value;
  public final boolean retracted;

  public Counted(T value, boolean retracted) {
    this.value = value;
    this.retracted = retracted;
  }

  public static <T> Counted<T> count(T value) {
    return new Counted<>(value, false);
  }

  public static <T> Counted<T> retract(T value) {
    return new Counted<>(value, true);
  }

  /**
   * Of two facts about one key, the one that says more: the greater version by {@code order}, and
   * of two facts about the same version its retraction (which always follows its count). An
   * accumulator that keeps this per key holds the same whatever the order the facts arrive in and
   * however often each is delivered.
   */
  public static <T> Counted<T> newer(Counted<T> a, Counted<T> b, Comparator<? super T> order) {
    int byVersion = order.compare(a.value, b.value);
    if (byVersion != 0) {
      return byVersion > 0 ? a : b;
    }
    return a.retracted ? a : b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counted<?> c && c.retracted == retracted && c.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, retracted);
  }

  @Override
  public String toString() {
    return (retracted ? "retract " : "count ") + value;
  }
}
