package io.onceflow.pipelines.ledger;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRun;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import java.util.List;

/** The ledger in the registry: an exactly-once financial ledger, its summary and its conflicts. */
public final class Ledger implements OnceflowPipeline {

  @Override
  public String name() {
    return LedgerPipeline.NAME;
  }

  @Override
  public String description() {
    return "exactly-once financial ledger: hashed, deduplicated, conflicts kept visible, a running"
        + " summary per type and currency, into Iceberg";
  }

  @Override
  public List<String> tables() {
    return List.of(
        LedgerTable.NAME,
        LedgerSummaryTable.NAME,
        LedgerConflictsTable.NAME,
        DeadLettersTable.NAME);
  }

  @Override
  public PipelineCommand run() {
    return PipelineCommand.of(
        LedgerPipelineOptions.class,
        (args, out) ->
            PipelineRun.runAndReport(
                name(),
                BadOptionException.parsing(() -> LedgerPipeline.options(args)),
                LedgerPipeline::run,
                out));
  }

  @Override
  public PipelineCommand generate() {
    return PipelineCommand.of(
        GenerateLedgerOptions.class,
        (args, out) -> {
          GenerateLedger.generate(
              BadOptionException.parsing(() -> GenerateLedger.options(args)), out);
          return 0;
        });
  }

  @Override
  public PipelineCommand verify() {
    return PipelineCommand.of(
        VerifyLedgerOptions.class,
        (args, out) ->
            VerifyLedger.verify(BadOptionException.parsing(() -> VerifyLedger.options(args)), out)
                ? 0
                : 1);
  }

  @Override
  public PipelineCommand demo() {
    return PipelineCommand.of(
        LedgerDemoOptions.class,
        (args, out) ->
            LedgerDemo.run(BadOptionException.parsing(() -> LedgerDemo.options(args)), out)
                ? 0
                : 1);
  }
}
