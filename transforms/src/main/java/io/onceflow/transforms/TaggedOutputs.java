package io.onceflow.transforms;

import java.util.Arrays;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * A multi-output ParDo whose outputs are all named, additional outputs; its main output is a {@code
 * Void} collection nothing is written to.
 *
 * <p>Why: Beam's Spark runner (batch, since 2.64) drops the per-tag filter when the main output is
 * the only one consumed, so the elements of every other output leak into it (a ClassCastException
 * at best). With an unused main output, any consumed output makes two, and each is filtered by its
 * tag. Streaming translation and the other runners are unaffected.
 */
public final class TaggedOutputs {

  private static final TupleTag<Void> UNUSED_MAIN = new TupleTag<Void>("unused-main-output") {};

  private TaggedOutputs() {}

  public static <InputT> ParDo.MultiOutput<InputT, Void> parDo(
      DoFn<InputT, Void> fn, TupleTag<?> first, TupleTag<?>... more) {
    return ParDo.of(fn)
        .withOutputTags(UNUSED_MAIN, TupleTagList.of(first).and(Arrays.asList(more)));
  }
}
