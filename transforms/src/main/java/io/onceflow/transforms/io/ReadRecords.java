package io.onceflow.transforms.io;

import io.onceflow.transforms.parse.RecordParser;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The read step every pipeline shares: raw records keyed by their source position, from the files
 * or the Kafka topic that {@link SourceOptions} name ({@link ReadFileLines}, {@link
 * ReadKafkaRecords}), with a stream's watermark ({@link StreamWatermark}) following the event time
 * that the pipeline's {@code eventTime} function reads from a record. That function returns null
 * for a record it cannot read a time from (and must not throw): such a record still reaches the
 * parser, which makes it a dead letter with the reason. A record whose event time is more than
 * {@code --maxFutureSeconds} ahead of the clock moves no watermark and becomes a dead letter too
 * ({@link RejectFutureEventTimes}).
 */
public final class ReadRecords extends PTransform<PBegin, PCollection<KV<String, String>>> {

  private final SourceOptions options;
  private final String pipeline;
  private final SerializableFunction<String, Instant> eventTime;
  private final AvailableNowPlan plan;

  private ReadRecords(
      SourceOptions options,
      String pipeline,
      SerializableFunction<String, Instant> eventTime,
      AvailableNowPlan plan) {
    this.options = options;
    this.pipeline = pipeline;
    this.eventTime = eventTime;
    this.plan = plan;
  }

  /** The source of {@code options}, for {@code pipeline} (the default consumer group's name). */
  public static ReadRecords from(
      SourceOptions options, String pipeline, SerializableFunction<String, Instant> eventTime) {
    check(options);
    return new ReadRecords(options, pipeline, eventTime, null);
  }

  /** The same source read as the available-now run {@code plan} (a Kafka topic). */
  ReadRecords stoppingAt(AvailableNowPlan plan) {
    return new ReadRecords(options, pipeline, eventTime, plan);
  }

  /** The watermark of a stream source, as the options set it. */
  static StreamWatermark watermark(SourceOptions options) {
    return StreamWatermark.boundedOutOfOrderness(
            Duration.standardSeconds(options.getMaxOutOfOrdernessSeconds()),
            Duration.standardSeconds(options.getIdleSeconds()))
        .withMaxFuture(Duration.standardSeconds(options.getMaxFutureSeconds()));
  }

  /** The Kafka consumer group: {@code --consumerGroup}, else onceflow-{@code pipeline}. */
  public static String consumerGroup(SourceOptions options, String pipeline) {
    return options.getConsumerGroup() == null || options.getConsumerGroup().isBlank()
        ? "onceflow-" + pipeline
        : options.getConsumerGroup();
  }

  /**
   * The event time of a raw record as the watermark sees it: {@code eventTime} of what {@code
   * parser} makes of it, or null for a record it rejects. The rejection is not lost: the same
   * record reaches the parse step, which makes it a dead letter with the reason.
   */
  public static <T> SerializableFunction<String, Instant> eventTimeBy(
      RecordParser<T> parser, SerializableFunction<T, Instant> eventTime) {
    return raw -> {
      try {
        return eventTime.apply(parser.parse(raw));
      } catch (Exception rejectedRecordIsDeadLetteredByTheParseStep) {
        return null;
      }
    };
  }

  /** Fails, naming the option, when the source options do not make a source. */
  public static void check(SourceOptions o) {
    switch (o.getSource()) {
      case "files" -> {
        require(
            o.getInput(),
            "--input",
            "is required with --source=files (a path or glob of CSV or JSON-lines files)");
        atLeast(o.getWatchIntervalSeconds(), 0, "--watchIntervalSeconds");
      }
      case "kafka" -> {
        require(
            o.getBootstrapServers(),
            "--bootstrapServers",
            "is required with --source=kafka (host:port,...)");
        require(o.getTopic(), "--topic", "is required with --source=kafka");
        startFrom(o.getStartFrom());
        atLeast(o.getMaxRecords(), 0, "--maxRecords");
      }
      default ->
          throw new IllegalArgumentException(
              "--source must be 'files' or 'kafka', was '" + o.getSource() + "'");
    }
    atLeast(o.getMaxOutOfOrdernessSeconds(), 0, "--maxOutOfOrdernessSeconds");
    atLeast(o.getIdleSeconds(), 0, "--idleSeconds");
    atLeast(o.getMaxFutureSeconds(), 0, "--maxFutureSeconds");
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    StreamWatermark watermark = watermark(options);
    return read(input, watermark)
        .apply("RejectFutureEventTimes", RejectFutureEventTimes.beyond(watermark.maxFuture()));
  }

  private PCollection<KV<String, String>> read(PBegin input, StreamWatermark watermark) {
    if (options.getSource().equals("files")) {
      return input.apply(
          "ReadFiles",
          ReadFileLines.matching(options.getInput())
              .watchingEvery(
                  Duration.standardSeconds(options.getWatchIntervalSeconds()),
                  eventTime,
                  watermark));
    }
    java.time.Instant from = startFrom(options.getStartFrom());
    ReadKafkaRecords.Start start =
        from != null
            ? ReadKafkaRecords.Start.TIMESTAMP
            : ReadKafkaRecords.Start.valueOf(options.getStartFrom().toUpperCase(Locale.ROOT));
    String group = consumerGroup(options, pipeline);
    ReadKafkaRecords read =
        ReadKafkaRecords.of(
            options.getBootstrapServers(),
            options.getTopic(),
            group,
            start,
            from == null ? null : new Instant(from.toEpochMilli()),
            options.getReadCommitted(),
            options.getMaxRecords(),
            watermark,
            eventTime);
    return input.apply("ReadKafka", plan == null ? read : read.stoppingAt(plan));
  }

  /** Null for earliest/latest/committed, else the instant to start from. */
  static java.time.Instant startFrom(String startFrom) {
    switch (startFrom) {
      case "earliest", "latest", "committed" -> {
        return null;
      }
      default -> {
        try {
          return java.time.Instant.parse(startFrom);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "--startFrom must be earliest, latest, committed or an ISO-8601 instant, was '"
                  + startFrom
                  + "'",
              e);
        }
      }
    }
  }

  private static void require(String value, String option, String why) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " " + why);
    }
  }

  private static void atLeast(long value, long min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
    }
  }
}
