package io.onceflow.pipelines.cli;

import static io.onceflow.pipelines.cli.OnceflowTest.onceflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.pipelines.cli.OnceflowTest.Call;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --metricsAddress} and the {@code /metrics} endpoint of a real run (DirectRunner). */
class MetricsCommandTest {

  private static final Pattern ENDPOINT =
      Pattern.compile("onceflow metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)\n");

  /** The summary's lines and the counters they are printed from. */
  private static final Map<String, String> SUMMARY_COUNTERS =
      Map.of(
          "records parsed", "onceflow_parsed",
          "dead letters", "onceflow_dead_letters",
          "duplicates dropped", "onceflow_duplicates",
          "conflicting versions", "onceflow_conflicts",
          "too late", "onceflow_too_late",
          "dropped by the runner", "onceflow_dropped_due_to_lateness",
          "rows written", "onceflow_rows_written",
          "commits", "onceflow_commits",
          "commits skipped", "onceflow_commits_skipped");

  @TempDir Path warehouse;

  /**
   * The run's endpoint is scraped once the summary is printed, before the endpoint closes (from the
   * stream the command prints to, on the command's thread): every counter the summary shows is in
   * the scrape, a counter, with the summary's value.
   */
  @Test
  void aRunServesItsCountersWhichEqualTheSummary() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    ScrapeAtSummaryEnd out = new ScrapeAtSummaryEnd();
    int exit =
        Onceflow.execute(
            new String[] {
              "run",
              "transactions",
              "--input=" + example,
              "--warehouse=" + warehouse,
              "--progressSeconds=0"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(exit).as(out.text()).isZero();
    assertThat(out.scrape).as("scraped at the summary's end: %s", out.text()).isNotNull();
    PrometheusText metrics = PrometheusText.parse(out.scrape);
    String summary = out.text();
    for (Map.Entry<String, String> line : SUMMARY_COUNTERS.entrySet()) {
      Matcher printed =
          Pattern.compile("\n  " + Pattern.quote(line.getKey()) + " +(\\d+)\n").matcher(summary);
      assertThat(printed.find()).as("summary line %s in %s", line.getKey(), summary).isTrue();
      assertThat(metrics.counter(line.getValue()))
          .as(line.getValue())
          .isEqualTo(Long.parseLong(printed.group(1)));
    }
    assertThat(metrics.counter("onceflow_parsed")).isPositive();
    assertThat(metrics.counter("onceflow_dead_letters")).isEqualTo(4);
    assertThat(metrics.counter("onceflow_records_read"))
        .isEqualTo(metrics.counter("onceflow_parsed") + metrics.counter("onceflow_dead_letters"));
    assertThat(metrics.value("onceflow_metrics_available")).isEqualTo(1.0);
    // The watermark of a bounded run's last windows: a timestamp in seconds, of this century.
    assertThat(metrics.value("onceflow_watermark_passed_timestamp_seconds")).isGreaterThan(1e9);
  }

  @Test
  void offServesNothing() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    Call call =
        onceflow(
            "run",
            "transactions",
            "--input=" + example,
            "--warehouse=" + warehouse,
            "--progressSeconds=0",
            "--metricsAddress=off");
    assertThat(call.exit()).isZero();
    assertThat(call.out()).contains("onceflow transactions: DONE").doesNotContain("metrics:");
  }

  @Test
  void anAddressThatIsNoneNamesTheOptionBeforeAnythingRuns() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    for (String bad : new String[] {"9464", "127.0.0.1:", "127.0.0.1:port", "127.0.0.1:70000"}) {
      Call call =
          onceflow(
              "run",
              "transactions",
              "--input=" + example,
              "--warehouse=" + warehouse,
              "--metricsAddress=" + bad);
      assertThat(call.exit()).as(bad).isEqualTo(2);
      assertThat(call.err())
          .as(bad)
          .contains("--metricsAddress must be HOST:PORT (port 0 for any free one) or off")
          .contains("was '" + bad + "'")
          .doesNotContain("\tat ");
      assertThat(call.out()).as(bad).doesNotContain("onceflow transactions:");
    }
  }

  @Test
  void aTakenPortNamesTheOptionAndStopsTheRun() throws IOException {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();
      Call call =
          onceflow(
              "run",
              "transactions",
              "--input=" + example,
              "--warehouse=" + warehouse,
              "--progressSeconds=0",
              "--metricsAddress=" + address);
      assertThat(call.exit()).isEqualTo(2);
      assertThat(call.err())
          .contains("onceflow run transactions: --metricsAddress " + address + " cannot be served")
          .doesNotContain("\tat ");
      assertThat(call.out()).doesNotContain("onceflow transactions: DONE");
    }
  }

  /**
   * What the command prints, kept; when the summary's last line has come, the endpoint the run
   * printed is scraped there and then.
   */
  private static final class ScrapeAtSummaryEnd extends OutputStream {
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private volatile String scrape;

    @Override
    public synchronized void write(int b) {
      text.write(b);
      if (b == '\n' && scrape == null && text().matches("(?s).*\n  tables in [^\n]*\n")) {
        Matcher endpoint = ENDPOINT.matcher(text());
        if (!endpoint.find()) {
          throw new AssertionError("no endpoint line in: " + text());
        }
        scrape = get(endpoint.group(1));
      }
    }

    String text() {
      return text.toString(StandardCharsets.UTF_8);
    }

    private static String get(String url) {
      try {
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/plain");
        return response.body();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
