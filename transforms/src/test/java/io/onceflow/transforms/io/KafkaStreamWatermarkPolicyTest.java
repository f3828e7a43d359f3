package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class KafkaStreamWatermarkPolicyTest {

  private static final Instant EVENT = Instant.parse("2026-11-22T08:00:00Z");
  private static final long PRODUCED_NOW = System.currentTimeMillis();

  private static final TimestampPolicy.PartitionContext BACKLOG =
      new TimestampPolicy.PartitionContext() {
        @Override
        public long getMessageBacklog() {
          return 100;
        }

        @Override
        public Instant getBacklogCheckTime() {
          return Instant.now();
        }
      };

  private static KafkaRecord<String, String> record(String value) {
    return new KafkaRecord<>(
        "transactions", 0, 7, PRODUCED_NOW, KafkaTimestampType.CREATE_TIME, null, "k", value);
  }

  private static Instant eventTime(String value) {
    return value.startsWith("20") ? Instant.parse(value) : null;
  }

  private final KafkaStreamWatermarkPolicy policy =
      new KafkaStreamWatermarkPolicy(
          StreamWatermark.boundedOutOfOrderness(
              Duration.standardSeconds(30), Duration.standardSeconds(10)),
          KafkaStreamWatermarkPolicyTest::eventTime,
          Optional.empty());

  @Test
  void aRecordIsStampedWithTheEventTimeInItsValue() {
    assertThat(policy.getTimestampForRecord(BACKLOG, record(EVENT.toString()))).isEqualTo(EVENT);
    assertThat(policy.getWatermark(BACKLOG)).isEqualTo(EVENT.minus(Duration.standardSeconds(30)));
  }

  @Test
  void aRecordWithoutAnEventTimeKeepsTheBrokersTimestampAndMovesNoWatermark() {
    policy.getTimestampForRecord(BACKLOG, record(EVENT.toString()));

    // Measured before this rule: one malformed record moved a partition's watermark to the
    // present, and every later record of that partition was too late.
    assertThat(policy.getTimestampForRecord(BACKLOG, record("not,a,transaction")))
        .isEqualTo(new Instant(PRODUCED_NOW));
    assertThat(policy.getTimestampForRecord(BACKLOG, record(null)))
        .isEqualTo(new Instant(PRODUCED_NOW));
    assertThat(policy.getWatermark(BACKLOG)).isEqualTo(EVENT.minus(Duration.standardSeconds(30)));
  }

  @Test
  void aPolicyRestoredFromACheckpointStartsAtItsWatermark() {
    Instant restored = EVENT.minus(Duration.standardSeconds(30));
    KafkaStreamWatermarkPolicy again =
        new KafkaStreamWatermarkPolicy(
            StreamWatermark.boundedOutOfOrderness(
                Duration.standardSeconds(30), Duration.standardSeconds(10)),
            KafkaStreamWatermarkPolicyTest::eventTime,
            Optional.of(restored));
    assertThat(again.getWatermark(BACKLOG)).isEqualTo(restored);

    KafkaStreamWatermarkPolicy fresh =
        new KafkaStreamWatermarkPolicy(
            StreamWatermark.boundedOutOfOrderness(
                Duration.standardSeconds(30), Duration.standardSeconds(10)),
            KafkaStreamWatermarkPolicyTest::eventTime,
            Optional.empty());
    assertThat(fresh.getWatermark(BACKLOG)).isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  /**
   * Issue 21: one event dated 2036 moved the watermark to its time, and a valid transaction two
   * hours old that came next was dropped as late. Beyond the maximum future (5 min by default) an
   * event time moves no watermark; the read step makes that record a dead letter.
   */
  @Test
  void anEventFarInTheFutureMovesNoWatermarkSoATwoHourOldOneIsNotLate() {
    Instant future = Instant.parse("2036-01-01T00:00:00Z");
    assertThat(policy.getTimestampForRecord(BACKLOG, record(future.toString()))).isEqualTo(future);
    Instant twoHoursAgo = Instant.now().minus(Duration.standardHours(2));
    Instant stamped = policy.getTimestampForRecord(BACKLOG, record(twoHoursAgo.toString()));

    assertThat(policy.getWatermark(BACKLOG))
        .isEqualTo(twoHoursAgo.minus(Duration.standardSeconds(30)))
        .isLessThan(stamped);
  }

  private static final TimestampPolicy.PartitionContext CAUGHT_UP =
      new TimestampPolicy.PartitionContext() {
        @Override
        public long getMessageBacklog() {
          return 0;
        }

        @Override
        public Instant getBacklogCheckTime() {
          return Instant.now();
        }
      };

  private static KafkaRecord<String, String> record(long offset, String value) {
    return new KafkaRecord<>(
        "transactions", 0, offset, PRODUCED_NOW, KafkaTimestampType.CREATE_TIME, null, "k", value);
  }

  private static KafkaStreamWatermarkPolicy stoppingAt(
      AvailableNowPlan.Part part, Instant stopWatermark, Optional<Instant> restored) {
    return new KafkaStreamWatermarkPolicy(
        StreamWatermark.boundedOutOfOrderness(Duration.standardSeconds(30), Duration.ZERO),
        KafkaStreamWatermarkPolicyTest::eventTime,
        restored,
        part,
        stopWatermark);
  }

  @Test
  void inAnAvailableNowRunAQuietPartitionDoesNotFollowTheClock() {
    // Offsets [0, 10), the last record at 9; the stop watermark an hour after the data read yet.
    KafkaStreamWatermarkPolicy p =
        stoppingAt(
            new AvailableNowPlan.Part(0, 10, 9, 0, 0),
            EVENT.plus(Duration.standardHours(1)),
            Optional.empty());
    p.getTimestampForRecord(BACKLOG, record(3, EVENT.toString()));

    // No idle delay, and still no move to the clock: the data says where the watermark is.
    assertThat(p.getWatermark(BACKLOG)).isEqualTo(EVENT.minus(Duration.standardSeconds(30)));
  }

  @Test
  void recordsFromTheStopOffsetOnMoveNothingAndTheLastRecordBringsTheStopWatermark() {
    Instant stop = EVENT.plus(Duration.standardMinutes(5));
    KafkaStreamWatermarkPolicy p =
        stoppingAt(new AvailableNowPlan.Part(0, 10, 9, 0, 0), stop, Optional.empty());
    p.getTimestampForRecord(BACKLOG, record(8, EVENT.toString()));
    assertThat(p.getWatermark(BACKLOG)).isEqualTo(EVENT.minus(Duration.standardSeconds(30)));

    // Read past the stop (the next run's record, a day later): not this run's watermark.
    Instant later = EVENT.plus(Duration.standardDays(1));
    assertThat(p.getTimestampForRecord(BACKLOG, record(10, later.toString()))).isEqualTo(later);
    // ... but it says that the last record before the stop has been read.
    assertThat(p.getWatermark(BACKLOG)).isEqualTo(stop);
  }

  @Test
  void aPartitionCaughtUpOrWithNothingToReadIsAtTheStopWatermarkAtOnce() {
    Instant stop = EVENT.plus(Duration.standardMinutes(5));
    KafkaStreamWatermarkPolicy nothing =
        stoppingAt(new AvailableNowPlan.Part(4, 4, -1, 4, 4), stop, Optional.empty());
    assertThat(nothing.getWatermark(BACKLOG)).isEqualTo(stop);

    KafkaStreamWatermarkPolicy caughtUp =
        stoppingAt(new AvailableNowPlan.Part(0, 10, 9, 0, 0), stop, Optional.empty());
    assertThat(caughtUp.getWatermark(BACKLOG)).isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);
    assertThat(caughtUp.getWatermark(CAUGHT_UP)).isEqualTo(stop);
  }

  @Test
  void aPartitionWhoseDataIsAheadOfTheStopWatermarkKeepsItsOwn() {
    Instant stop = EVENT.minus(Duration.standardMinutes(5));
    KafkaStreamWatermarkPolicy p =
        stoppingAt(new AvailableNowPlan.Part(0, 10, 9, 0, 0), stop, Optional.empty());
    p.getTimestampForRecord(BACKLOG, record(9, EVENT.toString()));
    assertThat(p.getWatermark(BACKLOG)).isEqualTo(EVENT.minus(Duration.standardSeconds(30)));
  }

  @Test
  void aReaderRestoredAtTheStopWatermarkHasReadToTheStop() {
    Instant stop = EVENT.plus(Duration.standardMinutes(5));
    KafkaStreamWatermarkPolicy p =
        stoppingAt(new AvailableNowPlan.Part(0, 10, 9, 0, 0), stop, Optional.of(stop));
    assertThat(p.getWatermark(BACKLOG)).isEqualTo(stop.plus(Duration.ZERO));
  }
}
