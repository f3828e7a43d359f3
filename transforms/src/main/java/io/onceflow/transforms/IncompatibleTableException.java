package io.onceflow.transforms;

/**
 * A table that exists but cannot be written by this run without changing what its rows mean: a
 * schema that cannot take the rows, or an option (window size, dedup shards) other than the one the
 * table was created with. Found while the pipeline is built, before anything runs; the command line
 * reports the message, which names the table and what to do, as a start-up error.
 */
public final class IncompatibleTableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public IncompatibleTableException(String message) {
    super(message);
  }
}
