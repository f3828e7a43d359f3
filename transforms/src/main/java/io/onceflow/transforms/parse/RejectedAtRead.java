package io.onceflow.transforms.parse;

/**
 * A record that the read step already knows to be unusable (bytes that are not UTF-8, an event time
 * too far in the future), handed on to {@link ParseRecords}, which makes it a dead letter with the
 * read step's reason, as it does with whatever a parser throws: one place turns records into dead
 * letters, for every pipeline.
 *
 * <p>The mark travels in the record's value because the read step's records are text ({@code
 * KV<source position, raw>}). It starts with U+0000, which no record of any pipeline's format (CSV,
 * JSON lines) can start with, so a valid record is never mistaken for one; a text that did start
 * with the mark would be a dead letter too, never counted.
 */
public final class RejectedAtRead {

  private static final String MARK = "\u0000onceflow-rejected-at-read\u0000";

  private RejectedAtRead() {}

  /** {@code raw} marked as rejected for {@code reason} (which holds no U+0000). */
  public static String mark(String reason, String raw) {
    return MARK + reason + "\u0000" + raw;
  }

  /** Whether {@code value} is a record the read step rejected. */
  public static boolean isRejected(String value) {
    return value != null && value.startsWith(MARK);
  }

  /** Why the read step rejected the record. */
  public static String reason(String rejected) {
    return rejected.substring(MARK.length(), rejected.indexOf('\u0000', MARK.length()));
  }

  /** The record as the dead letter keeps it. */
  public static String raw(String rejected) {
    return rejected.substring(rejected.indexOf('\u0000', MARK.length()) + 1);
  }
}
