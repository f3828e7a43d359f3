package io.onceflow.transforms.state;

import java.util.Map;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.state.CombiningState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A per-key aggregate over all time, kept in a stateful step: each element is added to its key's
 * {@link CombiningState} (scoped to the global window, so it spans every event-time window and is
 * never dropped) and the key's updated result is emitted at once, with the element's timestamp.
 * Nothing is late for it: an element the windowed outputs find too late still counts here.
 *
 * <p>Exact under replays when the result depends only on the multiset of elements added (counts,
 * minimum, maximum, distinct values) and it is written with a version that grows with the elements
 * counted: within a run, the runner's checkpoints make each element's addition happen once; a run
 * restarted with fresh state from the earliest offset recomputes every result from the beginning,
 * and a version guard that keeps a stored row unless the new one is strictly newer leaves the
 * stored rows as they are until the recomputation has got past them. A restart with fresh state
 * from anywhere later would start the aggregate again from that point: it needs the runner's state,
 * the whole input, or {@link #startingFrom} the accumulators of what was counted before it (an
 * available-now run that continues the previous one's results).
 */
public final class RunningAggregate<K, InputT, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {

  private final CombineFn<InputT, AccumT, OutputT> fn;
  // Null for none.
  private final PCollectionView<Map<K, AccumT>> seeds;

  private RunningAggregate(
      CombineFn<InputT, AccumT, OutputT> fn, PCollectionView<Map<K, AccumT>> seeds) {
    this.fn = fn;
    this.seeds = seeds;
  }

  /** The running {@code fn} of each key's elements, emitted after each element. */
  public static <K, InputT, AccumT, OutputT> RunningAggregate<K, InputT, AccumT, OutputT> perKey(
      CombineFn<InputT, AccumT, OutputT> fn) {
    return new RunningAggregate<>(fn, null);
  }

  /**
   * As this, with each key's aggregate starting from its accumulator in {@code seeds} (what an
   * earlier run counted), merged in before the key's first element. A side input: the runner holds
   * the elements back until the seeds are all there, so no result is emitted without its seed. Keys
   * with a seed and no element emit nothing: their stored result is already the seed's.
   */
  public RunningAggregate<K, InputT, AccumT, OutputT> startingFrom(
      PCollectionView<Map<K, AccumT>> seeds) {
    return new RunningAggregate<>(fn, seeds);
  }

  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, InputT>> input) {
    if (!(input.getCoder() instanceof KvCoder<K, InputT> kv)) {
      throw new IllegalArgumentException(
          "RunningAggregate needs a KvCoder input, not " + input.getCoder());
    }
    CoderRegistry registry = input.getPipeline().getCoderRegistry();
    Coder<AccumT> accumulatorCoder;
    Coder<OutputT> outputCoder;
    try {
      accumulatorCoder = fn.getAccumulatorCoder(registry, kv.getValueCoder());
      outputCoder = fn.getDefaultOutputCoder(registry, kv.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalArgumentException("no coder for the state or results of " + fn, e);
    }
    ParDo.SingleOutput<KV<K, InputT>, KV<K, OutputT>> add =
        ParDo.of(new AddFn<>(fn, accumulatorCoder, seeds));
    return input
        .apply("GlobalWindow", Window.<KV<K, InputT>>into(new GlobalWindows()))
        .apply("AddToState", seeds == null ? add : add.withSideInputs(seeds))
        .setCoder(KvCoder.of(kv.getKeyCoder(), outputCoder));
  }

  private static final class AddFn<K, InputT, AccumT, OutputT>
      extends DoFn<KV<K, InputT>, KV<K, OutputT>> {

    @StateId("aggregate")
    private final StateSpec<CombiningState<InputT, AccumT, OutputT>> aggregateSpec;

    // Whether the key's seed has been merged in: once per key, whether or not it had one.
    @StateId("seeded")
    private final StateSpec<ValueState<Boolean>> seededSpec = StateSpecs.value(BooleanCoder.of());

    private final PCollectionView<Map<K, AccumT>> seeds;

    AddFn(
        CombineFn<InputT, AccumT, OutputT> fn,
        Coder<AccumT> accumulatorCoder,
        PCollectionView<Map<K, AccumT>> seeds) {
      this.aggregateSpec = StateSpecs.combining(accumulatorCoder, fn);
      this.seeds = seeds;
    }

    @ProcessElement
    public void process(
        ProcessContext c,
        @StateId("aggregate") CombiningState<InputT, AccumT, OutputT> aggregate,
        @StateId("seeded") ValueState<Boolean> seeded) {
      KV<K, InputT> element = c.element();
      if (seeds != null && seeded.read() == null) {
        AccumT seed = c.sideInput(seeds).get(element.getKey());
        if (seed != null) {
          aggregate.addAccum(seed);
        }
        seeded.write(true);
      }
      aggregate.add(element.getValue());
      c.output(KV.of(element.getKey(), aggregate.read()));
    }
  }
}
