package io.onceflow.pipelines;

import io.onceflow.transforms.IncompatibleTableException;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code onceflow run}, the same for every pipeline: start it, print a progress line while it
 * works, wait for it to finish, print what it did.
 */
public final class PipelineRun {

  private PipelineRun() {}

  /** 0 unless the run failed (a streaming run that was cancelled ended as asked). */
  public static <O extends RunOptions & IcebergCatalogOptions> int runAndReport(
      String pipeline, O options, Function<O, PipelineResult> start, PrintStream out) {
    return runAndReport(
        options, start, out, result -> RunSummary.print(pipeline, result, options, out));
  }

  /**
   * The same for a pipeline whose tables are not in an Iceberg catalog: {@code tablesIn} says where
   * they are.
   */
  public static <O extends RunOptions> int runAndReport(
      String pipeline,
      O options,
      Function<O, PipelineResult> start,
      String tablesIn,
      PrintStream out) {
    return runAndReport(
        options, start, out, result -> RunSummary.print(pipeline, result, tablesIn, out));
  }

  private static <O extends RunOptions> int runAndReport(
      O options,
      Function<O, PipelineResult> start,
      PrintStream out,
      Consumer<PipelineResult> summary) {
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      // Return from run() at once, so that progress is reported while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    RunMonitor.checkAddress(options);
    PipelineResult result;
    try {
      result = start.apply(options);
    } catch (IncompatibleTableException e) {
      // Found while the pipeline was built, before anything ran: a start-up error like a bad
      // option, whose message says what to run instead.
      throw new BadOptionException(e.getMessage(), e);
    }
    // The endpoint serves until the summary is printed: a scrape then reads the final totals.
    try (RunMonitor monitor = RunMonitor.start(result, options, out)) {
      result.waitUntilFinish();
      summary.accept(result);
    }
    return result.getState() == PipelineResult.State.FAILED ? 1 : 0;
  }
}
