package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.io.SendToKafka;
import io.onceflow.transforms.io.WholeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;

/**
 * {@code onceflow generate}: writes {@link TransactionGenerator}'s records to files or a Kafka
 * topic, and its ground truth next to them for {@code onceflow verify --groundTruth}.
 */
public final class GenerateTransactions {

  public static final String STREAM_DIR = "events";
  public static final String STRAGGLERS_DIR = "stragglers";

  private GenerateTransactions() {}

  /**
   * The first event time when {@code --start} is not given: midnight UTC two days ago, in the past
   * for the idle watermark and recent enough for the too-late split's one-week retention.
   */
  public static Instant defaultStart() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** {@code onceflow generate transactions}: parses the options and generates. */
  public static void generate(String[] args, PrintStream out) throws IOException {
    generate(options(args), out);
  }

  static GenerateOptions options(String[] args) {
    PipelineOptionsFactory.register(GenerateOptions.class);
    GenerateOptions o =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(GenerateOptions.class);
    TransactionGenerator.check(o);
    return o;
  }

  static TransactionGenerator.Generated generate(GenerateOptions o, PrintStream out)
      throws IOException {
    TransactionGenerator.Generated data = TransactionGenerator.generate(o);
    Path dir = Paths.get(o.getOutput());
    data.truth().write(dir);
    boolean stream = !o.getPart().equals("stragglers");
    boolean stragglers = !o.getPart().equals("stream") && !data.stragglers().isEmpty();
    String where;
    if (o.getTo().equals("files")) {
      ParseTransactions.Format format = TransactionsPipelineOptionsCheck.format(o.getFormat());
      if (stream) {
        writeFiles(dir.resolve(STREAM_DIR), data.stream(), o.getFiles(), format);
      }
      if (stragglers) {
        writeFiles(dir.resolve(STRAGGLERS_DIR), data.stragglers(), 1, format);
      }
      where =
          dir.resolve(stream ? STREAM_DIR : STRAGGLERS_DIR)
              + (stream && stragglers ? " and " + dir.resolve(STRAGGLERS_DIR) : "");
    } else {
      List<TransactionGenerator.Line> lines = new ArrayList<>();
      if (stream) {
        lines.addAll(data.stream());
      }
      if (stragglers) {
        lines.addAll(data.stragglers());
      }
      send(o.getBootstrapServers(), o.getTopic(), lines);
      where = "Kafka topic " + o.getTopic() + " at " + o.getBootstrapServers();
    }
    GroundTruth t = data.truth();
    out.printf(
        "onceflow generate: %s%s%s to %s%n  event time from %s (seed %d; the same --start and"
            + " --seed make the same records)%n  ground truth in %s: %d customer-hours; %d records"
            + " = %d transactions (%d too late) + %d duplicates + %d malformed%n",
        stream ? data.stream().size() + " stream records" : "",
        stream && stragglers ? " and " : "",
        stragglers ? data.stragglers().size() + " stragglers" : "",
        where,
        TransactionGenerator.start(o),
        o.getSeed(),
        dir,
        t.totals.size(),
        t.records,
        t.transactions,
        t.tooLate,
        t.duplicates,
        t.invalid);
    return data;
  }

  /**
   * Splits the lines into {@code files} files in order; each appears whole (written aside, then
   * renamed).
   */
  static void writeFiles(
      Path dir, List<TransactionGenerator.Line> lines, int files, ParseTransactions.Format format)
      throws IOException {
    Files.createDirectories(dir);
    String extension = format == ParseTransactions.Format.CSV ? ".csv" : ".json";
    int perFile = (lines.size() + files - 1) / files;
    for (int f = 0; f * perFile < lines.size(); f++) {
      List<String> text = new ArrayList<>();
      if (TransactionGenerator.header(format) != null) {
        text.add(TransactionGenerator.header(format));
      }
      lines
          .subList(f * perFile, Math.min(lines.size(), (f + 1) * perFile))
          .forEach(l -> text.add(l.value()));
      WholeFiles.write(dir.resolve(String.format("part-%05d%s", f, extension)), text);
    }
  }

  /** Sends the lines in order, keyed by transaction id, and waits until the broker has them all. */
  static void send(String bootstrapServers, String topic, List<TransactionGenerator.Line> lines) {
    SendToKafka.send(
        bootstrapServers, topic, lines.stream().map(l -> KV.of(l.key(), l.value())).toList());
  }
}
