package io.onceflow.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts S3Mock with both of its connectors on 127.0.0.1. S3Mock binds its HTTPS connector where
 * {@code server.address} says, but builds its plain HTTP connector in code with a port only, so
 * that one listens on every interface; {@link LoopbackConnectors}, added to the application as a
 * source, binds it to loopback too.
 *
 * <p>Arguments: S3Mock's own, Spring style ({@code --com.adobe.testing.s3mock.httpPort=P}, {@code
 * --server.port=P}, {@code --com.adobe.testing.s3mock.store.root=DIR}, ...). An argument that sets
 * {@code server.address} is refused: this main decides it.
 */
public final class S3ServerMain {

  private S3ServerMain() {}

  public static void main(String[] args) {
    List<String> all = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--server.address=") || arg.startsWith("--spring.main.sources=")) {
        throw new IllegalArgumentException(
            arg + ": this main binds every connector to " + LoopbackConnectors.LOOPBACK);
      }
      all.add(arg);
    }
    all.add("--server.address=" + LoopbackConnectors.LOOPBACK);
    all.add("--spring.main.sources=" + LoopbackConnectors.class.getName());
    S3MockApplication.start(all.toArray(String[]::new));
  }
}
