package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.transforms.coders.AmountCoder;
import io.onceflow.transforms.dedup.Conflict;
import io.onceflow.transforms.dedup.ConflictCoder;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.dedup.CountedCoder;
import java.math.BigDecimal;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionCodersTest {

  private static final TransactionEvent EVENT =
      new TransactionEvent(
          Instant.parse("2026-11-24T10:15:00Z"),
          Instant.parse("2026-11-24T10:16:30Z"),
          "t-1",
          "c-7",
          new BigDecimal("-12.50"),
          "SUCCESS");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.00",
        "12.50",
        "-0.01",
        "9999999999999999.99",
        "-9999999999999999.99",
        "12345678901234567890123.45",
        "1E+3",
        "0.000001"
      })
  void amountsComeBackWithTheirScale(String amount) throws Exception {
    BigDecimal value = new BigDecimal(amount);
    BigDecimal decoded =
        CoderUtils.decodeFromByteArray(
            AmountCoder.of(), CoderUtils.encodeToByteArray(AmountCoder.of(), value));
    assertThat(decoded).isEqualTo(value);
    assertThat(decoded.scale()).isEqualTo(value.scale());
    CoderProperties.coderDeterministic(AmountCoder.of(), value, new BigDecimal(amount));
  }

  @Test
  void nullAmountIsRefusedWithAReason() {
    assertThatThrownBy(() -> CoderUtils.encodeToByteArray(AmountCoder.of(), null))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("null amount");
  }

  @Test
  void transactionsRoundTripWholly() throws Exception {
    TransactionEvent other =
        new TransactionEvent(
            EVENT.eventTime, EVENT.processingTime, "t-1", "c-7", new BigDecimal("13.00"), "FAILED");
    CoderProperties.coderDecodeEncodeEqual(TransactionEventCoder.of(), EVENT);
    CoderProperties.coderDecodeEncodeEqual(
        CountedCoder.of(TransactionEventCoder.of()), Counted.retract(EVENT));
    CoderProperties.coderDecodeEncodeEqual(
        CountedCoder.of(TransactionEventCoder.of()), Counted.count(EVENT));
    CoderProperties.coderDecodeEncodeEqual(
        ConflictCoder.of(TransactionEventCoder.of()),
        new Conflict<TransactionEvent>("t-1", other, EVENT));
  }

  @Test
  void pipelinesFindTheseCodersWithoutBeingTold() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertThat(registry.getCoder(TransactionEvent.class)).isSameAs(TransactionEventCoder.of());
    // The generic coders are found from the element type's coder, through @DefaultCoder.
    assertThat(registry.getCoder(new TypeDescriptor<Counted<TransactionEvent>>() {}))
        .isEqualTo(CountedCoder.of(TransactionEventCoder.of()));
    assertThat(registry.getCoder(new TypeDescriptor<Conflict<TransactionEvent>>() {}))
        .isEqualTo(ConflictCoder.of(TransactionEventCoder.of()));
  }
}
