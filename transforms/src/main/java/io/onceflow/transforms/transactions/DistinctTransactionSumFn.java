package io.onceflow.transforms.transactions;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.values.KV;

/**
 * Sums amounts over <em>distinct</em> {@code txn_id}s. The accumulator keeps, per {@code txn_id},
 * the greatest version seen ({@link TransactionVersion#ORDER}, a retraction above the version it
 * retracts), so the result depends only on the set of inputs, never on their order or on how often
 * one was delivered: re-delivering a counted transaction, even after its pane fired, changes
 * nothing. Output: total amount and count of transactions whose greatest version is counted.
 */
public final class DistinctTransactionSumFn
    extends CombineFn<CountedTransaction, Map<String, CountedTransaction>, KV<BigDecimal, Long>> {

  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, CountedTransaction> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, CountedTransaction> addInput(
      Map<String, CountedTransaction> acc, CountedTransaction input) {
    acc.merge(input.event.txnId, input, DistinctTransactionSumFn::greater);
    return acc;
  }

  @Override
  public Map<String, CountedTransaction> mergeAccumulators(
      Iterable<Map<String, CountedTransaction>> accumulators) {
    Map<String, CountedTransaction> merged = createAccumulator();
    for (Map<String, CountedTransaction> acc : accumulators) {
      acc.forEach(
          (txnId, version) -> merged.merge(txnId, version, DistinctTransactionSumFn::greater));
    }
    return merged;
  }

  @Override
  public KV<BigDecimal, Long> extractOutput(Map<String, CountedTransaction> acc) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    long count = 0;
    for (CountedTransaction version : acc.values()) {
      if (!version.retracted && version.event.isSuccess()) {
        total = total.add(version.event.amount);
        count++;
      }
    }
    return KV.of(total, count);
  }

  @Override
  public Coder<Map<String, CountedTransaction>> getAccumulatorCoder(
      CoderRegistry registry, Coder<CountedTransaction> inputCoder)
      throws CannotProvideCoderException {
    return MapCoder.of(StringUtf8Coder.of(), inputCoder);
  }

  private static CountedTransaction greater(CountedTransaction a, CountedTransaction b) {
    int byVersion = TransactionVersion.ORDER.compare(a.event, b.event);
    if (byVersion != 0) {
      return byVersion > 0 ? a : b;
    }
    return a.retracted ? a : b;
  }
}
