package io.onceflow.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls what a pipeline running elsewhere (a child JVM, a cluster) has written until it satisfies a
 * condition, with a deadline. Between looks it asks whether the pipeline has stopped, so a dead
 * pipeline ends the wait at once with its own account of why, instead of at the deadline.
 */
public final class Await {

  private static final long LOOK_EVERY_MILLIS = 500;

  private Await() {}

  /**
   * Until {@code look}'s answer satisfies {@code condition} (a null answer: not there yet), and
   * returns that answer; {@code stopped} answers, between looks, why the pipeline is no longer
   * running, or empty while it runs. {@code what} completes "the pipeline stopped before ...";
   * {@code describe} says in a few words what the last look saw, for a timeout's message.
   */
  public static <T> T until(
      String what,
      Supplier<T> look,
      Predicate<T> condition,
      Function<T, String> describe,
      Duration timeout,
      Supplier<Optional<String>> stopped)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T seen = look.get();
      if (seen != null && condition.test(seen)) {
        return seen;
      }
      Optional<String> why = stopped.get();
      if (why.isPresent()) {
        throw new IllegalStateException("the pipeline stopped before " + what + ": " + why.get());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "timed out after "
                + timeout
                + " waiting until "
                + what
                + "; last seen: "
                + (seen == null ? "nothing yet" : describe.apply(seen)));
      }
      Thread.sleep(LOOK_EVERY_MILLIS);
    }
  }
}
