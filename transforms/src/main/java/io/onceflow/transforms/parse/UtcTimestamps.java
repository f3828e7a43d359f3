package io.onceflow.transforms.parse;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.joda.time.Instant;

/**
 * ISO-8601 timestamps as every pipeline's parser reads them: with an offset, or without one, which
 * means UTC (a producer's {@code datetime.isoformat()}); a space may stand for the 'T'.
 */
public final class UtcTimestamps {

  private UtcTimestamps() {}

  private static final java.time.Instant FIRST = java.time.Instant.parse("0001-01-01T00:00:00Z");
  private static final java.time.Instant LAST = java.time.Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * The instant {@code text} names; a {@link DateTimeParseException} when it names none, or one
   * outside the years 0001 to 9999. Those are the years every reader of the tables holds (Spark
   * SQL's timestamps; Iceberg's microseconds end in year 294247, Java's milliseconds earlier
   * still); a time beyond them made the conversion throw an {@code ArithmeticException} (found by
   * the fuzzer, {@code TransactionsFuzzTest}), or made the sink's commit fail for ever.
   */
  public static Instant parse(String text) {
    String iso =
        text.length() > 10 && text.charAt(10) == ' '
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
    java.time.Instant instant;
    try {
      instant = OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      instant = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }
    if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
      throw new DateTimeParseException(
          "time " + text + " is outside the years 0001 to 9999", text, 0);
    }
    return new Instant(instant.toEpochMilli());
  }
}
