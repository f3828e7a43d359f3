package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.parse.ParseRecords;
import io.onceflow.transforms.parse.RecordParser;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Parses raw records, keyed by their source position, into transactions stamped with their event
 * time ({@link ParseRecords}): a record that is not a valid transaction becomes a {@link
 * DeadLetter} with its raw payload, source position and reason. A CSV header line is skipped.
 */
public final class ParseTransactions
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  /** The two shapes input records come in. */
  public enum Format {
    CSV,
    JSON;

    RecordParser<TransactionEvent> parser() {
      return this == CSV ? TransactionCsvParser::parse : TransactionJsonParser::parse;
    }
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
    ParseRecords<TransactionEvent> parse =
        ParseRecords.with(pipeline, format.parser(), e -> e.eventTime, TransactionEventCoder.of());
    if (format == Format.CSV) {
      parse = parse.skipping(TransactionCsvParser::isHeader);
    }
    PCollectionTuple parsed = records.apply("ParseOrDeadLetter", parse);
    return PCollectionTuple.of(EVENTS, parsed.get(parse.parsed()))
        .and(DEAD_LETTERS, parsed.get(parse.deadLetters()));
  }
}
