package io.onceflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a forked service JVM: runs the real main class given as the first argument and
 * halts the JVM as soon as its standard input reaches end-of-file. The parent keeps that pipe open
 * for as long as it lives, so a parent that dies, even by SIGKILL where no shutdown hook runs,
 * takes its child with it and leaves no orphan JVM behind.
 */
public final class ParentWatchdogMain {

  private ParentWatchdogMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ParentWatchdogMain <main class> [args...]");
    }
    Thread watchdog = new Thread(ParentWatchdogMain::haltWhenParentGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void haltWhenParentGone() {
    InputStream in = System.in;
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) >= 0) {
        // The parent never writes; reading only waits for end-of-file.
      }
    } catch (IOException e) {
      System.err.println("parent-watchdog: standard input failed (" + e + "), halting");
    }
    Runtime.getRuntime().halt(3);
  }
}
