package io.onceflow.transforms.transactions;

import io.onceflow.transforms.TaggedOutputs;
import io.onceflow.transforms.deadletter.DeadLetter;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses raw records, keyed by their source position ({@code file:line}, {@code
 * topic/partition/offset}), into transactions stamped with their event time. A record that is not a
 * valid transaction never fails the pipeline: it becomes a {@link DeadLetter} with its raw payload,
 * source position and reason. A CSV header line is skipped.
 */
public final class ParseTransactions
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  /** The two shapes input records come in. */
  public enum Format {
    CSV,
    JSON
  }

  public static final TupleTag<TransactionEvent> EVENTS = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final String pipeline;
  private final Format format;

  private ParseTransactions(String pipeline, Format format) {
    this.pipeline = pipeline;
    this.format = format;
  }

  public static ParseTransactions of(String pipeline, Format format) {
    return new ParseTransactions(pipeline, format);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    return records.apply(
        "ParseOrDeadLetter",
        TaggedOutputs.parDo(new ParseFn(pipeline, format), EVENTS, DEAD_LETTERS));
  }

  private static final class ParseFn extends DoFn<KV<String, String>, Void> {
    private final String pipeline;
    private final Format format;
    private final Counter parsed = Metrics.counter(ParseTransactions.class, "parsed");
    private final Counter deadLetters = Metrics.counter(ParseTransactions.class, "dead_letters");

    ParseFn(String pipeline, Format format) {
      this.pipeline = pipeline;
      this.format = format;
    }

    @ProcessElement
    public void process(@Element KV<String, String> record, MultiOutputReceiver out) {
      String raw = record.getValue() == null ? "" : record.getValue();
      if (format == Format.CSV && TransactionCsvParser.isHeader(raw)) {
        return;
      }
      try {
        TransactionEvent event =
            format == Format.CSV
                ? TransactionCsvParser.parse(raw)
                : TransactionJsonParser.parse(raw);
        out.get(EVENTS).outputWithTimestamp(event, event.eventTime);
        parsed.inc();
      } catch (InvalidTransactionException e) {
        deadLetters.inc();
        out.get(DEAD_LETTERS)
            .output(new DeadLetter(pipeline, record.getKey(), raw, e.getMessage(), Instant.now()));
      }
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
