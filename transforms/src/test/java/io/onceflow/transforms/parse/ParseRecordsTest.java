package io.onceflow.transforms.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.deadletter.DeadLetter;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link ParseRecords}: every record is an element, a dead letter or skipped, nothing else. */
class ParseRecordsTest {

  @Test
  void whateverTheParserThrowsMakesADeadLetterWithTheStageAndReason() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    ParseRecords<Long> parse =
        ParseRecords.with("numbers", Long::parseLong, n -> new Instant(n), VarLongCoder.of())
            .skipping(raw -> raw.equals("header"));
    PCollectionTuple out =
        p.apply(
                Create.of(
                        KV.of("f:1", "header"),
                        KV.of("f:2", "42"),
                        KV.of("f:3", "forty-two"),
                        // Parses, but no window can hold it: year 292278994.
                        KV.of("f:5", Long.toString(Long.MAX_VALUE / 1000)),
                        KV.of("f:4", (String) null))
                    // A Kafka tombstone has no value: the read step hands it on as null.
                    .withCoder(
                        KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(StringUtf8Coder.of()))))
            .apply(parse);

    PAssert.that(out.get(parse.parsed())).containsInAnyOrder(42L);
    PAssert.that(
            out.get(parse.deadLetters())
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (DeadLetter d) ->
                                String.join(" | ", d.pipeline, d.stage, d.source, d.raw, d.error))))
        .containsInAnyOrder(
            "numbers | parse | f:3 | forty-two | For input string: \"forty-two\"",
            "numbers | parse | f:4 |  | the record has no value (a Kafka tombstone)",
            "numbers | parse | f:5 | 9223372036854775 | event time "
                + new Instant(Long.MAX_VALUE / 1000)
                + " is outside the range a pipeline can hold");
    p.run().waitUntilFinish();
  }

  @Test
  void aFailureWithoutAMessageIsNamedByItsClass() {
    DeadLetter letter = DeadLetter.of("p", "join", "t/0/1", "{}", new NullPointerException());
    assertThat(letter.error).isEqualTo("java.lang.NullPointerException");
    assertThat(letter.stage).isEqualTo("join");
  }
}
