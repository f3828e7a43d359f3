package io.onceflow.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.beam.sdk.PipelineResult;

/**
 * A detached Flink job's totals from Flink's REST API, while it runs. Beam's Flink runner hands a
 * running job's metrics to Flink's metric system (every operator's counter {@code onceflow.<name>},
 * in the REST API {@code <operator>.onceflow_<name>}), and its {@code PipelineResult.metrics()}
 * reads accumulators that it registers only when the job ends, so they are zeros until then.
 * Flink's REST API serves the metric system: per vertex, {@code
 * /jobs/<job>/vertices/<vertex>/subtasks/metrics}, summed over the subtasks (refreshed by Flink
 * every 10 s, {@code metrics.fetcher.update-interval}); here summed over the operators too, as a
 * counter is in {@link MetricTotals}, and a gauge at its greatest.
 *
 * <p>The REST address is the embedded cluster's or the session cluster's the job was submitted to,
 * found on the job client Beam's result holds (Flink's classes are not on every classpath, hence
 * reflection; {@link #of} is empty when the result is not such a job's).
 */
final class FlinkRestMetrics {

  // Flink's REST API names the metric "onceflow.parsed" of an operator "<operator>.onceflow_parsed"
  // (measured on the embedded cluster of Flink 1.19).
  private static final String COUNTER_INFIX = "." + MetricNames.NAMESPACE + "_";
  private static final String DROPPED_SUFFIX = MetricNames.DROPPED_DUE_TO_LATENESS;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final URI rest;
  private final String jobId;

  private FlinkRestMetrics(URI rest, String jobId) {
    this.rest = rest;
    this.jobId = jobId;
  }

  /** The REST reader of a detached Flink job's result, if {@code result} is one. */
  static Optional<FlinkRestMetrics> of(PipelineResult result) {
    if (!result
        .getClass()
        .getName()
        .equals("org.apache.beam.runners.flink.FlinkDetachedRunnerResult")) {
      return Optional.empty();
    }
    try {
      Object jobClient = field(result, "jobClient");
      String jobId = String.valueOf(jobClient.getClass().getMethod("getJobID").invoke(jobClient));
      URI rest;
      if (hasField(jobClient, "miniCluster")) {
        Object miniCluster = field(jobClient, "miniCluster");
        CompletableFuture<?> address =
            (CompletableFuture<?>)
                miniCluster.getClass().getMethod("getRestAddress").invoke(miniCluster);
        rest = (URI) address.get();
      } else {
        Object provider = field(jobClient, "clusterClientProvider");
        Object client = provider.getClass().getMethod("getClusterClient").invoke(provider);
        rest =
            URI.create((String) client.getClass().getMethod("getWebInterfaceURL").invoke(client));
      }
      return Optional.of(new FlinkRestMetrics(rest, jobId));
    } catch (ReflectiveOperationException
        | java.util.concurrent.ExecutionException
        | RuntimeException e) {
      throw new IllegalStateException(
          "cannot find the Flink job's REST address for its metrics: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Where it reads from, e.g. {@code http://localhost:35211}. */
  URI rest() {
    return rest;
  }

  /** The job's onceflow counters and gauges now, as its operators report them to Flink. */
  MetricTotals totals() {
    Map<String, Long> counters = new HashMap<>();
    Map<String, Long> gauges = new HashMap<>();
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      String metricsPath =
          "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
      for (JsonNode available : get(metricsPath)) {
        String id = available.path("id").asText();
        String name = metricName(id);
        if (name == null) {
          continue;
        }
        // One id a request: operator names may hold the commas that separate a list of them.
        for (JsonNode value :
            get(
                metricsPath
                    + "?agg=sum,max&get="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))) {
          if (name.equals(MetricNames.WATERMARK_PASSED)) {
            gauges.merge(name, value.path("max").asLong(), Math::max);
          } else {
            counters.merge(name, value.path("sum").asLong(), Long::sum);
          }
        }
      }
    }
    return MetricTotals.of(counters, gauges);
  }

  /** onceflow's name of the Flink metric {@code <operator>.onceflow_<name>}, else null. */
  static String metricName(String id) {
    int at = id.lastIndexOf(COUNTER_INFIX);
    if (at >= 0) {
      return id.substring(at + COUNTER_INFIX.length());
    }
    return id.endsWith(DROPPED_SUFFIX) ? MetricNames.DROPPED_DUE_TO_LATENESS : null;
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Flink's REST API answered " + response.statusCode() + " to " + path);
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Flink's REST API at " + rest + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean hasField(Object o, String name) {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(name + " in " + o.getClass().getName());
  }
}
