package io.onceflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Plain HTTP calls to the clusters' REST and status endpoints on loopback. */
final class HttpCalls {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpCalls() {}

  /** The body of a 2xx answer, or empty if nothing answers (yet) or the answer is not 2xx. */
  static Optional<String> tryCall(String method, String url) {
    try {
      HttpResponse<String> response = send(method, url);
      return response.statusCode() / 100 == 2 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException notAnswering) {
      return Optional.empty();
    }
  }

  /** The body of a 2xx answer; anything else is an error naming the call and what came back. */
  static String call(String method, String url) {
    try {
      HttpResponse<String> response = send(method, url);
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + " failed", e);
    }
  }

  private static HttpResponse<String> send(String method, String url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + url, e);
    }
  }
}
