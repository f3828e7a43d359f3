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

  /** The instant {@code text} names; a {@link DateTimeParseException} when it names none. */
  public static Instant parse(String text) {
    String iso =
        text.length() > 10 && text.charAt(10) == ' '
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
    try {
      return new Instant(OffsetDateTime.parse(iso).toInstant().toEpochMilli());
    } catch (DateTimeParseException withoutOffset) {
      return new Instant(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli());
    }
  }
}
