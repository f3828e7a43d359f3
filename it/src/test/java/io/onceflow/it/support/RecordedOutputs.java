package io.onceflow.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Every element that reaches a step, with its pane, kept in this JVM for the test to read after the
 * run: for runners that run the job in-process (TestSparkRunner) where {@code PAssert} cannot say
 * what a test needs to know. On Spark's streaming runner a {@code PAssert} over a global window
 * checks one micro-batch's pane, not the stream's (docs/runners.md); recording each element as it
 * is emitted and checking the whole record afterwards is exact on any runner.
 */
public final class RecordedOutputs {

  /** One emitted element: its pane and its description. */
  public record Emitted(long paneIndex, PaneInfo.Timing timing, boolean lastPane, String text) {}

  private static final Map<String, ConcurrentLinkedQueue<Emitted>> RECORDED =
      new ConcurrentHashMap<>();

  private RecordedOutputs() {}

  /**
   * Records each element of the input as {@code describe} says, under {@code recordedAs} (not
   * "name", which inside a PTransform is the transform's own field).
   */
  public static <T> PTransform<PCollection<T>, PDone> as(
      String recordedAs, SerializableFunction<T, String> describe) {
    RECORDED.put(recordedAs, new ConcurrentLinkedQueue<>());
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<T> input) {
        input
            .apply(
                "Describe",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((T e) -> KV.of(recordedAs, describe.apply(e))))
            .apply("Record", ParDo.of(new RecordFn()));
        return PDone.in(input.getPipeline());
      }
    };
  }

  /** What was recorded under {@code name}, in arrival order; fails on a name never recorded. */
  public static List<Emitted> of(String name) {
    ConcurrentLinkedQueue<Emitted> seen = RECORDED.get(name);
    if (seen == null) {
      throw new AssertionError("nothing was recorded as '" + name + "'");
    }
    return new ArrayList<>(seen);
  }

  /** The descriptions alone. */
  public static List<String> textsOf(String name) {
    return of(name).stream().map(Emitted::text).toList();
  }

  /**
   * What the last panes said, once per distinct description, sorted: Spark may emit a last pane
   * more than once (docs/runners.md), always with the same content; a last pane that disagrees with
   * another shows as an extra line.
   */
  public static List<String> lastPaneTextsOf(String name) {
    return of(name).stream()
        .filter(Emitted::lastPane)
        .map(Emitted::text)
        .distinct()
        .sorted()
        .toList();
  }

  /** Stateless: what it records and under which name both come with the element. */
  private static final class RecordFn extends DoFn<KV<String, String>, Void> {
    @ProcessElement
    public void process(@Element KV<String, String> described, PaneInfo pane) {
      RECORDED
          .get(described.getKey())
          .add(new Emitted(pane.getIndex(), pane.getTiming(), pane.isLast(), described.getValue()));
    }
  }
}
