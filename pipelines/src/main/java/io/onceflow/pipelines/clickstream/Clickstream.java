package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRun;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The clickstream in the registry: user activity, sessions, sliding windows and alerts. Its
 * generator, verifier and demo are not built yet: those commands say so and exit 1 rather than
 * pretend.
 */
public final class Clickstream implements OnceflowPipeline {

  @Override
  public String name() {
    return ClickstreamPipeline.NAME;
  }

  @Override
  public String description() {
    return "clickstream: user activity per 5-minute window, sessions, sliding windows and alerts"
        + " (raised, confirmed, resolved), each with its lateness, into Iceberg";
  }

  @Override
  public List<String> tables() {
    return List.of(
        UserActivityTable.NAME,
        SessionsTable.NAME,
        SlidingActivityTable.NAME,
        AlertsTable.NAME,
        LateClickEventsTable.NAME,
        DeadLettersTable.NAME);
  }

  @Override
  public PipelineCommand run() {
    return PipelineCommand.of(
        ClickstreamPipelineOptions.class,
        (args, out) ->
            PipelineRun.runAndReport(
                name(),
                BadOptionException.parsing(() -> ClickstreamPipeline.options(args)),
                ClickstreamPipeline::run,
                out));
  }

  @Override
  public PipelineCommand generate() {
    return notBuiltYet("generate");
  }

  @Override
  public PipelineCommand verify() {
    return notBuiltYet("verify");
  }

  @Override
  public PipelineCommand demo() {
    return notBuiltYet("demo");
  }

  private PipelineCommand notBuiltYet(String command) {
    return PipelineCommand.of(
        PipelineOptions.class,
        (args, out) -> {
          out.println(
              "onceflow "
                  + command
                  + " "
                  + name()
                  + ": not built yet (its generator, ground truth and verifier are the next"
                  + " step); 'onceflow run "
                  + name()
                  + "' works");
          return 1;
        });
  }
}
