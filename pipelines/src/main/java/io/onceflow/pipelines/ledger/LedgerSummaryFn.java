package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.dedup.Counted;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The ledger summary: per {@code transaction_type, currency}, the count, sum and average amount of
 * the winning version of every transaction id. The accumulator keeps, per id, the greatest fact
 * seen ({@link LedgerVersion#ORDER}; a retraction above the version it retracts), so the result
 * depends only on the set of versions delivered, never on their order or on how often one was
 * delivered: a re-delivered version changes nothing (even one the dedup has forgotten), a beaten
 * version's retraction takes it out of its group and the winner's count puts the winner into its
 * own.
 *
 * <p>Output: all {@link LedgerJsonParser#TYPES} x {@link LedgerJsonParser#CURRENCIES} groups, in
 * that order, those without a transaction at count 0 — a group a conflict emptied must show 0, not
 * keep its old row, and listing every group keeps the set of rows independent of arrival order. The
 * sum is exact ({@code decimal(18,2)}); the average is the sum divided by the count, rounded
 * half-up to {@value #AVERAGE_SCALE} decimals (what Spark's {@code avg} of a {@code decimal(18,2)}
 * gives: {@code decimal(22,6)}), null for a count of 0.
 */
final class LedgerSummaryFn
    extends CombineFn<Counted<LedgerEntry>, Map<String, Counted<LedgerEntry>>, List<SummaryLine>> {

  private static final long serialVersionUID = 1L;

  static final int AVERAGE_SCALE = 6;
  static final int AVERAGE_PRECISION = 22;

  @Override
  public Map<String, Counted<LedgerEntry>> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, Counted<LedgerEntry>> addInput(
      Map<String, Counted<LedgerEntry>> acc, Counted<LedgerEntry> input) {
    acc.merge(input.value.transactionId, input, LedgerSummaryFn::greater);
    return acc;
  }

  @Override
  public Map<String, Counted<LedgerEntry>> mergeAccumulators(
      Iterable<Map<String, Counted<LedgerEntry>>> accumulators) {
    Map<String, Counted<LedgerEntry>> merged = createAccumulator();
    for (Map<String, Counted<LedgerEntry>> acc : accumulators) {
      acc.forEach((id, fact) -> merged.merge(id, fact, LedgerSummaryFn::greater));
    }
    return merged;
  }

  @Override
  public List<SummaryLine> extractOutput(Map<String, Counted<LedgerEntry>> acc) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, BigDecimal> totals = new HashMap<>();
    for (Counted<LedgerEntry> fact : acc.values()) {
      if (!fact.retracted) {
        counts.computeIfAbsent(fact.value.group(), g -> new long[1])[0]++;
        totals.merge(fact.value.group(), fact.value.amount, BigDecimal::add);
      }
    }
    List<SummaryLine> lines = new ArrayList<>();
    for (String type : LedgerJsonParser.TYPES) {
      for (String currency : LedgerJsonParser.CURRENCIES) {
        String group = type + " " + currency;
        long count = counts.containsKey(group) ? counts.get(group)[0] : 0;
        BigDecimal total = totals.getOrDefault(group, BigDecimal.ZERO).setScale(2);
        lines.add(
            new SummaryLine(type, currency, count, total, average(total, count), acc.size(), 0));
      }
    }
    return lines;
  }

  /** {@code total / count} at {@value #AVERAGE_SCALE} decimals, half-up; null for no count. */
  static BigDecimal average(BigDecimal total, long count) {
    return count == 0
        ? null
        : total.divide(BigDecimal.valueOf(count), AVERAGE_SCALE, RoundingMode.HALF_UP);
  }

  @Override
  public Coder<Map<String, Counted<LedgerEntry>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Counted<LedgerEntry>> inputCoder) {
    return MapCoder.of(StringUtf8Coder.of(), inputCoder);
  }

  @Override
  public Coder<List<SummaryLine>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<Counted<LedgerEntry>> inputCoder) {
    return ListCoder.of(SerializableCoder.of(SummaryLine.class));
  }

  private static Counted<LedgerEntry> greater(Counted<LedgerEntry> a, Counted<LedgerEntry> b) {
    return Counted.newer(a, b, LedgerVersion.ORDER);
  }
}
