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
}
