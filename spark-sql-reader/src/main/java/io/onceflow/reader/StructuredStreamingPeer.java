package io.onceflow.reader;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmarks' peer: the flagship's job written the way the Spark notebooks it replaces do it,
 * with Spark Structured Streaming. CSV files are read as a stream, one file per micro-batch in
 * arrival order; {@code SUCCESS} only; {@code withWatermark} 2 h; {@code
 * dropDuplicatesWithinWatermark("txn_id")}; hourly windows per customer; each micro-batch's updated
 * windows are merged into an Iceberg table with {@code MERGE INTO} in {@code foreachBatch}.
 *
 * <p>Arguments: the input files in arrival order, a working directory (staged input, checkpoint,
 * warehouse), and the file to write the final totals to ({@code window_start,customer_id,
 * total_amount,txn_count}). Prints {@code peer commits=<n>}: the table's snapshots.
 */
public final class StructuredStreamingPeer {

  private static final String TABLE = "lake.peer.customer_hourly_totals";

  private StructuredStreamingPeer() {}

  public static void main(String[] args)
      throws IOException, TimeoutException, StreamingQueryException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: StructuredStreamingPeer <work dir> <totals output> <input file>...");
    }
    Path work = Paths.get(args[0]);
    Path input = stage(work.resolve("input"), List.of(args).subList(2, args.length));
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("onceflow-benchmark-peer")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
            .config("spark.sql.catalog.lake.type", "hadoop")
            // foreachBatch runs in a clone of this session with a catalog of its own: no cache, or
            // this session reads a stale table.
            .config("spark.sql.catalog.lake.cache-enabled", "false")
            .config(
                "spark.sql.catalog.lake.warehouse", work.resolve("warehouse").toUri().toString())
            .getOrCreate();
    try {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.peer");
      // Iceberg's vectorized (Arrow) Parquet reader crashes this JVM (SIGSEGV in its shaded Netty,
      // or in the JIT compiling
      // it) once MERGE INTO reads back a table of a few thousand rows, every time at 100k
      // transactions: row-based reads.
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (customer_id string, window_start timestamp, total_amount decimal(18,2),"
              + " txn_count bigint) USING iceberg TBLPROPERTIES"
              + " ('read.parquet.vectorization.enabled'='false')");
      StructType schema =
          new StructType()
              .add("event_time", "timestamp")
              .add("processing_time", "timestamp")
              .add("txn_id", "string")
              .add("customer_id", "string")
              .add("amount", "decimal(18,2)")
              .add("status", "string");
      Dataset<Row> records =
          spark
              .readStream()
              .schema(schema)
              .option("header", "true")
              .option("maxFilesPerTrigger", "1")
              .csv(input.toString());
      Dataset<Row> totals =
          records
              .filter(
                  "event_time IS NOT NULL AND txn_id IS NOT NULL AND customer_id IS NOT NULL AND"
                      + " amount IS NOT NULL AND status = 'SUCCESS'")
              .withWatermark("event_time", "2 hours")
              .dropDuplicatesWithinWatermark("txn_id")
              .groupBy(window(col("event_time"), "1 hour"), col("customer_id"))
              .agg(
                  sum("amount").cast("decimal(18,2)").as("total_amount"),
                  count(lit(1)).as("txn_count"))
              .select(
                  col("customer_id"),
                  col("window.start").as("window_start"),
                  col("total_amount"),
                  col("txn_count"));
      VoidFunction2<Dataset<Row>, Long> merge =
          (updates, batchId) -> {
            updates.createOrReplaceTempView("updates");
            updates
                .sparkSession()
                .sql(
                    "MERGE INTO "
                        + TABLE
                        + " t USING updates s ON t.customer_id = s.customer_id AND t.window_start ="
                        + " s.window_start WHEN MATCHED THEN UPDATE SET t.total_amount ="
                        + " s.total_amount, t.txn_count = s.txn_count WHEN NOT MATCHED THEN INSERT"
                        + " *");
          };
      StreamingQuery query =
          totals
              .writeStream()
              .outputMode("update")
              .option("checkpointLocation", work.resolve("checkpoint").toString())
              .foreachBatch(merge)
              .start();
      query.processAllAvailable();
      query.stop();
      try (Writer out = Files.newBufferedWriter(Paths.get(args[1]), StandardCharsets.UTF_8)) {
        for (Row r :
            spark
                .sql("SELECT customer_id, window_start, total_amount, txn_count FROM " + TABLE)
                .collectAsList()) {
          out.write(
              r.getTimestamp(1).toInstant()
                  + ","
                  + r.getString(0)
                  + ","
                  + r.getDecimal(2).toPlainString()
                  + ","
                  + r.getLong(3)
                  + "\n");
        }
      }
      System.out.println(
          "peer commits="
              + spark.sql("SELECT count(*) FROM " + TABLE + ".snapshots").first().getLong(0));
    } finally {
      spark.stop();
    }
  }

  /**
   * Links the files into one directory, their modification times in arrival order: the order in
   * which a file stream picks them up.
   */
  private static Path stage(Path dir, List<String> files) throws IOException {
    Files.createDirectories(dir);
    long base = System.currentTimeMillis() - 3_600_000L;
    for (int i = 0; i < files.size(); i++) {
      Path link = dir.resolve(String.format("%04d-%s", i, Paths.get(files.get(i)).getFileName()));
      Files.deleteIfExists(link);
      Files.copy(Paths.get(files.get(i)), link);
      Files.setLastModifiedTime(link, FileTime.fromMillis(base + i * 1000L));
    }
    return dir;
  }
}
