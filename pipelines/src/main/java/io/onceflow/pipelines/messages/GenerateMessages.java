package io.onceflow.pipelines.messages;

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
 * {@code onceflow generate messages}: writes {@link MessagesGenerator}'s records as JSON lines
 * (files under {@code --output/records}, or a Kafka topic keyed by message id) and the ground truth
 * beside them for {@code onceflow verify messages --groundTruth}.
 */
public final class GenerateMessages {

  public static final String RECORDS_DIR = "records";

  private GenerateMessages() {}

  static GenerateMessagesOptions options(String[] args) {
    GenerateMessagesOptions o = CommandOptions.parse(args, GenerateMessagesOptions.class);
    MessagesGenerator.check(o);
    return o;
  }

  static MessagesGenerator.Generated generate(GenerateMessagesOptions o, PrintStream out)
      throws IOException {
    MessagesGenerator.Generated data = MessagesGenerator.generate(o);
    Path dir = Paths.get(o.getOutput());
    data.truth().write(dir);
    String where;
    List<MessagesGenerator.Line> lines = data.records();
    if (o.getTo().equals("files")) {
      Path records = dir.resolve(RECORDS_DIR);
      Files.createDirectories(records);
      int perFile = (lines.size() + o.getFiles() - 1) / o.getFiles();
      for (int f = 0; f * perFile < lines.size(); f++) {
        WholeFiles.write(
            records.resolve(String.format(Locale.ROOT, "part-%05d.json", f)),
            lines.subList(f * perFile, Math.min(lines.size(), (f + 1) * perFile)).stream()
                .map(MessagesGenerator.Line::value)
                .toList());
      }
      where = records.toString();
    } else {
      SendToKafka.send(
          o.getBootstrapServers(),
          o.getTopic(),
          lines.stream().map(l -> KV.of(l.key(), l.value())).toList());
      where = "Kafka topic " + o.getTopic() + " at " + o.getBootstrapServers();
    }
    MessagesGroundTruth t = data.truth();
    out.printf(
        "onceflow generate: %d message records to %s%n  event time from %s over %d h (seed %d;"
            + " the same --start and --seed make the same records)%n  ground truth in %s: %d"
            + " records = %d malformed + %d bronze (%d corrupted + %d messages: %d first"
            + " occurrences, %d too late for their day, + %d duplicates)%n",
        lines.size(),
        where,
        o.getStart(),
        o.getSpanHours(),
        o.getSeed(),
        dir,
        t.count("records"),
        t.count("malformed"),
        t.count("bronze"),
        t.count("corrupted"),
        t.count("messages"),
        t.count("first_occurrences"),
        t.count("too_late"),
        t.count("duplicates"));
    return data;
  }
}
