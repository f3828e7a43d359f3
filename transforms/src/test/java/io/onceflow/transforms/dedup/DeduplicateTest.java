package io.onceflow.transforms.dedup;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link Deduplicate} with each rule, on the DirectRunner: elements are {@code key|minute|content}
 * strings, arriving in the order given, one at a time.
 */
class DeduplicateTest {

  private static final SerializableComparator<String> BY_CONTENT =
      (a, b) -> content(a).compareTo(content(b));

  @Test
  void keepFirstCountsTheEarliestOccurrenceEvenWhenItArrivesLast() {
    Pipeline p = pipeline();
    Deduplicate<String> dedup = keepFirst();
    PCollectionTuple out =
        p.apply(stream("m1|10|later", "m1|5|first", "m1|7|between")).apply(dedup);

    PAssert.that(out.get(dedup.counted()))
        .containsInAnyOrder(
            Counted.count("m1|10|later"),
            Counted.retract("m1|10|later"),
            Counted.count("m1|5|first"));
    // The occurrence counted first and beaten later, then a later one: both duplicates.
    PAssert.that(out.get(dedup.duplicates())).containsInAnyOrder("m1|10|later", "m1|7|between");
    PAssert.that(out.get(dedup.conflicts())).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void keepFirstBreaksATieInTimeByContentWhateverTheArrivalOrder() {
    for (List<String> order : List.of(List.of("m1|5|b", "m1|5|a"), List.of("m1|5|a", "m1|5|b"))) {
      Pipeline p = pipeline();
      Deduplicate<String> dedup = keepFirst();
      PCollectionTuple out = p.apply(stream(order.toArray(new String[0]))).apply(dedup);
      PAssert.that(out.get(dedup.duplicates())).containsInAnyOrder("m1|5|b");
      p.run().waitUntilFinish();
    }
  }

  @Test
  void keepBestReportsAConflictAndRetractsTheBeatenVersion() {
    Pipeline p = pipeline();
    Deduplicate<String> dedup =
        Deduplicate.by(
            DeduplicateTest::key,
            DeduplicateTest::time,
            DedupRule.keepBest(BY_CONTENT),
            Duration.standardHours(1));
    PCollectionTuple out =
        p.apply(stream("t1|1|v1", "t1|1|v2", "t1|1|v2", "t1|1|v0", "t2|1|v1")).apply(dedup);

    PAssert.that(out.get(dedup.counted()))
        .containsInAnyOrder(
            Counted.count("t1|1|v1"),
            Counted.retract("t1|1|v1"),
            Counted.count("t1|1|v2"),
            Counted.count("t2|1|v1"));
    PAssert.that(out.get(dedup.duplicates())).containsInAnyOrder("t1|1|v2");
    PAssert.that(out.get(dedup.conflicts()))
        .containsInAnyOrder(
            new Conflict<>("t1", "t1|1|v2", "t1|1|v1"), new Conflict<>("t1", "t1|1|v2", "t1|1|v0"));
    p.run().waitUntilFinish();
  }

  private static Deduplicate<String> keepFirst() {
    return Deduplicate.by(
            DeduplicateTest::key,
            DeduplicateTest::time,
            DedupRule.keepFirst(DeduplicateTest::time, BY_CONTENT),
            Duration.standardHours(1))
        .withShards(4);
  }

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  private static TestStream<String> stream(String... elements) {
    TestStream.Builder<String> stream =
        TestStream.create(StringUtf8Coder.of()).advanceWatermarkTo(new Instant(0));
    for (String e : elements) {
      stream = stream.addElements(TimestampedValue.of(e, time(e)));
    }
    return stream.advanceWatermarkToInfinity();
  }

  private static String key(String e) {
    return e.split("\\|")[0];
  }

  private static Instant time(String e) {
    return new Instant(Duration.standardMinutes(Long.parseLong(e.split("\\|")[1])).getMillis());
  }

  private static String content(String e) {
    return e.split("\\|")[2];
  }
}
