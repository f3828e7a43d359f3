package io.onceflow.benchmarks;

import java.util.List;

/**
 * One system's run over one workload: how long, how fast, how much memory and CPU, how many
 * commits, and whether its answer was right ({@code wrongKeys}: customer-hours whose total differs
 * from the ground truth, is missing or is extra; -1 when the run failed).
 */
record RunResult(
    String system,
    int events,
    long records,
    double wallSeconds,
    double peakRssMb,
    double cpuSeconds,
    long commits,
    long wrongKeys,
    String note,
    List<String> hotspots) {

  RunResult(
      String system,
      int events,
      long records,
      double wallSeconds,
      double peakRssMb,
      double cpuSeconds,
      long commits,
      long wrongKeys,
      String note) {
    this(
        system,
        events,
        records,
        wallSeconds,
        peakRssMb,
        cpuSeconds,
        commits,
        wrongKeys,
        note,
        List.of());
  }

  RunResult withHotspots(List<String> lines) {
    return new RunResult(
        system,
        events,
        records,
        wallSeconds,
        peakRssMb,
        cpuSeconds,
        commits,
        wrongKeys,
        note,
        lines);
  }

  double eventsPerSecond() {
    return wallSeconds > 0 ? records / wallSeconds : 0;
  }

  boolean exact() {
    return wrongKeys == 0;
  }

  static RunResult failed(String system, int events, long records, String why) {
    return new RunResult(system, events, records, 0, 0, 0, 0, -1, why);
  }
}
