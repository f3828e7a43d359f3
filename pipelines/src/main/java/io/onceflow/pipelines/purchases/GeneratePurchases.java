package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.io.SendToKafka;
import io.onceflow.transforms.io.WholeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * {@code onceflow generate purchases}: {@link PurchaseGenerator}'s records as JSON lines ({@value
 * #STREAM_FILE} and {@value #STRAGGLERS_FILE} under {@code --output}, or a Kafka topic keyed by
 * transaction id) and the ground truth beside them for {@code onceflow verify purchases}. With
 * {@code --to=kafka} only the stream is sent; the demo sends the stragglers once every window has
 * closed. Read from files, only the stream file is in time ({@code --input=.../stream.json}).
 */
public final class GeneratePurchases {

  static final String STREAM_FILE = "stream.json";
  static final String STRAGGLERS_FILE = "stragglers.json";

  private GeneratePurchases() {}

  static GeneratePurchasesOptions options(String[] args) {
    GeneratePurchasesOptions o = CommandOptions.parse(args, GeneratePurchasesOptions.class);
    check(o);
    return o;
  }

  static void check(GeneratePurchasesOptions o) {
    if (o.getCount() < 1) {
      throw new IllegalArgumentException("--count must be at least 1, was " + o.getCount());
    }
    if (o.getSpanMinutes() < 1) {
      throw new IllegalArgumentException(
          "--spanMinutes must be at least 1, was " + o.getSpanMinutes());
    }
    if (o.getStragglers() < 0) {
      throw new IllegalArgumentException(
          "--stragglers must be at least 0, was " + o.getStragglers());
    }
    fraction(o.getDuplicateFraction(), "--duplicateFraction");
    fraction(o.getLateFraction(), "--lateFraction");
    fraction(o.getMalformedFraction(), "--malformedFraction");
    start(o);
    if (!o.getTo().equals("files") && !o.getTo().equals("kafka")) {
      throw new IllegalArgumentException("--to must be files or kafka, was '" + o.getTo() + "'");
    }
    if (o.getTo().equals("kafka")
        && (o.getBootstrapServers() == null || o.getBootstrapServers().isBlank())) {
      throw new IllegalArgumentException("--bootstrapServers is required with --to=kafka");
    }
    if (o.getTo().equals("kafka") && (o.getTopic() == null || o.getTopic().isBlank())) {
      throw new IllegalArgumentException("--topic is required with --to=kafka");
    }
  }

  private static void fraction(double f, String option) {
    if (!(f >= 0 && f <= 1)) {
      throw new IllegalArgumentException(option + " must be between 0 and 1, was " + f);
    }
  }

  static Instant start(GeneratePurchasesOptions o) {
    if (o.getStart().isBlank()) {
      return Instant.now()
          .truncatedTo(ChronoUnit.MINUTES)
          .minus(Duration.ofHours(2))
          .minus(Duration.ofMinutes(o.getSpanMinutes()));
    }
    try {
      return Instant.parse(o.getStart());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start must be an ISO-8601 instant such as 2026-03-01T09:00:00Z, was '"
              + o.getStart()
              + "'");
    }
  }

  static PurchaseGenerator.Generated generate(
      GeneratePurchasesOptions o, long windowMillis, PrintStream out) throws IOException {
    Instant start = start(o);
    PurchaseGenerator.Generated data =
        new PurchaseGenerator(
                o.getSeed(),
                o.getCount(),
                o.getDuplicateFraction(),
                o.getLateFraction(),
                o.getMalformedFraction(),
                o.getStragglers(),
                start,
                o.getSpanMinutes())
            .generate();
    Path dir = Paths.get(o.getOutput());
    PurchaseGroundTruth truth =
        PurchaseGroundTruth.of(values(data.stream()), values(data.stragglers()), windowMillis);
    truth.write(dir);
    String where;
    if (o.getTo().equals("files")) {
      Files.createDirectories(dir);
      WholeFiles.write(dir.resolve(STREAM_FILE), values(data.stream()));
      WholeFiles.write(dir.resolve(STRAGGLERS_FILE), values(data.stragglers()));
      where = dir.resolve(STREAM_FILE) + " (and the stragglers in " + STRAGGLERS_FILE + ")";
    } else {
      send(o.getBootstrapServers(), o.getTopic(), data.stream());
      where = "Kafka topic " + o.getTopic() + " at " + o.getBootstrapServers();
    }
    out.printf(
        "onceflow generate: %d purchase records to %s%n  event time from %s for %d minutes (seed"
            + " %d)%n  ground truth in %s: %d records = %d purchases + %d duplicates + %d"
            + " malformed + %d too late; %d windows%n",
        data.stream().size(),
        where,
        start,
        o.getSpanMinutes(),
        o.getSeed(),
        dir,
        truth.records,
        truth.purchases,
        truth.duplicates,
        truth.invalid,
        truth.tooLate,
        truth.windows.size());
    return data;
  }

  static List<String> values(List<PurchaseGenerator.Line> lines) {
    return lines.stream().map(PurchaseGenerator.Line::value).toList();
  }

  static void send(String bootstrapServers, String topic, List<PurchaseGenerator.Line> lines) {
    SendToKafka.send(
        bootstrapServers, topic, lines.stream().map(l -> KV.of(l.key(), l.value())).toList());
  }
}
