package io.onceflow.benchmarks;

import io.onceflow.pipelines.transactions.GroundTruth;
import java.util.Map;
import java.util.TreeSet;

/**
 * How wrong an answer is: the customer-hours whose total and count differ from the ground truth,
 * are missing or are extra.
 */
final class TotalsCheck {

  private TotalsCheck() {}

  /**
   * {@code actual}: {@code customer@window_start} to {@code "total count"}, as in {@link
   * GroundTruth#totals()}.
   */
  static long wrongKeys(GroundTruth truth, Map<String, String> actual) {
    TreeSet<String> keys = new TreeSet<>(truth.totals().keySet());
    keys.addAll(actual.keySet());
    return keys.stream()
        .filter(k -> !java.util.Objects.equals(truth.totals().get(k), actual.get(k)))
        .count();
  }
}
