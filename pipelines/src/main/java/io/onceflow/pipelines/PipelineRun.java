package io.onceflow.pipelines;

import io.onceflow.transforms.IncompatibleTableException;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import java.io.PrintStream;
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
    PipelineResult result = startAndWait(options, start, out);
    RunSummary.print(pipeline, result, options, out);
    return result.getState() == PipelineResult.State.FAILED ? 1 : 0;
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
    PipelineResult result = startAndWait(options, start, out);
    RunSummary.print(pipeline, result, tablesIn, out);
    return result.getState() == PipelineResult.State.FAILED ? 1 : 0;
  }

  private static <O extends RunOptions> PipelineResult startAndWait(
      O options, Function<O, PipelineResult> start, PrintStream out) {
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      // Return from run() at once, so that progress is reported while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    PipelineResult result;
    try {
      result = start.apply(options);
    } catch (IncompatibleTableException e) {
      // Found while the pipeline was built, before anything ran: a start-up error like a bad
      // option, whose message says what to run instead.
      throw new BadOptionException(e.getMessage(), e);
    }
    try (ProgressReporter progress =
        ProgressReporter.start(result, options.getProgressSeconds(), out)) {
      result.waitUntilFinish();
    }
    return result;
  }
}
