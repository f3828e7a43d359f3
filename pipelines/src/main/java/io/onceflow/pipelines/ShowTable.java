package io.onceflow.pipelines;

import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;

/**
 * {@code onceflow show}: a table's rows (as a reader sees them, deletes applied), its snapshots and
 * their commit ids.
 */
public final class ShowTable {

  /** The options of {@code onceflow show}. */
  public interface Options extends IcebergCatalogOptions {
    @Description("The table to show, in --namespace; default: the pipeline's main table.")
    @Default.String("")
    String getTable();

    void setTable(String value);

    @Description("At most this many rows are printed (the count is always exact).")
    @Default.Integer(50)
    int getLimit();

    void setLimit(int value);
  }

  private ShowTable() {}

  /**
   * {@code onceflow show <pipeline>}: the pipeline's main table unless {@code --table} names one.
   */
  public static PipelineCommand command(OnceflowPipeline pipeline) {
    return PipelineCommand.of(
        Options.class,
        (args, out) -> {
          Options o =
              BadOptionException.parsing(
                  () -> {
                    PipelineOptionsFactory.register(Options.class);
                    return PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
                  });
          if (o.getTable().isBlank()) {
            o.setTable(pipeline.tables().get(0));
          }
          show(o, out);
          return 0;
        });
  }

  static void show(Options o, PrintStream out) {
    Table table;
    try {
      table =
          IcebergCatalogOptions.catalog(o)
              .build()
              .loadTable(TableIdentifier.of(o.getNamespace(), o.getTable()));
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      throw new BadOptionException(
          "--table: there is no table "
              + o.getNamespace()
              + "."
              + o.getTable()
              + " in "
              + o.getWarehouse()
              + " ("
              + e.getMessage()
              + "); has the pipeline run with this --warehouse and --namespace?",
          e);
    }
    printRows(table, o.getLimit(), out);
    out.println();
    out.println(
        "snapshots (oldest first): id | committed at | operation | onceflow.commit-id | records"
            + " added / deleted by equality");
    for (Snapshot s : table.snapshots()) {
      out.println(
          s.snapshotId()
              + " | "
              + Instant.ofEpochMilli(s.timestampMillis())
              + " | "
              + s.operation()
              + " | "
              + s.summary().getOrDefault("onceflow.commit-id", "-")
              + " | "
              + s.summary().getOrDefault("added-records", "0")
              + " / "
              + s.summary().getOrDefault("added-equality-deletes", "0"));
    }
  }

  /** The table's rows as a reader sees them, sorted, at most {@code limit} of them. */
  public static void printRows(Table table, int limit, PrintStream out) {
    List<String> columns = new ArrayList<>();
    for (Types.NestedField f : table.schema().columns()) {
      columns.add(f.name());
    }
    List<String> rows = new ArrayList<>();
    TableRows.forEach(
        table,
        r -> {
          List<String> values = new ArrayList<>();
          for (String c : columns) {
            values.add(String.valueOf(r.getField(c)));
          }
          rows.add(String.join(" | ", values));
        });
    rows.sort(null);
    out.println(table.name() + " — " + rows.size() + " rows");
    out.println(String.join(" | ", columns));
    rows.stream().limit(limit).forEach(out::println);
    if (rows.size() > limit) {
      out.println("... " + (rows.size() - limit) + " more (--limit)");
    }
  }
}
