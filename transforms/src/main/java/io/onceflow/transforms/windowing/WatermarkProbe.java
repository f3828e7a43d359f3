package io.onceflow.transforms.windowing;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the metric {@code counter} once, when the watermark of the probed collection reaches
 * {@code mark}: from then on every element stamped before the mark that the collection will ever
 * hold has been through the step that made it. The way for someone outside the pipeline to know
 * that every pane the watermark fires up to the mark has reached a step, without waiting a while
 * and hoping: an event-time timer at the mark, in a step that sees the collection's watermark (its
 * elements themselves are dropped) and one seed element that sets the timer.
 */
public final class WatermarkProbe<T> extends PTransform<PCollection<T>, PDone> {

  private static final Logger LOG = LoggerFactory.getLogger(WatermarkProbe.class);

  private final Instant mark;
  private final String counter;
  private final String label;

  private WatermarkProbe(Instant mark, String counter, String label) {
    this.mark = mark;
    this.counter = counter;
    this.label = label;
  }

  /**
   * Counts {@code counter} (in onceflow's namespace) once the watermark reaches {@code mark}, and
   * logs it, saying {@code label}.
   */
  public static <T> WatermarkProbe<T> at(Instant mark, String counter, String label) {
    return new WatermarkProbe<>(mark, counter, label);
  }

  @Override
  public PDone expand(PCollection<T> input) {
    KvCoder<Integer, Integer> coder = KvCoder.of(VarIntCoder.of(), VarIntCoder.of());
    PCollection<KV<Integer, Integer>> watermarkOnly =
        input
            .apply("DropElements", ParDo.of(new DropFn<T>()))
            .setCoder(coder)
            .apply("Global", global());
    PCollection<KV<Integer, Integer>> seed =
        input
            .getPipeline()
            .apply("Seed", Create.of(KV.of(0, 0)).withCoder(coder))
            .apply("SeedGlobal", global());
    PCollectionList.of(watermarkOnly)
        .and(seed)
        .apply("WithSeed", Flatten.pCollections())
        .apply("AtMark", ParDo.of(new AtMarkFn(mark, counter, label)));
    return PDone.in(input.getPipeline());
  }

  private static Window<KV<Integer, Integer>> global() {
    return Window.<KV<Integer, Integer>>into(new GlobalWindows())
        .triggering(DefaultTrigger.of())
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();
  }

  private static final class DropFn<T> extends DoFn<T, KV<Integer, Integer>> {
    @ProcessElement
    public void process() {
      // Only the watermark passes.
    }
  }

  private static final class AtMarkFn extends DoFn<KV<Integer, Integer>, Void> {
    @StateId("set")
    private final StateSpec<ValueState<Boolean>> set = StateSpecs.value();

    @TimerId("mark")
    private final TimerSpec timer = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final Instant mark;
    private final Counter reached;
    private final String label;

    AtMarkFn(Instant mark, String counter, String label) {
      this.mark = mark;
      this.label = label;
      this.reached = Metrics.counter(io.onceflow.transforms.metrics.MetricNames.NAMESPACE, counter);
    }

    @ProcessElement
    public void process(@StateId("set") ValueState<Boolean> set, @TimerId("mark") Timer timer) {
      if (set.read() == null) {
        // An event-time timer fires once the watermark is past its time, not at it: a stream
        // whose watermark stops at the mark (an available-now run's does) would never fire one
        // set at the mark. Beam's windows close the same way: a window ending at the mark has
        // its last instant a millisecond before it.
        timer.set(mark.minus(Duration.millis(1)));
        set.write(true);
      }
    }

    @OnTimer("mark")
    public void onMark() {
      LOG.info("the watermark of {} has reached {}", label, mark);
      reached.inc();
    }
  }
}
