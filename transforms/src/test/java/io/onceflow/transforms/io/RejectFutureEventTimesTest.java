package io.onceflow.transforms.io;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.parse.ParseRecords;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RejectFutureEventTimes} then {@link ParseRecords}: a 2036 event is a dead letter. */
class RejectFutureEventTimesTest {

  @Test
  void anEventBeyondTheMaximumFutureIsADeadLetterAndARecentOneGoesOn() {
    Instant future = Instant.parse("2036-01-01T00:00:00Z");
    Instant twoHoursAgo = Instant.now().minus(Duration.standardHours(2));
    Instant inAMinute = Instant.now().plus(Duration.standardMinutes(1));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    ParseRecords<String> parse =
        ParseRecords.with("times", raw -> raw, Instant::parse, StringUtf8Coder.of());
    PCollectionTuple out =
        p.apply(
                Create.timestamped(
                        TimestampedValue.of(KV.of("t/0/1", future.toString()), future),
                        TimestampedValue.of(KV.of("t/0/2", twoHoursAgo.toString()), twoHoursAgo),
                        TimestampedValue.of(KV.of("t/0/3", inAMinute.toString()), inAMinute))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(RejectFutureEventTimes.beyond(Duration.standardSeconds(300)))
            .apply(parse);

    PAssert.that(out.get(parse.parsed()))
        .containsInAnyOrder(twoHoursAgo.toString(), inAMinute.toString());
    PAssert.that(
            out.get(parse.deadLetters())
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (DeadLetter d) ->
                                String.join(
                                    " | ",
                                    d.stage,
                                    d.source,
                                    d.raw,
                                    d.error.substring(0, d.error.indexOf(" (read at "))))))
        .containsInAnyOrder(
            "read | t/0/1 | 2036-01-01T00:00:00.000Z | event time 2036-01-01T00:00:00.000Z is"
                + " more than 300 s in the future");
    p.run().waitUntilFinish();
  }
}
