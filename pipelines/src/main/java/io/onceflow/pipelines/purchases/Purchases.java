package io.onceflow.pipelines.purchases;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRun;
import io.onceflow.pipelines.ShowPostgresTable;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import java.time.Duration;
import java.util.List;

/** The purchases pipeline in the registry: 5-minute aggregates, exactly-once into PostgreSQL. */
public final class Purchases implements OnceflowPipeline {

  @Override
  public String name() {
    return PurchasesPipeline.NAME;
  }

  @Override
  public String description() {
    return "5-minute purchase aggregates per category and payment method with running totals"
        + " that stay right under late data, exactly-once into PostgreSQL";
  }

  @Override
  public List<String> tables() {
    return List.of(
        RetailTables.VIEW, RetailTables.WINDOWS, RetailTables.LATE_EVENTS, DeadLettersTable.NAME);
  }

  @Override
  public PipelineCommand run() {
    return PipelineCommand.of(
        PurchasesPipelineOptions.class,
        (args, out) -> {
          PurchasesPipelineOptions o =
              BadOptionException.parsing(() -> PurchasesPipeline.options(args));
          return PipelineRun.runAndReport(
              name(),
              o,
              PurchasesPipeline::run,
              "PostgreSQL " + o.getJdbcUrl() + " (schema " + o.getDbSchema() + ")",
              out);
        });
  }

  @Override
  public PipelineCommand generate() {
    return PipelineCommand.of(
        GeneratePurchasesOptions.class,
        (args, out) -> {
          // The ground truth is for the pipeline's default 5-minute windows.
          GeneratePurchases.generate(
              BadOptionException.parsing(() -> GeneratePurchases.options(args)),
              Duration.ofMinutes(5).toMillis(),
              out);
          return 0;
        });
  }

  @Override
  public PipelineCommand verify() {
    return PipelineCommand.of(
        VerifyPurchasesOptions.class,
        (args, out) ->
            VerifyPurchases.verify(
                    BadOptionException.parsing(() -> VerifyPurchases.options(args)), out)
                ? 0
                : 1);
  }

  @Override
  public PipelineCommand demo() {
    return PipelineCommand.of(
        PurchasesDemoOptions.class,
        (args, out) ->
            PurchasesDemo.run(BadOptionException.parsing(() -> PurchasesDemo.options(args)), out)
                ? 0
                : 1);
  }

  @Override
  public PipelineCommand show() {
    return ShowPostgresTable.command(this);
  }

  /** Not yet for PostgreSQL: says so, and how to do it by hand, rather than look in Iceberg. */
  @Override
  public PipelineCommand drop() {
    return PipelineCommand.of(
        ShowPostgresTable.Options.class,
        (args, out) -> {
          throw new BadOptionException(
              "the purchases tables are in PostgreSQL, which onceflow drop does not handle yet;"
                  + " drop them with SQL: DROP VIEW <schema>."
                  + RetailTables.VIEW
                  + "; DROP TABLE <schema>."
                  + RetailTables.WINDOWS
                  + ", <schema>."
                  + RetailTables.LATE_EVENTS
                  + " (dead_letters is shared by the schema's pipelines)",
              null);
        });
  }
}
