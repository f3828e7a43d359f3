package io.onceflow.transforms.io;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.parse.ParseRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReadFileLines} then {@link ParseRecords}: a line that is not UTF-8 is a dead letter. */
class ReadFileLinesTest {

  @TempDir Path dir;

  @Test
  void aLineThatIsNotUtf8IsADeadLetterWithItsBytesNotAReplacedId() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("id-1\r\n".getBytes(StandardCharsets.UTF_8));
    // Two ids that a lenient decoder would both read as "id-\uFFFD(": one would vanish as a
    // duplicate of the other.
    file.writeBytes(new byte[] {'i', 'd', '-', (byte) 0xC3, 0x28, '\n'});
    file.writeBytes(new byte[] {'i', 'd', '-', (byte) 0xFF, 0x28, '\n'});
    file.writeBytes("id-\u00e9\n\nid-last".getBytes(StandardCharsets.UTF_8));
    Path input = dir.resolve("ids.txt");
    Files.write(input, file.toByteArray());

    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    ParseRecords<String> parse =
        ParseRecords.with("ids", raw -> raw, id -> new Instant(0), StringUtf8Coder.of());
    PCollectionTuple out =
        p.apply(ReadFileLines.matching(dir.resolve("*.txt").toString())).apply(parse);

    PAssert.that(out.get(parse.parsed())).containsInAnyOrder("id-1", "id-\u00e9", "id-last");
    String reason =
        "the record is not valid UTF-8 (first invalid byte at offset 3; raw shows each invalid"
            + " byte as \\xNN and a backslash as \\\\)";
    PAssert.that(
            out.get(parse.deadLetters())
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (DeadLetter d) ->
                                String.join(
                                    " | ",
                                    d.stage,
                                    d.source.substring(d.source.lastIndexOf('/') + 1),
                                    d.raw,
                                    d.error))))
        .containsInAnyOrder(
            "read | ids.txt:2 | id-\\xC3( | " + reason, "read | ids.txt:3 | id-\\xFF( | " + reason);
    p.run().waitUntilFinish();
  }
}
