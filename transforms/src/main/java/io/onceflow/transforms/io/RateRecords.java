package io.onceflow.transforms.io;

import java.io.Serializable;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The built-in rate source ({@link RateSourceOptions}): Beam's {@link GenerateSequence} at N
 * indexes per second, each index turned into a raw record by the caller's {@link RecordAt} and
 * keyed, like every read step's records, by its source position {@code rate/<seed>/<index>}. The
 * event time of index {@code i} is {@code start + i / rate}, which is also what the sequence is
 * stamped with, so its watermark follows the records' event time exactly (nothing it makes is
 * late). Deterministic: the record at a position depends only on the seed, the start and the index.
 */
public final class RateRecords extends PTransform<PBegin, PCollection<KV<String, String>>> {

  /** The value of {@code --source} that selects this source. */
  public static final String SOURCE = "rate";

  /** Makes the raw record at {@code index} of {@code seed}, whose event time is {@code at}. */
  @FunctionalInterface
  public interface RecordAt extends Serializable {
    String record(long seed, long index, Instant at);
  }

  private final int perSecond;
  private final long seed;
  private final Instant start;
  private final long maxRecords;
  private final RecordAt recordAt;

  private RateRecords(int perSecond, long seed, Instant start, long maxRecords, RecordAt recordAt) {
    this.perSecond = perSecond;
    this.seed = seed;
    this.start = start;
    this.maxRecords = maxRecords;
    this.recordAt = recordAt;
  }

  /** True when {@code --source} names this source. */
  public static boolean selected(SourceOptions o) {
    return SOURCE.equals(o.getSource());
  }

  /** The rate source of {@code options}, its records made by {@code recordAt}. */
  public static RateRecords from(RateSourceOptions options, RecordAt recordAt) {
    check(options);
    Instant start =
        options.getRateStart().isEmpty()
            ? new Instant((System.currentTimeMillis() / 1000) * 1000)
            : parseStart(options.getRateStart());
    return new RateRecords(
        options.getRatePerSecond(),
        options.getRateSeed(),
        start,
        options.getRateMaxRecords(),
        recordAt);
  }

  /** Fails, naming the option, when the rate options do not make a source. */
  public static void check(RateSourceOptions o) {
    if (o.getRatePerSecond() < 1) {
      throw new IllegalArgumentException(
          "--ratePerSecond must be at least 1, was " + o.getRatePerSecond());
    }
    if (o.getRateMaxRecords() < 0) {
      throw new IllegalArgumentException(
          "--rateMaxRecords must be at least 0, was " + o.getRateMaxRecords());
    }
    if (!o.getRateStart().isEmpty()) {
      parseStart(o.getRateStart());
    }
  }

  /** The position {@code rate/<seed>/<index>} of a record this source makes. */
  public static String position(long seed, long index) {
    return SOURCE + "/" + seed + "/" + index;
  }

  /** The event time of record {@code index} at {@code perSecond} from {@code start}. */
  public static Instant eventTime(Instant start, int perSecond, long index) {
    return start.plus(Duration.millis(index * 1000 / perSecond));
  }

  private static Instant parseStart(String text) {
    try {
      return new Instant(java.time.Instant.parse(text).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--rateStart must be an ISO-8601 instant (e.g. 2026-01-01T00:00:00Z) or empty, was '"
              + text
              + "'",
          e);
    }
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    Instant start = this.start;
    int perSecond = this.perSecond;
    long seed = this.seed;
    RecordAt recordAt = this.recordAt;
    GenerateSequence sequence =
        GenerateSequence.from(0)
            .withRate(perSecond, Duration.standardSeconds(1))
            .withTimestampFn(index -> eventTime(start, perSecond, index));
    if (maxRecords > 0) {
      sequence = sequence.to(maxRecords);
    }
    return input
        .apply("Sequence", sequence)
        .apply(
            "ToRecord",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(
                    (Long index) ->
                        KV.of(
                            position(seed, index),
                            recordAt.record(seed, index, eventTime(start, perSecond, index)))));
  }
}
