package io.onceflow.transforms.io;

import io.onceflow.transforms.parse.StrictUtf8;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a file, each decoded by {@link StrictUtf8}: a {@code BufferedReader} would replace
 * invalid bytes with U+FFFD, here a line that is not UTF-8 reaches the parse step marked and
 * becomes a dead letter. Lines end as {@link java.io.BufferedReader#readLine} ends them ({@code
 * \n}, {@code \r} or {@code \r\n}); splitting the bytes there is safe, as neither byte occurs
 * inside a UTF-8 sequence.
 */
final class Utf8Lines implements Closeable {

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int pushedBack = -1;

  Utf8Lines(InputStream in) {
    this.in = new BufferedInputStream(in);
  }

  /** The next line without its terminator, or null at the end. */
  String readLine() throws IOException {
    line.reset();
    int b = next();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n' && b != '\r') {
      line.write(b);
      b = next();
    }
    if (b == '\r') {
      int after = next();
      if (after != '\n') {
        pushedBack = after;
      }
    }
    return StrictUtf8.decode(line.toByteArray());
  }

  private int next() throws IOException {
    if (pushedBack != -1) {
      int b = pushedBack;
      pushedBack = -1;
      return b;
    }
    return in.read();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
