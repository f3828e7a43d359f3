package io.onceflow.transforms.dedup;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.joda.time.Instant;

/**
 * Which of two versions of one key {@link Deduplicate} keeps, and what it calls the other one. The
 * rule must be deterministic and total: the kept version may depend only on the versions seen,
 * never on their arrival order, runner or parallelism.
 */
public abstract class DedupRule<T> implements Serializable {

  private static final long serialVersionUID = 1L;

  private DedupRule() {}

  /** Positive when {@code incoming} replaces {@code kept}; zero when they are the same version. */
  abstract int compare(T incoming, T kept);

  /**
   * True when two versions that differ are a conflict (reported with both versions), false when the
   * one not kept is merely another occurrence (a duplicate).
   */
  abstract boolean reportsConflicts();

  /**
   * Keep the greatest version by {@code order}; versions equal by it are the same version (a
   * duplicate), versions that differ are a conflict. A correction that supersedes what it corrects
   * (the transactions rule: greatest {@code processing_time}, ties by content) is such an order.
   */
  public static <T> DedupRule<T> keepBest(SerializableComparator<T> order) {
    return new DedupRule<>() {
      private static final long serialVersionUID = 1L;

      @Override
      int compare(T incoming, T kept) {
        return order.compare(incoming, kept);
      }

      @Override
      boolean reportsConflicts() {
        return true;
      }
    };
  }

  /**
   * Keep the first occurrence: the earliest {@code eventTime}, ties broken by {@code content}
   * (smallest first) so that the winner does not depend on arrival order; every other occurrence is
   * a duplicate. When the first occurrence arrives last, the one counted before it is retracted.
   */
  public static <T> DedupRule<T> keepFirst(
      SerializableFunction<T, Instant> eventTime, SerializableComparator<T> content) {
    return new DedupRule<>() {
      private static final long serialVersionUID = 1L;

      @Override
      int compare(T incoming, T kept) {
        Comparator<T> first =
            Comparator.<T, Instant>comparing(eventTime::apply).thenComparing(content);
        return -first.compare(incoming, kept);
      }

      @Override
      boolean reportsConflicts() {
        return false;
      }
    };
  }
}
