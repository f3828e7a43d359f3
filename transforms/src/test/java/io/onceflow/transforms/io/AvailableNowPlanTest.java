package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class AvailableNowPlanTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration OUT_OF_ORDER = Duration.standardMinutes(1);
  private static final Duration REREAD = Duration.standardMinutes(20);

  private static Instant at(int minutes) {
    return T0.plus(Duration.standardMinutes(minutes));
  }

  @Test
  void theStopWatermarkIsTheLeastPartitionsGreatestEventTimeMinusTheOutOfOrderness() {
    PartitionScan p0 = new PartitionScan(0, 0, 3, 0);
    p0.add(0, at(0));
    p0.add(1, at(50));
    p0.add(2, at(40));
    PartitionScan p1 = new PartitionScan(1, 0, 2, 0);
    p1.add(0, at(10));
    p1.add(1, at(45));

    AvailableNowPlan plan = AvailableNowPlan.of("t", List.of(p0, p1), OUT_OF_ORDER, REREAD);

    assertThat(plan.stopWatermark()).isEqualTo(at(44));
    assertThat(plan.records()).isEqualTo(5);
    assertThat(plan.reread()).isZero();
  }

  @Test
  void theNextRunResumesAtTheFirstRecordAtOrAfterTheStopWatermarkMinusTheReread() {
    // Stop watermark 10:59; the next run must read again from 10:39 on.
    PartitionScan p = new PartitionScan(0, 100, 106, 100);
    p.add(100, at(0));
    p.add(101, at(38));
    p.add(102, at(30)); // late: older than the one before
    p.add(103, at(39));
    p.add(104, null); // a record without an event time: moves nothing
    p.add(105, at(60));

    AvailableNowPlan.Part part = AvailableNowPlan.of("t", List.of(p), OUT_OF_ORDER, REREAD).part(0);

    assertThat(part.resume).isEqualTo(103);
    assertThat(part.start).isEqualTo(100);
    assertThat(part.stop).isEqualTo(106);
    assertThat(part.last).isEqualTo(105);
  }

  @Test
  void everyPartitionResumesAtItsOwnFirstRecordAtOrAfterTheSameTime() {
    // Partition 1 holds the stop watermark at 10:09: partition 0's records before 09:49 are not
    // needed again; every partition's newest record is at or after it, so each is read again
    // from its newest record at the latest.
    PartitionScan p0 = new PartitionScan(0, 0, 3, 0);
    p0.add(0, at(-60));
    p0.add(1, at(-30));
    p0.add(2, at(60));
    PartitionScan p1 = new PartitionScan(1, 0, 3, 0);
    p1.add(0, at(5));
    p1.add(1, at(10));
    p1.add(2, at(8));

    AvailableNowPlan plan = AvailableNowPlan.of("t", List.of(p0, p1), OUT_OF_ORDER, REREAD);

    assertThat(plan.stopWatermark()).isEqualTo(at(9));
    assertThat(plan.part(0).resume).isEqualTo(2);
    assertThat(plan.part(1).resume).isEqualTo(0);
  }

  @Test
  void recordsBeforeWhereThePreviousRunStoppedAreReadAgain() {
    PartitionScan p = new PartitionScan(0, 10, 14, 12);
    p.add(10, at(0));
    p.add(11, at(1));
    p.add(12, at(2));
    p.add(13, at(3));

    AvailableNowPlan plan = AvailableNowPlan.of("t", List.of(p), OUT_OF_ORDER, REREAD);

    assertThat(plan.records()).isEqualTo(4);
    assertThat(plan.reread()).isEqualTo(2);
  }

  @Test
  void anEmptyPartitionDoesNotHoldTheWatermarkAndResumesAtItsEnd() {
    PartitionScan empty = new PartitionScan(0, 7, 7, 7);
    PartitionScan full = new PartitionScan(1, 0, 1, 0);
    full.add(0, at(30));

    AvailableNowPlan plan = AvailableNowPlan.of("t", List.of(empty, full), OUT_OF_ORDER, REREAD);

    assertThat(plan.stopWatermark()).isEqualTo(at(29));
    assertThat(plan.part(0).resume).isEqualTo(7);
    assertThat(plan.part(0).last).isEqualTo(-1);
  }

  @Test
  void withoutAnyEventTimeNoWindowCanCloseAndOnlyTheEndIsResumedAt() {
    PartitionScan p = new PartitionScan(0, 0, 2, 0);
    p.add(0, null);
    p.add(1, null);

    AvailableNowPlan plan = AvailableNowPlan.of("t", List.of(p), OUT_OF_ORDER, REREAD);

    assertThat(plan.stopWatermark()).isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);
    assertThat(plan.part(0).resume).isEqualTo(2);
  }

  @Test
  void aScanRefusesRecordsOutOfItsRangeOrOrder() {
    PartitionScan p = new PartitionScan(0, 5, 8, 5);
    p.add(5, at(0));
    assertThatThrownBy(() -> p.add(5, at(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.add(8, at(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PartitionScan(0, 9, 8, 9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRecordBeforeItsPartitionsPreviousStopWasReadByThePreviousRun() {
    // Partition 0: the previous run stopped at 103, this one starts again at 100 (to re-read open
    // windows). Partition 1 is new to the group: nothing was read before.
    PartitionScan p0 = new PartitionScan(0, 100, 106, 103);
    PartitionScan p1 = new PartitionScan(1, 0, 2, 0);

    var readBefore =
        AvailableNowPlan.of("clicks", List.of(p0, p1), OUT_OF_ORDER, REREAD).readByPreviousRun();

    assertThat(readBefore.apply(ReadKafkaRecords.position("clicks", 0, 100))).isTrue();
    assertThat(readBefore.apply(ReadKafkaRecords.position("clicks", 0, 102))).isTrue();
    assertThat(readBefore.apply(ReadKafkaRecords.position("clicks", 0, 103))).isFalse();
    assertThat(readBefore.apply(ReadKafkaRecords.position("clicks", 1, 0))).isFalse();
    // A partition created after start-up: its records are all new.
    assertThat(readBefore.apply(ReadKafkaRecords.position("clicks", 7, 0))).isFalse();
  }

  @Test
  void theOffsetsMetadataCarriesWhereTheRunStoppedAndItsStateSnapshot() {
    OffsetAndMetadata old = new OffsetAndMetadata(90, "onceflow available-now stopped at 120");
    OffsetAndMetadata withState =
        new OffsetAndMetadata(
            90, "onceflow available-now stopped at 120, state snapshot 8345678901234567");
    OffsetAndMetadata empty =
        new OffsetAndMetadata(90, "onceflow available-now stopped at 120, state snapshot -1");
    OffsetAndMetadata foreign = new OffsetAndMetadata(77, "");

    assertThat(KafkaAvailableNow.stoppedAt(old)).isEqualTo(120);
    assertThat(KafkaAvailableNow.stateSnapshot(old)).isNull();
    assertThat(KafkaAvailableNow.stoppedAt(withState)).isEqualTo(120);
    assertThat(KafkaAvailableNow.stateSnapshot(withState)).isEqualTo(8345678901234567L);
    assertThat(KafkaAvailableNow.stateSnapshot(empty)).isEqualTo(AvailableNow.NO_SNAPSHOT);
    assertThat(KafkaAvailableNow.stoppedAt(foreign)).isEqualTo(77);
    assertThat(KafkaAvailableNow.stateSnapshot(foreign)).isNull();
  }
}
