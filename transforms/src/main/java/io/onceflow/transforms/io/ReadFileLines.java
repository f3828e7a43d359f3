package io.onceflow.transforms.io;

import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The lines of the files matching a pattern, each keyed by its source position {@code file:line}
 * (1-based), so that a dead letter names where it came from and a replay of the same file writes
 * the same keys. Reads the matching files once (bounded), or, with a watch interval, as a stream:
 * the files in name order as one log, new ones picked up as they appear, with an event-time
 * watermark like Kafka's ({@link FileLogSource}).
 */
public final class ReadFileLines extends PTransform<PBegin, PCollection<KV<String, String>>> {

  private final String pattern;
  private final Duration watchInterval;
  private final SerializableFunction<String, Instant> eventTime;
  private final StreamWatermark watermark;

  private ReadFileLines(
      String pattern,
      Duration watchInterval,
      SerializableFunction<String, Instant> eventTime,
      StreamWatermark watermark) {
    this.pattern = pattern;
    this.watchInterval = watchInterval;
    this.eventTime = eventTime;
    this.watermark = watermark;
  }

  public static ReadFileLines matching(String pattern) {
    return new ReadFileLines(pattern, Duration.ZERO, null, null);
  }

  /**
   * Read as a stream, looking for new files every {@code interval} (zero reads once); the watermark
   * follows the {@code eventTime} of the lines read (null for a line that has none).
   */
  public ReadFileLines watchingEvery(
      Duration interval,
      SerializableFunction<String, Instant> eventTime,
      StreamWatermark watermark) {
    return new ReadFileLines(pattern, interval, eventTime, watermark);
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    if (watchInterval.getMillis() > 0) {
      return input.apply(
          "TailFiles", Read.from(new FileLogSource(pattern, watchInterval, eventTime, watermark)));
    }
    return input
        .apply("MatchFiles", FileIO.match().filepattern(pattern))
        .apply("OpenFiles", FileIO.readMatches())
        .apply("LinesWithPositions", ParDo.of(new LinesFn()));
  }

  private static final class LinesFn extends DoFn<FileIO.ReadableFile, KV<String, String>> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<KV<String, String>> out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      // Decoded strictly: a line that is not UTF-8 becomes a dead letter, not a replaced string.
      try (Utf8Lines lines = new Utf8Lines(Channels.newInputStream(file.open()))) {
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          if (!line.isBlank()) {
            out.output(KV.of(name + ":" + number, line));
          }
        }
      }
    }
  }
}
