package io.onceflow.pipelines.dashboard;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code onceflow demo <pipeline> --dashboard}: the dashboard alongside a demo, on its tables. */
public interface DemoDashboardOptions extends PipelineOptions {

  @Description(
      "Serve the dashboard on the demo's tables while it runs; once the demo has verified, it"
          + " keeps serving until Ctrl-C.")
  @Default.Boolean(false)
  boolean getDashboard();

  void setDashboard(boolean value);

  @Description("Port of the demo's dashboard (on 127.0.0.1); 0 takes a free one.")
  @Default.Integer(8090)
  int getDashboardPort();

  void setDashboardPort(int value);
}
