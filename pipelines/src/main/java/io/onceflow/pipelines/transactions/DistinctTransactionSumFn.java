package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.dedup.Counted;
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
    extends CombineFn<
        Counted<TransactionEvent>, Map<String, Counted<TransactionEvent>>, KV<BigDecimal, Long>> {

  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, Counted<TransactionEvent>> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, Counted<TransactionEvent>> addInput(
      Map<String, Counted<TransactionEvent>> acc, Counted<TransactionEvent> input) {
    acc.merge(input.value.txnId, input, DistinctTransactionSumFn::greater);
    return acc;
  }

  @Override
  public Map<String, Counted<TransactionEvent>> mergeAccumulators(
      Iterable<Map<String, Counted<TransactionEvent>>> accumulators) {
    Map<String, Counted<TransactionEvent>> merged = createAccumulator();
    for (Map<String, Counted<TransactionEvent>> acc : accumulators) {
      acc.forEach(
          (txnId, version) -> merged.merge(txnId, version, DistinctTransactionSumFn::greater));
    }
    return merged;
  }

  @Override
  public KV<BigDecimal, Long> extractOutput(Map<String, Counted<TransactionEvent>> acc) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    long count = 0;
    for (Counted<TransactionEvent> version : acc.values()) {
      if (!version.retracted && version.value.isSuccess()) {
        total = total.add(version.value.amount);
        count++;
      }
    }
    return KV.of(total, count);
  }

  @Override
  public Coder<Map<String, Counted<TransactionEvent>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Counted<TransactionEvent>> inputCoder)
      throws CannotProvideCoderException {
    return MapCoder.of(StringUtf8Coder.of(), inputCoder);
  }

  private static Counted<TransactionEvent> greater(
      Counted<TransactionEvent> a, Counted<TransactionEvent> b) {
    return Counted.newer(a, b, TransactionVersion.ORDER);
  }
}
