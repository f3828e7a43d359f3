package io.onceflow.benchmarks;

import io.onceflow.pipelines.transactions.GroundTruth;
import io.onceflow.pipelines.transactions.ParseTransactions;
import io.onceflow.pipelines.transactions.TransactionEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The practical limit of this CPU for the flagship's answer: one thread reads the workload's CSV
 * files in arrival order, parses and validates each line with onceflow's own parser, judges it too
 * late against an event-time watermark as the pipeline does, keeps the winning version of each
 * transaction and sums per customer and hour, with plain collections. No framework, no state store,
 * no commit: what is left is parsing, hashing and BigDecimal arithmetic.
 *
 * <p>Usage: {@code RawJavaBaseline <workload dir> <output dir> <window minutes> <allowed lateness
 * minutes> <max out-of-orderness seconds>}; writes the totals as a ground-truth file.
 */
public final class RawJavaBaseline {

  private RawJavaBaseline() {}

  public static void main(String[] args) throws IOException {
    Path workload = Paths.get(args[0]);
    Path output = Paths.get(args[1]);
    long windowMinutes = Long.parseLong(args[2]);
    TooLateJudge judge =
        new TooLateJudge(
            windowMinutes * 60_000L,
            Long.parseLong(args[3]) * 60_000L,
            Long.parseLong(args[4]) * 1000L);
    GroundTruth.Builder totals =
        new GroundTruth.Builder(ParseTransactions.Format.CSV, windowMinutes);
    for (Path file : Workload.filesInArrivalOrder(workload)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          totals.record(line, judge::tooLate);
        }
      }
    }
    totals.build().write(output);
  }

  /**
   * The pipeline's rule, in arrival order: a transaction is too late when its window's last instant
   * plus the allowed lateness is behind the watermark, which trails the greatest event time seen by
   * the out-of-orderness bound.
   */
  static final class TooLateJudge {
    private final long windowMillis;
    private final long latenessMillis;
    private final long outOfOrdernessMillis;
    private long watermark = Long.MIN_VALUE;

    TooLateJudge(long windowMillis, long latenessMillis, long outOfOrdernessMillis) {
      this.windowMillis = windowMillis;
      this.latenessMillis = latenessMillis;
      this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    boolean tooLate(TransactionEvent e) {
      long t = e.eventTime.getMillis();
      long windowLast = Math.floorDiv(t, windowMillis) * windowMillis + windowMillis - 1;
      boolean late = watermark != Long.MIN_VALUE && windowLast + latenessMillis < watermark;
      watermark = Math.max(watermark, t - outOfOrdernessMillis);
      return late;
    }
  }
}
