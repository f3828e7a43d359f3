package io.onceflow.pipelines.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.pipelines.BadOptionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {

  @TempDir Path dir;

  @Test
  void prometheusSamplesAreNameWithLabelsAndValue() {
    assertThat(
            PrometheusText.samples(
                "# HELP onceflow_records_read_total x\n"
                    + "# TYPE onceflow_records_read_total counter\n"
                    + "onceflow_records_read_total{pipeline=\"transactions\",at=\"a b\"} 5150.0\n"
                    + "onceflow_watermark_seconds 1.7E9 1764547200000\n"))
        .containsExactly(
            List.of("onceflow_records_read_total{pipeline=\"transactions\",at=\"a b\"}", "5150.0"),
            List.of("onceflow_watermark_seconds", "1.7E9"));
  }

  @Test
  void aBadPortIsABadOptionNamingIt() {
    assertThatThrownBy(() -> Dashboard.options(new String[] {"--port=70000"}))
        .isInstanceOf(BadOptionException.class)
        .hasMessageContaining("--port");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMissingWarehouseIsAMessagePerTableNotAnError() {
    DashboardState state =
        new DashboardState(
            Dashboard.options(new String[] {"--warehouse=" + dir.resolve("nothing-here")}));
    List<Map<String, Object>> pipelines = (List<Map<String, Object>>) state.read().get("pipelines");
    assertThat(pipelines).isNotEmpty();
    for (Map<String, Object> p : pipelines) {
      for (Map<String, Object> t : (List<Map<String, Object>>) p.get("tables")) {
        assertThat((String) t.get("error")).as(String.valueOf(t.get("name"))).isNotBlank();
      }
    }
  }
}
