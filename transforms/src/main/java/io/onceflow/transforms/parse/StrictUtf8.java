package io.onceflow.transforms.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a record's bytes as UTF-8 without replacing anything: Java's default decoding turns every
 * invalid byte into U+FFFD, so two distinct ids ({@code A\xC3(} and {@code A\xFF(}) would become
 * the same string and one of them would be deduplicated away. A record that is not valid UTF-8 is
 * instead handed on <em>marked</em> as undecodable, with its bytes escaped, and {@link
 * ParseRecords} makes it a dead letter.
 *
 * <p>The mark travels in the record's value because the read step's records are text ({@code
 * KV<source position, raw>}); it starts with U+0000, which no record of any pipeline's format (CSV,
 * JSON lines) can start with, so a valid record is never mistaken for one (a text that did start
 * with the mark would be a dead letter too, never counted). The escaped form keeps every valid
 * character as it is, each invalid byte as {@code \xNN} and a backslash as {@code \\}, so the bytes
 * can be recovered exactly from the dead letter's {@code raw}.
 */
public final class StrictUtf8 {

  private StrictUtf8() {}

  /**
   * The text of {@code bytes}, or, when they are not valid UTF-8, their escaped form marked {@link
   * RejectedAtRead}.
   */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** As {@link #decode(byte[])}, over {@code length} bytes from {@code offset}. */
  public static String decode(byte[] bytes, int offset, int length) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer out = CharBuffer.allocate(Math.max(16, length));
    StringBuilder escaped = null;
    long firstInvalid = -1;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isOverflow()) {
        out = grow(out);
        continue;
      }
      if (result.isError()) {
        if (escaped == null) {
          escaped = new StringBuilder();
          firstInvalid = in.position() - offset;
        }
        appendEscaped(escaped, out);
        for (int i = 0; i < result.length(); i++) {
          escaped.append(String.format("\\x%02X", in.get() & 0xFF));
        }
        continue;
      }
      // Underflow: every byte read; flush what a decoder may still hold.
      if (decoder.flush(out).isOverflow()) {
        out = grow(out);
        continue;
      }
      break;
    }
    if (escaped == null) {
      out.flip();
      return out.toString();
    }
    appendEscaped(escaped, out);
    return RejectedAtRead.mark(
        "the record is not valid UTF-8 (first invalid byte at offset "
            + firstInvalid
            + "; raw shows each invalid byte as \\xNN and a backslash as \\\\)",
        escaped.toString());
  }

  private static void appendEscaped(StringBuilder escaped, CharBuffer decoded) {
    decoded.flip();
    while (decoded.hasRemaining()) {
      char c = decoded.get();
      escaped.append(c == '\\' ? "\\\\" : String.valueOf(c));
    }
    decoded.clear();
  }

  private static CharBuffer grow(CharBuffer out) {
    CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
    out.flip();
    return bigger.put(out);
  }
}
