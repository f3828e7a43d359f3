package io.onceflow.pipelines;

/**
 * An option or argument that cannot work, found before anything ran: the command line reports its
 * message (which names the option) and exits with 2, without a stack trace.
 */
public final class BadOptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadOptionException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Parses options with {@code parse}; what Beam's parser and the pipelines' checks reject ({@link
   * IllegalArgumentException}, naming the option) becomes a bad option.
   */
  public static <T> T parsing(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new BadOptionException(e.getMessage(), e);
    }
  }
}
