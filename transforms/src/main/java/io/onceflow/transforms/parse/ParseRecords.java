package io.onceflow.transforms.parse;

import io.onceflow.transforms.TaggedOutputs;
import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.metrics.MetricNames;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses raw records, keyed by their source position ({@code file:line}, {@code
 * topic/partition/offset}, as the read step gives them), into a pipeline's elements stamped with
 * their event time. A record the parser rejects never fails the pipeline: whatever the parser
 * throws, the record becomes a {@link DeadLetter} with its raw payload, source position, this
 * stage's name and the reason; so does a record that the read step rejected ({@link
 * RejectedAtRead}: not UTF-8, an event time too far in the future), with stage {@code read}.
 * Records the caller marks as skipped (a CSV header) are neither.
 */
public final class ParseRecords<T>
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  private final TupleTag<T> parsed = new TupleTag<>() {};
  private final TupleTag<DeadLetter> deadLetters = new TupleTag<>() {};

  private final String pipeline;
  private final String stage;
  private final PositionedRecordParser<T> parser;
  private final SerializableFunction<T, Instant> eventTime;
  private final Coder<T> coder;
  private final SerializableFunction<String, Boolean> skip;

  private ParseRecords(
      String pipeline,
      String stage,
      PositionedRecordParser<T> parser,
      SerializableFunction<T, Instant> eventTime,
      Coder<T> coder,
      SerializableFunction<String, Boolean> skip) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.parser = parser;
    this.eventTime = eventTime;
    this.coder = coder;
    this.skip = skip;
  }

  /**
   * Parses with {@code parser} for {@code pipeline}; elements go out at their {@code eventTime} in
   * {@code coder}; dead letters name the stage {@code parse}.
   */
  public static <T> ParseRecords<T> with(
      String pipeline,
      RecordParser<T> parser,
      SerializableFunction<T, Instant> eventTime,
      Coder<T> coder) {
    return new ParseRecords<>(
        pipeline, "parse", (source, raw) -> parser.parse(raw), eventTime, coder, raw -> false);
  }

  /**
   * As {@link #with}, with a parser that also sees each record's source position (an element that
   * keeps it as its identity).
   */
  public static <T> ParseRecords<T> withPosition(
      String pipeline,
      PositionedRecordParser<T> parser,
      SerializableFunction<T, Instant> eventTime,
      Coder<T> coder) {
    return new ParseRecords<>(pipeline, "parse", parser, eventTime, coder, raw -> false);
  }

  /** Records for which {@code skip} is true (a header line) are left out, not dead letters. */
  public ParseRecords<T> skipping(SerializableFunction<String, Boolean> skip) {
    return new ParseRecords<>(pipeline, stage, parser, eventTime, coder, skip);
  }

  /** The parsed elements. */
  public TupleTag<T> parsed() {
    return parsed;
  }

  /** The records that could not be parsed. */
  public TupleTag<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    PCollectionTuple out =
        records.apply(
            "ParseOrDeadLetter", TaggedOutputs.parDo(new ParseFn<>(this), parsed, deadLetters));
    out.get(parsed).setCoder(coder);
    return out;
  }

  private static final class ParseFn<T> extends DoFn<KV<String, String>, Void> {
    private final String pipeline;
    private final String stage;
    private final PositionedRecordParser<T> parser;
    private final SerializableFunction<T, Instant> eventTime;
    private final SerializableFunction<String, Boolean> skip;
    private final TupleTag<T> parsed;
    private final TupleTag<DeadLetter> deadLetters;
    private final Counter parsedCount = Metrics.counter(MetricNames.NAMESPACE, MetricNames.PARSED);
    private final Counter deadLetterCount =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEAD_LETTERS);

    ParseFn(ParseRecords<T> spec) {
      this.pipeline = spec.pipeline;
      this.stage = spec.stage;
      this.parser = spec.parser;
      this.eventTime = spec.eventTime;
      this.skip = spec.skip;
      this.parsed = spec.parsed;
      this.deadLetters = spec.deadLetters;
    }

    @ProcessElement
    public void process(@Element KV<String, String> record, MultiOutputReceiver out) {
      if (record.getValue() == null) {
        deadLetterCount.inc();
        out.get(deadLetters)
            .output(
                new DeadLetter(
                    pipeline,
                    stage,
                    record.getKey(),
                    "",
                    "the record has no value (a Kafka tombstone)",
                    Instant.now()));
        return;
      }
      String raw = record.getValue();
      if (RejectedAtRead.isRejected(raw)) {
        // The read step found it unusable (not UTF-8, too far in the future): its reason, stage
        // read.
        deadLetterCount.inc();
        out.get(deadLetters)
            .output(
                new DeadLetter(
                    pipeline,
                    "read",
                    record.getKey(),
                    RejectedAtRead.raw(raw),
                    RejectedAtRead.reason(raw),
                    Instant.now()));
        return;
      }
      if (skip.apply(raw)) {
        return;
      }
      T element;
      Instant time;
      try {
        element = parser.parse(record.getKey(), raw);
        time = eventTime.apply(element);
        if (time.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)
            || time.isAfter(GlobalWindow.INSTANCE.maxTimestamp())) {
          // Beam cannot stamp an element with it: outputting it would fail the whole run.
          throw new IllegalArgumentException(
              "event time " + time + " is outside the range a pipeline can hold");
        }
      } catch (Exception e) {
        // Every record gets an answer: whatever the parser throws makes this record a dead
        // letter, with the reason, and the run goes on.
        deadLetterCount.inc();
        out.get(deadLetters).output(DeadLetter.of(pipeline, stage, record.getKey(), raw, e));
        return;
      }
      out.get(parsed).outputWithTimestamp(element, time);
      parsedCount.inc();
    }

    /**
     * A record's event time may be earlier than the time its source stamped it with (a Kafka
     * record's append time, say); restamping it backwards is the point, and lateness is judged
     * downstream against the watermark.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
