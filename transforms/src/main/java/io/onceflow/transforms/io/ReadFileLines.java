package io.onceflow.transforms.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Watch;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The lines of the files matching a pattern, each keyed by its source position
 * {@code file:line} (1-based), so that a dead letter names where it came from and a replay of the
 * same file writes the same keys. Reads the matching files once, or, with a watch interval, keeps
 * picking up new files (an unbounded source).
 */
public final class ReadFileLines extends PTransform<PBegin, PCollection<KV<String, String>>> {

  private final String pattern;
  private final Duration watchInterval;

  private ReadFileLines(String pattern, Duration watchInterval) {
    this.pattern = pattern;
    this.watchInterval = watchInterval;
  }

  public static ReadFileLines matching(String pattern) {
    return new ReadFileLines(pattern, Duration.ZERO);
  }

  /** Keep watching for new files every {@code interval}; zero reads once. */
  public ReadFileLines watchingEvery(Duration interval) {
    return new ReadFileLines(pattern, interval);
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    FileIO.Match match = FileIO.match().filepattern(pattern);
    if (watchInterval.getMillis() > 0) {
      match = match.continuously(watchInterval, Watch.Growth.never());
    }
    return input.apply("MatchFiles", match).apply("OpenFiles", FileIO.readMatches()).apply("LinesWithPositions", ParDo.of(new LinesFn()));
  }

  private static final class LinesFn extends DoFn<FileIO.ReadableFile, KV<String, String>> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<KV<String, String>> out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8))) {
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
