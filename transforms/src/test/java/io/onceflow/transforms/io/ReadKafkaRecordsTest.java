package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.parse.RejectedAtRead;
import java.nio.charset.StandardCharsets;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class ReadKafkaRecordsTest {

  private static ReadKafkaRecords from(ReadKafkaRecords.Start start) {
    return ReadKafkaRecords.of(
        "127.0.0.1:9092",
        "purchases",
        "onceflow-purchases",
        start,
        null,
        true,
        0,
        StreamWatermark.boundedOutOfOrderness(
            Duration.standardSeconds(60), Duration.standardSeconds(10)),
        null);
  }

  @Test
  void offsetsAreCommittedToTheGroupWhenTheRunnerFinalizesWhatItRead() {
    assertThat(
            from(ReadKafkaRecords.Start.COMMITTED)
                .kafkaRead(false)
                .isCommitOffsetsInFinalizeEnabled())
        .isTrue();
    assertThat(
            from(ReadKafkaRecords.Start.LATEST).kafkaRead(false).isCommitOffsetsInFinalizeEnabled())
        .isTrue();
  }

  @Test
  void aReplayFromTheEarliestOffsetsCommitsNothing() {
    assertThat(
            from(ReadKafkaRecords.Start.EARLIEST)
                .kafkaRead(false)
                .isCommitOffsetsInFinalizeEnabled())
        .isFalse();
  }

  /**
   * Spark finalizes a micro-batch's read before anything downstream is checkpointed, and the
   * DirectRunner once it is in memory, so the group's offsets would run ahead of what a restart
   * holds (ReadKafkaRecords#commitsOffsets).
   */
  @Test
  void onSparkAndTheDirectRunnerNoOffsetIsCommitted() {
    for (ReadKafkaRecords.Start start :
        new ReadKafkaRecords.Start[] {
          ReadKafkaRecords.Start.COMMITTED,
          ReadKafkaRecords.Start.LATEST,
          ReadKafkaRecords.Start.EARLIEST
        }) {
      assertThat(from(start).kafkaRead(true).isCommitOffsetsInFinalizeEnabled())
          .as(start.name())
          .isFalse();
    }
  }

  /** Kafka's StringDeserializer would replace invalid bytes with U+FFFD; this one marks them. */
  @Test
  void valuesAreDecodedStrictlyAndATombstoneStaysNull() {
    StrictUtf8Deserializer values = new StrictUtf8Deserializer();
    assertThat(values.deserialize("t", "txn-\u00e9".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("txn-\u00e9");
    assertThat(RejectedAtRead.raw(values.deserialize("t", new byte[] {'a', (byte) 0xC3, 0x28})))
        .isEqualTo("a\\xC3(");
    assertThat(values.deserialize("t", null)).isNull();
  }
}
