package io.onceflow.pipelines.messages;

import io.onceflow.transforms.dedup.Counted;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Counts what the keep-first dedup counts, per column of a report ({@code column} of a message: its
 * event type, its channel). The accumulator keeps, per occurrence (its source position), the
 * greatest fact seen — its retraction above its count — so the tally depends only on the set of
 * facts delivered, never on their order or on how often one was delivered: a re-delivered count
 * changes nothing, and a first occurrence that arrives last retracts the one counted before it
 * whichever of the two facts reaches the tally first.
 */
final class TallyFn extends CombineFn<Counted<Message>, Map<String, Counted<Message>>, Tally> {

  private static final long serialVersionUID = 1L;

  private final SerializableFunction<Message, String> column;

  TallyFn(SerializableFunction<Message, String> column) {
    this.column = column;
  }

  @Override
  public Map<String, Counted<Message>> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, Counted<Message>> addInput(
      Map<String, Counted<Message>> acc, Counted<Message> input) {
    acc.merge(input.value.source, input, TallyFn::greater);
    return acc;
  }

  @Override
  public Map<String, Counted<Message>> mergeAccumulators(
      Iterable<Map<String, Counted<Message>>> accumulators) {
    Map<String, Counted<Message>> merged = createAccumulator();
    for (Map<String, Counted<Message>> acc : accumulators) {
      acc.forEach((source, fact) -> merged.merge(source, fact, TallyFn::greater));
    }
    return merged;
  }

  @Override
  public Tally extractOutput(Map<String, Counted<Message>> acc) {
    Map<String, Long> counts = new TreeMap<>();
    long total = 0;
    for (Counted<Message> fact : acc.values()) {
      if (!fact.retracted) {
        counts.merge(column.apply(fact.value), 1L, Long::sum);
        total++;
      }
    }
    return new Tally(counts, total, acc.size());
  }

  @Override
  public Coder<Map<String, Counted<Message>>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Counted<Message>> inputCoder) {
    return MapCoder.of(StringUtf8Coder.of(), inputCoder);
  }

  @Override
  public Coder<Tally> getDefaultOutputCoder(
      CoderRegistry registry, Coder<Counted<Message>> inputCoder) {
    return SerializableCoder.of(Tally.class);
  }

  /** A retraction says more than the count of the same occurrence. */
  private static Counted<Message> greater(Counted<Message> a, Counted<Message> b) {
    return a.retracted ? a : b;
  }
}
