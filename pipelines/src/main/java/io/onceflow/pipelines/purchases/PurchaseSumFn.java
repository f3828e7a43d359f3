package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.dedup.Counted;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Sums a window's purchases over distinct <em>versions</em>: the accumulator keeps each version
 * (all of its fields) once, a retraction of a version above its count, so the sums depend only on
 * the set of inputs, never on their order or on how often one was delivered, and a version the
 * dedup later found beaten (a same-id purchase with an earlier {@code ts}) leaves the sums.
 */
public final class PurchaseSumFn
    extends CombineFn<Counted<Purchase>, Map<String, Counted<Purchase>>, PurchaseSums> {

  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, Counted<Purchase>> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, Counted<Purchase>> addInput(
      Map<String, Counted<Purchase>> acc, Counted<Purchase> input) {
    acc.merge(input.value.content(), input, PurchaseSumFn::retractionWins);
    return acc;
  }

  @Override
  public Map<String, Counted<Purchase>> mergeAccumulators(
      Iterable<Map<String, Counted<Purchase>>> accumulators) {
    Map<String, Counted<Purchase>> merged = createAccumulator();
    for (Map<String, Counted<Purchase>> acc : accumulators) {
      acc.forEach((k, v) -> merged.merge(k, v, PurchaseSumFn::retractionWins));
    }
    return merged;
  }

  @Override
  public PurchaseSums extractOutput(Map<String, Counted<Purchase>> acc) {
    PurchaseSums sums = PurchaseSums.NONE;
    for (Counted<Purchase> version : acc.values()) {
      if (!version.retracted) {
        sums = sums.plus(version.value);
      }
    }
    return sums;
  }

  @Override
  public Coder<Map<String, Counted<Purchase>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Counted<Purchase>> inputCoder)
      throws CannotProvideCoderException {
    return MapCoder.of(StringUtf8Coder.of(), inputCoder);
  }

  private static Counted<Purchase> retractionWins(Counted<Purchase> a, Counted<Purchase> b) {
    return a.retracted ? a : b;
  }
}
