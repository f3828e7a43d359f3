package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.io.SendToKafka;
import io.onceflow.transforms.io.WholeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.values.KV;

/**
 * {@code onceflow generate ledger}: writes {@link LedgerGenerator}'s records as JSON lines (files
 * under {@code --output/records}, or a Kafka topic keyed by transaction id) and the ground truth
 * beside them for {@code onceflow verify ledger --groundTruth}.
 */
public final class GenerateLedger {

  public static final String RECORDS_DIR = "records";

  private GenerateLedger() {}

  public static GenerateLedgerOptions options(String[] args) {
    GenerateLedgerOptions o = CommandOptions.parse(args, GenerateLedgerOptions.class);
    LedgerGenerator.check(o);
    return o;
  }

  public static LedgerGenerator.Generated generate(GenerateLedgerOptions o, PrintStream out)
      throws IOException {
    LedgerGenerator.Generated data = LedgerGenerator.generate(o);
    Path dir = Paths.get(o.getOutput());
    data.truth().write(dir);
    String where;
    if (o.getTo().equals("files")) {
      Path records = dir.resolve(RECORDS_DIR);
      Files.createDirectories(records);
      List<LedgerGenerator.Line> lines = data.records();
      int perFile = (lines.size() + o.getFiles() - 1) / o.getFiles();
      for (int f = 0; f * perFile < lines.size(); f++) {
        WholeFiles.write(
            records.resolve(String.format(Locale.ROOT, "part-%05d.json", f)),
            lines.subList(f * perFile, Math.min(lines.size(), (f + 1) * perFile)).stream()
                .map(LedgerGenerator.Line::value)
                .toList());
      }
      where = records.toString();
    } else {
      send(o.getBootstrapServers(), o.getTopic(), data.records());
      where = "Kafka topic " + o.getTopic() + " at " + o.getBootstrapServers();
    }
    LedgerGroundTruth t = data.truth();
    out.printf(
        "onceflow generate: %d ledger records to %s%n  event time from %s (seed %d; the same"
            + " --start and --seed make the same records)%n  ground truth in %s: %d records = %d"
            + " transactions + %d conflicting versions (%d ids in conflict) + %d duplicates + %d"
            + " malformed%n",
        data.records().size(),
        where,
        o.getStart(),
        o.getSeed(),
        dir,
        t.records,
        t.transactions(),
        t.conflictingVersions,
        t.conflicts.size(),
        t.duplicates,
        t.invalid);
    return data;
  }

  static void send(String bootstrapServers, String topic, List<LedgerGenerator.Line> lines) {
    SendToKafka.send(
        bootstrapServers, topic, lines.stream().map(l -> KV.of(l.key(), l.value())).toList());
  }
}
