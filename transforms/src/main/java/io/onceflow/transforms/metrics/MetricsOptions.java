package io.onceflow.transforms.metrics;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where a running pipeline serves its metrics ({@link MetricsEndpoint}). */
public interface MetricsOptions extends PipelineOptions {

  /** The value that serves no endpoint. */
  String OFF = "off";

  @Description(
      "Serve the pipeline's metrics in Prometheus text format at http://HOST:PORT/metrics while"
          + " it runs; the address is printed at start-up. Port 0: any free port. 'off': no"
          + " endpoint. Loopback by default: the endpoint has no authentication, so it is offered"
          + " to the network only when asked (e.g. 0.0.0.0:9464).")
  @Default.String("127.0.0.1:0")
  String getMetricsAddress();

  void setMetricsAddress(String value);
}
