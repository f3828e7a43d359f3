package io.onceflow.transforms.state;

import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.state.CombiningState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

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
 * from anywhere later would start the aggregate again from that point: it needs the runner's state
 * or the whole input.
 */
public final class RunningAggregate<K, InputT, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {

  private final CombineFn<InputT, AccumT, OutputT> fn;

  private RunningAggregate(CombineFn<InputT, AccumT, OutputT> fn) {
    this.fn = fn;
  }

  /** The running {@code fn} of each key's elements, emitted after each element. */
  public static <K, InputT, AccumT, OutputT> RunningAggregate<K, InputT, AccumT, OutputT> perKey(
      CombineFn<InputT, AccumT, OutputT> fn) {
    return new RunningAggregate<>(fn);
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
    return input
        .apply("GlobalWindow", Window.<KV<K, InputT>>into(new GlobalWindows()))
        .apply("AddToState", ParDo.of(new AddFn<>(fn, accumulatorCoder)))
        .setCoder(KvCoder.of(kv.getKeyCoder(), outputCoder));
  }

  private static final class AddFn<K, InputT, AccumT, OutputT>
      extends DoFn<KV<K, InputT>, KV<K, OutputT>> {

    @StateId("aggregate")
    private final StateSpec<CombiningState<InputT, AccumT, OutputT>> aggregateSpec;

    AddFn(CombineFn<InputT, AccumT, OutputT> fn, Coder<AccumT> accumulatorCoder) {
      this.aggregateSpec = StateSpecs.combining(accumulatorCoder, fn);
    }

    @ProcessElement
    public void process(
        @Element KV<K, InputT> element,
        @StateId("aggregate") CombiningState<InputT, AccumT, OutputT> aggregate,
        OutputReceiver<KV<K, OutputT>> out) {
      aggregate.add(element.getValue());
      out.output(KV.of(element.getKey(), aggregate.read()));
    }
  }
}
