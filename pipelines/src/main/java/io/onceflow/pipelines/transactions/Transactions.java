package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRun;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import java.util.List;

/** The flagship in the registry: hourly per-customer totals of transactions into Iceberg. */
public final class Transactions implements OnceflowPipeline {

  @Override
  public String name() {
    return TransactionsPipeline.NAME;
  }

  @Override
  public String description() {
    return "hourly per-customer totals of deduplicated transactions, late data kept right, into"
        + " Iceberg";
  }

  @Override
  public List<String> tables() {
    return List.of(
        CustomerHourlyTotalsTable.NAME,
        TransactionsTable.NAME,
        TransactionsTable.LATE_EVENTS,
        DeadLettersTable.NAME);
  }

  @Override
  public PipelineCommand run() {
    return PipelineCommand.of(
        TransactionsPipelineOptions.class,
        (args, out) ->
            PipelineRun.runAndReport(
                name(),
                BadOptionException.parsing(() -> TransactionsPipeline.options(args)),
                TransactionsPipeline::run,
                out));
  }

  @Override
  public PipelineCommand generate() {
    return PipelineCommand.of(
        GenerateOptions.class,
        (args, out) -> {
          GenerateTransactions.generate(
              BadOptionException.parsing(() -> GenerateTransactions.options(args)), out);
          return 0;
        });
  }

  @Override
  public PipelineCommand verify() {
    return PipelineCommand.of(
        VerifyOptions.class,
        (args, out) ->
            VerifyTotals.verify(BadOptionException.parsing(() -> VerifyTotals.options(args)), out)
                ? 0
                : 1);
  }

  @Override
  public PipelineCommand demo() {
    return PipelineCommand.of(
        DemoOptions.class,
        (args, out) -> Demo.run(BadOptionException.parsing(() -> Demo.options(args)), out) ? 0 : 1);
  }
}
