package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.io.SendToKafka;
import io.onceflow.transforms.io.WholeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * {@code onceflow generate clickstream}: writes {@link ClickstreamGenerator}'s records as JSON
 * lines ({@value #STREAM_FILE} and {@value #TOO_LATE_FILE} under {@code --output}, or a Kafka topic
 * keyed by user id) and the ground truth beside them for {@code onceflow verify clickstream}. With
 * {@code --to=kafka} only the stream is sent: the too-late events are too late only once every
 * window has closed, which the demo waits for before it sends them. Read from files once, nothing
 * is late: {@code --input=.../stream.json}, then verify with {@code --expectTooLate=false}.
 */
public final class GenerateClickstream {

  static final String STREAM_FILE = "stream.json";
  static final String TOO_LATE_FILE = "too-late.json";

  private GenerateClickstream() {}

  static GenerateClickstreamOptions options(String[] args) {
    GenerateClickstreamOptions o = CommandOptions.parse(args, GenerateClickstreamOptions.class);
    ClickstreamGenerator.check(o);
    return o;
  }

  static ClickstreamGenerator.Generated generate(GenerateClickstreamOptions o, PrintStream out)
      throws IOException {
    ClickstreamGenerator.Generated data =
        ClickstreamGenerator.generate(o, ClickstreamGroundTruth.Rules.DEFAULT);
    Path dir = Paths.get(o.getOutput());
    data.truth().write(dir);
    String where;
    if (o.getTo().equals("files")) {
      Files.createDirectories(dir);
      WholeFiles.write(dir.resolve(STREAM_FILE), values(data.stream()));
      WholeFiles.write(dir.resolve(TOO_LATE_FILE), values(data.tooLate()));
      where = dir.resolve(STREAM_FILE) + " (the too-late events in " + TOO_LATE_FILE + ")";
    } else {
      send(o.getBootstrapServers(), o.getTopic(), data.stream());
      where =
          "Kafka topic "
              + o.getTopic()
              + " at "
              + o.getBootstrapServers()
              + " (the too-late events are not sent)";
    }
    ClickstreamGroundTruth t = data.truth();
    out.printf(
        "onceflow generate: %d clickstream records to %s%n  event time from %s for %d minutes"
            + " (seed %d; the same --start and --seed make the same records)%n  ground truth in"
            + " %s: %d records = %d events in time + %d too late + %d malformed; %d user_activity"
            + " windows, %d sessions, %d sliding windows, %d alerts%n",
        data.stream().size(),
        where,
        ClickstreamGenerator.start(o),
        o.getSpanMinutes(),
        o.getSeed(),
        dir,
        t.count("records"),
        t.count("events"),
        t.count("too_late"),
        t.count("invalid"),
        t.activity.size(),
        t.sessions.size(),
        t.sliding.size(),
        t.alerts.size());
    return data;
  }

  static List<String> values(List<ClickstreamGenerator.Line> lines) {
    return lines.stream().map(ClickstreamGenerator.Line::value).toList();
  }

  static void send(String bootstrapServers, String topic, List<ClickstreamGenerator.Line> lines) {
    SendToKafka.send(
        bootstrapServers, topic, lines.stream().map(l -> KV.of(l.key(), l.value())).toList());
  }
}
