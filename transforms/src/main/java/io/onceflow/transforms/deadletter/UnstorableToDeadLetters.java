package io.onceflow.transforms.deadletter;

import io.onceflow.transforms.TaggedOutputs;
import io.onceflow.transforms.metrics.MetricNames;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Separates the elements a table can store from those it cannot (an aggregate beyond its decimal
 * column, say): a sink that received one would fail its commit, and retry it for ever, so nothing
 * after it would be written. Such an element becomes a {@link DeadLetter} of stage {@code stage}
 * instead, with its whole content as {@code raw}, the reason, and a {@code source} naming the row
 * it would have been (so that a replay adds nothing; the dead-letter table keeps the first one
 * stored for a source, so a later pane of the same row neither replaces nor withdraws it); it is
 * counted with the other dead letters. Everything else goes on.
 */
public final class UnstorableToDeadLetters<T> extends PTransform<PCollection<T>, PCollectionTuple> {

  private final TupleTag<T> stored = new TupleTag<>() {};
  private final TupleTag<DeadLetter> deadLetters = new TupleTag<>() {};

  private final String pipeline;
  private final String stage;
  private final SerializableFunction<T, String> check;
  private final SerializableFunction<T, String> source;
  private final SerializableFunction<T, String> raw;

  private UnstorableToDeadLetters(
      String pipeline,
      String stage,
      SerializableFunction<T, String> check,
      SerializableFunction<T, String> source,
      SerializableFunction<T, String> raw) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.check = check;
    this.source = source;
    this.raw = raw;
  }

  /**
   * Elements for which {@code check} gives a reason (null: the element fits) become dead letters of
   * {@code stage}, with {@code source} the row they would have been and {@code raw} their content.
   */
  public static <T> UnstorableToDeadLetters<T> of(
      String pipeline,
      String stage,
      SerializableFunction<T, String> check,
      SerializableFunction<T, String> source,
      SerializableFunction<T, String> raw) {
    return new UnstorableToDeadLetters<>(pipeline, stage, check, source, raw);
  }

  /**
   * A row as a dead letter's {@code raw}: {@code name=value} pairs joined by commas, in the order
   * given (names and values alternating), decimals in plain notation with every digit.
   */
  public static String rawRow(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object v = namesAndValues[i + 1];
      raw.append(i == 0 ? "" : ",")
          .append(namesAndValues[i])
          .append('=')
          .append(v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v));
    }
    return raw.toString();
  }

  /** The elements the table can store. */
  public TupleTag<T> stored() {
    return stored;
  }

  /** The elements it cannot, as dead letters. */
  public TupleTag<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public PCollectionTuple expand(PCollection<T> elements) {
    Coder<T> coder = elements.getCoder();
    PCollectionTuple out =
        elements.apply(
            "StorableOrDeadLetter", TaggedOutputs.parDo(new SplitFn<>(this), stored, deadLetters));
    out.get(stored).setCoder(coder);
    // Dead letters are not windowed: in the global window, as the parse step's, so that a pipeline
    // can flatten them together into its dead-letter table.
    PCollection<DeadLetter> global =
        out.get(deadLetters)
            .apply(
                "DeadLettersUnwindowed",
                Window.<DeadLetter>into(new GlobalWindows())
                    .triggering(DefaultTrigger.of())
                    .withAllowedLateness(Duration.ZERO)
                    .discardingFiredPanes());
    return PCollectionTuple.of(stored, out.get(stored)).and(deadLetters, global);
  }

  private static final class SplitFn<T> extends DoFn<T, Void> {
    private final String pipeline;
    private final String stage;
    private final SerializableFunction<T, String> check;
    private final SerializableFunction<T, String> source;
    private final SerializableFunction<T, String> raw;
    private final TupleTag<T> stored;
    private final TupleTag<DeadLetter> deadLetters;
    private final Counter deadLetterCount =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEAD_LETTERS);

    SplitFn(UnstorableToDeadLetters<T> spec) {
      this.pipeline = spec.pipeline;
      this.stage = spec.stage;
      this.check = spec.check;
      this.source = spec.source;
      this.raw = spec.raw;
      this.stored = spec.stored;
      this.deadLetters = spec.deadLetters;
    }

    @ProcessElement
    public void process(@Element T element, MultiOutputReceiver out) {
      String reason = check.apply(element);
      if (reason == null) {
        out.get(stored).output(element);
        return;
      }
      deadLetterCount.inc();
      out.get(deadLetters)
          .output(
              new DeadLetter(
                  pipeline,
                  stage,
                  source.apply(element),
                  raw.apply(element),
                  reason,
                  Instant.now()));
    }
  }
}
