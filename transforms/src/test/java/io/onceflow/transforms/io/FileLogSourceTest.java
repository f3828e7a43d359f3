package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.parse.RejectedAtRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogSourceTest {

  static final Duration OUT_OF_ORDERNESS = Duration.standardMinutes(5);

  @TempDir Path dir;

  /** Lines are "event-time-millis payload"; "bad" has no event time. */
  static Instant eventTime(String line) {
    String first = line.split(" ")[0];
    return first.chars().allMatch(Character::isDigit) ? new Instant(Long.parseLong(first)) : null;
  }

  FileLogSource source() {
    return new FileLogSource(
        dir.resolve("*.log").toString(),
        Duration.ZERO,
        FileLogSourceTest::eventTime,
        StreamWatermark.boundedOutOfOrderness(OUT_OF_ORDERNESS, Duration.ZERO));
  }

  void write(String name, String... lines) throws IOException {
    Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  static List<String> drain(UnboundedReader<KV<String, String>> reader, boolean started)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (boolean more = started; more; more = reader.advance()) {
      String key = reader.getCurrent().getKey();
      out.add(
          key.substring(key.lastIndexOf('/') + 1)
              + "="
              + reader.getCurrent().getValue()
              + "@"
              + reader.getCurrentTimestamp().getMillis());
    }
    return out;
  }

  @Test
  void readsTheFilesInNameOrderWithTheWatermarkTrailingTheGreatestEventTime() throws IOException {
    write("b.log", "3000000 third", "", "1000000 late");
    write("a.log", "1000000 first", "2000000 second");
    UnboundedReader<KV<String, String>> reader =
        source().createReader(PipelineOptionsFactory.create(), null);

    assertThat(reader.getWatermark()).isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);
    assertThat(reader.start()).isTrue();
    assertThat(reader.advance()).isTrue();
    assertThat(reader.getWatermark()).isEqualTo(new Instant(2_000_000).minus(OUT_OF_ORDERNESS));
    assertThat(reader.advance()).isTrue();
    assertThat(reader.advance()).isTrue();

    assertThat(reader.getCurrent().getKey()).endsWith("b.log:3");
    assertThat(reader.getCurrentTimestamp()).isEqualTo(new Instant(1_000_000));
    assertThat(reader.getWatermark()).isEqualTo(new Instant(3_000_000).minus(OUT_OF_ORDERNESS));
  }

  @Test
  void onceCaughtUpTheWatermarkFollowsTheClockAndANewFileIsPickedUp() throws IOException {
    write("a.log", "1000000 first", "bad");
    UnboundedReader<KV<String, String>> reader =
        source().createReader(PipelineOptionsFactory.create(), null);
    assertThat(drain(reader, reader.start())).hasSize(2);

    Instant before = Instant.now().minus(OUT_OF_ORDERNESS);
    assertThat(reader.getWatermark()).isGreaterThanOrEqualTo(before);

    write("c.log", "4000000 fourth");
    assertThat(drain(reader, reader.advance())).containsExactly("c.log:1=4000000 fourth@4000000");
  }

  @Test
  void aReaderRestoredFromACheckpointGoesOnAtTheNextLineWithTheSameWatermark() throws IOException {
    write("a.log", "1000000 first", "5000000 second");
    write("b.log", "3000000 third");
    FileLogSource source = source();
    UnboundedReader<KV<String, String>> reader =
        source.createReader(PipelineOptionsFactory.create(), null);
    reader.start();
    reader.advance();
    FileLogSource.Position checkpoint = (FileLogSource.Position) reader.getCheckpointMark();
    Instant watermark = reader.getWatermark();
    reader.close();

    UnboundedReader<KV<String, String>> restored =
        source.createReader(PipelineOptionsFactory.create(), checkpoint);

    assertThat(restored.getWatermark()).isEqualTo(watermark);
    assertThat(drain(restored, restored.start())).containsExactly("b.log:1=3000000 third@3000000");
  }

  @Test
  void aLineThatIsNotUtf8IsHandedOnMarkedNotReplacedAndMovesNoWatermark() throws IOException {
    Files.write(
        dir.resolve("a.log"),
        new byte[] {
          '1', '0', '0', '0', ' ', 'x', '\n', '9', '0', '0', '0', ' ', (byte) 0xC3, 0x28
        });
    UnboundedReader<KV<String, String>> reader =
        source().createReader(PipelineOptionsFactory.create(), null);

    assertThat(reader.start()).isTrue();
    assertThat(reader.advance()).isTrue();
    assertThat(reader.getCurrent().getKey()).endsWith("a.log:2");
    assertThat(RejectedAtRead.isRejected(reader.getCurrent().getValue())).isTrue();
    assertThat(RejectedAtRead.raw(reader.getCurrent().getValue())).isEqualTo("9000 \\xC3(");
    assertThat(reader.getWatermark()).isEqualTo(new Instant(1000).minus(OUT_OF_ORDERNESS));
  }

  /** As with Kafka: an event beyond the maximum future (5 min by default) moves no watermark. */
  @Test
  void aLineFarInTheFutureMovesNoWatermark() throws IOException {
    long future = Instant.parse("2036-01-01T00:00:00Z").getMillis();
    long twoHoursAgo = System.currentTimeMillis() - Duration.standardHours(2).getMillis();
    write("a.log", future + " from-2036", twoHoursAgo + " two-hours-old");
    UnboundedReader<KV<String, String>> reader =
        source().createReader(PipelineOptionsFactory.create(), null);

    assertThat(reader.start()).isTrue();
    assertThat(reader.getCurrentTimestamp()).isEqualTo(new Instant(future));
    assertThat(reader.advance()).isTrue();
    assertThat(reader.getCurrentTimestamp()).isEqualTo(new Instant(twoHoursAgo));
    assertThat(reader.getWatermark()).isEqualTo(new Instant(twoHoursAgo).minus(OUT_OF_ORDERNESS));
  }
}
