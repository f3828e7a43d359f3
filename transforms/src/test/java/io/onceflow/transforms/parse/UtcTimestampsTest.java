package io.onceflow.transforms.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.format.DateTimeParseException;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link UtcTimestamps}: every time a table reader holds, and a parse error for any other. */
class UtcTimestampsTest {

  @Test
  void timesWithAndWithoutAnOffsetAndAtTheEndsOfTheRange() {
    assertThat(UtcTimestamps.parse("2026-11-24 10:00:00"))
        .isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(UtcTimestamps.parse("2026-11-24T11:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(UtcTimestamps.parse("1969-12-31T23:30:00Z").getMillis()).isEqualTo(-1_800_000);
    assertThat(UtcTimestamps.parse("0001-01-01T00:00:00Z")).isNotNull();
    assertThat(UtcTimestamps.parse("9999-12-31T23:59:59.999Z")).isNotNull();
  }

  /**
   * Found by TransactionsFuzzTest: year 999999999 threw an ArithmeticException (not a parse error),
   * and year 294000 (within Beam's range) made the Iceberg commit fail on its microseconds.
   */
  @Test
  void aTimeOutsideTheYears1To9999IsAParseError() {
    for (String text :
        new String[] {
          "+999999999-01-01T00:00:00Z",
          "+294000-01-01T00:00:00Z",
          "+10000-01-01T00:00:00Z",
          "0000-12-31T23:59:59Z",
          "-290000000-01-01T00:00:00"
        }) {
      assertThatThrownBy(() -> UtcTimestamps.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class)
          .hasMessageContaining("outside the years 0001 to 9999");
    }
  }
}
