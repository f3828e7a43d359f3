package io.onceflow.it.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.local.LocalPostgres;
import io.onceflow.local.SparkSqlReader;
import io.onceflow.pipelines.transactions.CustomerHourlyTotalsTable;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upsert sink's table read by readers we did not write: Spark SQL through Iceberg's Spark
 * runtime, which applies the equality deletes itself. Once with the Hadoop catalog (the embedded
 * default), once with a JDBC catalog on a real PostgreSQL: the catalog is configuration, the code
 * is the same.
 */
class UpsertTablesReadBySparkSqlIT {

  @TempDir Path dir;

  @Test
  void hadoopCatalogTableReadsTheSameInSparkSql() {
    Map<String, String> catalog =
        Map.of("type", "hadoop", "warehouse", dir.resolve("warehouse").toUri().toString());
    writeScenario(catalog);

    assertThat(sparkSqlRows(catalog)).isEqualTo(UpsertSinkScenario.expectedRows());
  }

  @Test
  void jdbcCatalogOnPostgresWorksByConfigurationAlone() {
    try (LocalPostgres postgres = new LocalPostgres(dir.resolve("pg"))) {
      postgres.start();
      Map<String, String> catalog = new HashMap<>();
      catalog.put("type", "jdbc");
      catalog.put("uri", postgres.jdbcUrl());
      catalog.put("warehouse", dir.resolve("warehouse").toUri().toString());
      writeScenario(catalog);

      IcebergCatalogConfig config = IcebergCatalogConfig.of("lake", catalog);
      assertThat(UpsertSinkScenario.tableRows(config)).isEqualTo(UpsertSinkScenario.expectedRows());
      assertThat(sparkSqlRows(catalog)).isEqualTo(UpsertSinkScenario.expectedRows());
    }
  }

  private static void writeScenario(Map<String, String> catalog) {
    Pipeline p = Pipeline.create(TestRunnerOptions.fromProfile("direct"));
    UpsertSinkScenario.writeTotals(
        p.apply("Events", UpsertSinkScenario.testStream()),
        IcebergCatalogConfig.of("lake", catalog));
    p.run().waitUntilFinish();
  }

  /**
   * The same shape as {@link UpsertSinkScenario#tableRows}, from Spark SQL; fails on a doubled key.
   */
  private Map<String, String> sparkSqlRows(Map<String, String> catalog) {
    String table = "lake." + UpsertSinkScenario.NAMESPACE + "." + CustomerHourlyTotalsTable.NAME;
    Map<String, String> rows = new TreeMap<>();
    for (List<String> r :
        SparkSqlReader.query(
            catalog,
            "SELECT customer_id, date_format(window_start, 'HH:mm'), total_amount, txn_count,"
                + " is_final FROM "
                + table,
            dir.resolve("spark-sql"))) {
      String key = r.get(0) + "@" + r.get(1);
      String value = r.get(2) + " " + r.get(3) + ("true".equals(r.get(4)) ? " final" : "");
      assertThat(rows.put(key, value)).as("second row for " + key).isNull();
    }
    return rows;
  }
}
