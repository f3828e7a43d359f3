package io.onceflow.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A directory of files read as one ordered log, the way Kafka serves a partition: files in name
 * order (a file must appear whole, e.g. written elsewhere and renamed in), lines in order, each
 * keyed {@code file:line}. Its watermark is a {@link StreamWatermark}, caught up once every file
 * has been read, as a Kafka partition is once its backlog is empty. Its checkpoint is the position
 * (file, line) and the greatest event time, so a runner that restores a checkpoint resumes where it
 * was, with the same watermark.
 */
final class FileLogSource extends UnboundedSource<KV<String, String>, FileLogSource.Position> {

  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final Duration pollInterval;
  private final SerializableFunction<String, Instant> eventTime;
  private final StreamWatermark watermark;

  FileLogSource(
      String pattern,
      Duration pollInterval,
      SerializableFunction<String, Instant> eventTime,
      StreamWatermark watermark) {
    this.pattern = pattern;
    this.pollInterval = pollInterval;
    this.eventTime = eventTime;
    this.watermark = watermark;
  }

  /** Lines consumed of {@code file} (null: none started yet) and the greatest event time read. */
  static final class Position implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;

    final String file;
    final long linesRead;
    final long maxEventTimeMillis;

    Position(String file, long linesRead, long maxEventTimeMillis) {
      this.file = file;
      this.linesRead = linesRead;
      this.maxEventTimeMillis = maxEventTimeMillis;
    }

    @Override
    public void finalizeCheckpoint() {
      // Files are never consumed or moved: nothing to acknowledge.
    }
  }

  @Override
  public List<FileLogSource> split(int desiredNumSplits, PipelineOptions options) {
    // One reader keeps the log's order, which is what makes its watermark meaningful.
    return List.of(this);
  }

  @Override
  public UnboundedReader<KV<String, String>> createReader(
      PipelineOptions options, Position checkpoint) {
    return new Reader(
        this,
        checkpoint == null
            ? new Position(null, 0, BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis())
            : checkpoint);
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return SerializableCoder.of(Position.class);
  }

  @Override
  public Coder<KV<String, String>> getOutputCoder() {
    return KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  }

  private static final class Reader extends UnboundedReader<KV<String, String>> {
    private final FileLogSource source;
    private String file;
    private long linesRead;
    private final StreamWatermark.Tracker watermark;
    private Utf8Lines lines;
    private long lastListing = Long.MIN_VALUE;
    private boolean caughtUp;
    private KV<String, String> current;
    private Instant currentTimestamp;

    Reader(FileLogSource source, Position from) {
      this.source = source;
      this.file = from.file;
      this.linesRead = from.linesRead;
      this.watermark =
          source.watermark.tracker(from.maxEventTimeMillis, System.currentTimeMillis());
    }

    @Override
    public boolean start() throws IOException {
      if (file != null) {
        long skip = linesRead;
        linesRead = 0;
        open(file);
        for (long i = 0; i < skip && lines.readLine() != null; i++) {
          linesRead++;
        }
      }
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      while (true) {
        if (lines == null && !openNextFile()) {
          caughtUp = true;
          return false;
        }
        String line = lines.readLine();
        if (line == null) {
          lines.close();
          lines = null;
          continue;
        }
        linesRead++;
        if (line.isBlank()) {
          continue;
        }
        caughtUp = false;
        current = KV.of(file + ":" + linesRead, line);
        Instant t = source.eventTime.apply(line);
        watermark.read(t, System.currentTimeMillis());
        // No event time: it is bound for the dead letters, which are not windowed.
        currentTimestamp = t != null ? t : Instant.now();
        return true;
      }
    }

    private boolean openNextFile() throws IOException {
      long now = System.currentTimeMillis();
      if (lastListing != Long.MIN_VALUE && now - lastListing < source.pollInterval.getMillis()) {
        return false;
      }
      lastListing = now;
      String next = null;
      for (String name : listFiles()) {
        if (file == null || name.compareTo(file) > 0) {
          next = next == null || name.compareTo(next) < 0 ? name : next;
        }
      }
      if (next == null) {
        return false;
      }
      linesRead = 0;
      open(next);
      return true;
    }

    private List<String> listFiles() throws IOException {
      MatchResult match = FileSystems.match(source.pattern, EmptyMatchTreatment.ALLOW);
      List<String> names = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        names.add(m.resourceId().toString());
      }
      return names;
    }

    private void open(String name) throws IOException {
      file = name;
      // Decoded strictly: a line that is not UTF-8 becomes a dead letter, not a replaced string.
      lines =
          new Utf8Lines(
              Channels.newInputStream(
                  FileSystems.open(FileSystems.matchSingleFileSpec(name).resourceId())));
    }

    @Override
    public KV<String, String> getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public Instant getWatermark() {
      return watermark.watermark(caughtUp, System.currentTimeMillis());
    }

    @Override
    public Position getCheckpointMark() {
      return new Position(file, linesRead, watermark.maxEventTimeMillis());
    }

    @Override
    public FileLogSource getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      if (lines != null) {
        lines.close();
        lines = null;
      }
    }
  }
}
