package io.onceflow.transforms.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UnstorableToDeadLettersTest {

  @Test
  void aRawRowKeepsEveryDigitOfADecimalInTheOrderGiven() {
    assertThat(
            UnstorableToDeadLetters.rawRow(
                "total_amount", new BigDecimal("1E+17"), "txn_count", 2L, "is_final", true))
        .isEqualTo("total_amount=100000000000000000,txn_count=2,is_final=true");
    assertThat(UnstorableToDeadLetters.rawRow("customer_id", null)).isEqualTo("customer_id=null");
    assertThatThrownBy(() -> UnstorableToDeadLetters.rawRow("alone")).hasMessageContaining("pairs");
  }
}
