package io.onceflow.pipelines;

import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code onceflow drop <pipeline>}: the notebooks' "cleanup" as an explicit command, never a
 * default. It drops the pipeline's own tables (data files purged) only when {@code --yes} says so;
 * without it, it lists what it would drop and drops nothing. The namespace's {@code dead_letters}
 * table is shared by every pipeline that writes into the namespace, so it is dropped only when it
 * holds no other pipeline's dead letters; otherwise it is kept and the command says how many of
 * this pipeline's rows remain in it.
 */
public final class DropTables {

  /** The options of {@code onceflow drop}. */
  public interface Options extends IcebergCatalogOptions {
    @Description(
        "Drop for real. Without it the command lists the tables it would drop and drops nothing.")
    @Default.Boolean(false)
    boolean getYes();

    void setYes(boolean value);
  }

  private DropTables() {}

  /** {@code onceflow drop <pipeline>}. */
  public static PipelineCommand command(OnceflowPipeline pipeline) {
    return PipelineCommand.of(
        Options.class,
        (args, out) ->
            drop(
                pipeline,
                BadOptionException.parsing(() -> CommandOptions.parse(args, Options.class)),
                out));
  }

  /**
   * Drops the pipeline's tables that exist; 0 when done (or nothing to drop), 2 when {@code --yes}
   * was not given (nothing dropped).
   */
  static int drop(OnceflowPipeline pipeline, Options o, PrintStream out) {
    Catalog catalog = IcebergCatalogOptions.catalog(o).build();
    List<TableIdentifier> drop = new ArrayList<>();
    String keptDeadLetters = null;
    for (String name : pipeline.tables()) {
      TableIdentifier id = TableIdentifier.of(o.getNamespace(), name);
      if (!catalog.tableExists(id)) {
        continue;
      }
      if (name.equals(DeadLettersTable.NAME)) {
        Map<String, Long> byPipeline = deadLettersByPipeline(catalog.loadTable(id));
        long own = byPipeline.getOrDefault(pipeline.name(), 0L);
        byPipeline.remove(pipeline.name());
        if (!byPipeline.isEmpty()) {
          keptDeadLetters =
              id
                  + " is kept: it also holds dead letters of "
                  + byPipeline
                  + "; "
                  + own
                  + " of "
                  + pipeline.name()
                  + "'s remain in it (a re-run writes the same rows again, no duplicates)";
          continue;
        }
      }
      drop.add(id);
    }
    if (drop.isEmpty()) {
      out.println(
          "onceflow drop: "
              + pipeline.name()
              + " has no tables in namespace "
              + o.getNamespace()
              + " of "
              + o.getWarehouse()
              + "; nothing to drop");
      printKept(keptDeadLetters, out);
      return 0;
    }
    if (!o.getYes()) {
      out.println("onceflow drop: would drop, with their data files:");
      drop.forEach(id -> out.println("  " + id));
      printKept(keptDeadLetters, out);
      out.println("nothing dropped: add --yes to drop them");
      return 2;
    }
    for (TableIdentifier id : drop) {
      catalog.dropTable(id, true);
      out.println("onceflow drop: dropped " + id);
    }
    printKept(keptDeadLetters, out);
    out.println(
        "onceflow drop: a Kafka consumer group's committed offsets are not reset: to rebuild the"
            + " tables from a topic, run again with --startFrom=earliest");
    return 0;
  }

  private static Map<String, Long> deadLettersByPipeline(Table table) {
    Map<String, Long> counts = new TreeMap<>();
    TableRows.forEach(
        table, r -> counts.merge(String.valueOf(TableRows.value(r, "pipeline")), 1L, Long::sum));
    return counts;
  }

  private static void printKept(String keptDeadLetters, PrintStream out) {
    if (keptDeadLetters != null) {
      out.println("onceflow drop: " + keptDeadLetters);
    }
  }
}
