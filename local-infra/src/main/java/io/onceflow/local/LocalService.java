package io.onceflow.local;

/**
 * Lifecycle shared by the local services: a service is started once, stopped once, and may be
 * started again after a stop. Misuse (start while running, stop while not running) is a clear
 * {@link IllegalStateException} rather than a second server or a silent no-op, because a test that
 * does either has a bug worth seeing. {@link #close()} is the forgiving variant for
 * try-with-resources and test tear-down.
 */
public abstract class LocalService implements AutoCloseable {

  private boolean running;

  /** Starts the service; throws if it is already running or cannot start. */
  public final synchronized void start() {
    if (running) {
      throw new IllegalStateException(
          describe() + " is already running; stop it before starting it again");
    }
    doStart();
    running = true;
  }

  /** Stops the service; throws if it is not running. */
  public final synchronized void stop() {
    if (!running) {
      throw new IllegalStateException(
          describe() + " is not running; it was never started or is already stopped");
    }
    running = false;
    doStop();
  }

  public final synchronized boolean isRunning() {
    return running;
  }

  /** Stops the service if it is running. */
  @Override
  public final synchronized void close() {
    if (running) {
      stop();
    }
  }

  protected final synchronized void checkRunning() {
    if (!running) {
      throw new IllegalStateException(describe() + " is not running");
    }
  }

  protected abstract void doStart();

  protected abstract void doStop();

  /** A short human-readable name, used in every error message. */
  protected abstract String describe();
}
