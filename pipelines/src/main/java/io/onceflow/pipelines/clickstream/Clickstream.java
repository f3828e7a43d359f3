package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRun;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import java.util.List;

/**
 * The clickstream in the registry: user activity, sessions, sliding windows and alerts, with its
 * generator, verifier and demo.
 */
public final class Clickstream implements OnceflowPipeline {

  @Override
  public String name() {
    return ClickstreamPipeline.NAME;
  }

  @Override
  public String description() {
    return "clickstream: user activity per 5-minute window, sessions, sliding windows and alerts"
        + " (raised, confirmed, resolved), each with its lateness, and each user's running"
        + " state, into Iceberg";
  }

  @Override
  public List<String> tables() {
    return List.of(
        UserActivityTable.NAME,
        SessionsTable.NAME,
        SlidingActivityTable.NAME,
        AlertsTable.NAME,
        UserStateTable.NAME,
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
    return PipelineCommand.of(
        GenerateClickstreamOptions.class,
        (args, out) -> {
          GenerateClickstream.generate(
              BadOptionException.parsing(() -> GenerateClickstream.options(args)), out);
          return 0;
        });
  }

  @Override
  public PipelineCommand verify() {
    return PipelineCommand.of(
        VerifyClickstreamOptions.class,
        (args, out) ->
            VerifyClickstream.verify(
                    BadOptionException.parsing(() -> VerifyClickstream.options(args)), out)
                ? 0
                : 1);
  }

  @Override
  public PipelineCommand demo() {
    return PipelineCommand.of(
        ClickstreamDemoOptions.class,
        (args, out) ->
            ClickstreamDemo.run(
                    BadOptionException.parsing(() -> ClickstreamDemo.options(args)), out)
                ? 0
                : 1);
  }
}
