package io.onceflow.it.catalogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.onceflow.local.LocalRestCatalog;
import io.onceflow.local.LocalS3;
import io.onceflow.local.SparkSqlReader;
import io.onceflow.pipelines.ledger.GenerateLedger;
import io.onceflow.pipelines.ledger.LedgerPipeline;
import io.onceflow.pipelines.ledger.VerifyLedger;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship pipeline on a real Iceberg REST catalog whose tables live in a real S3-compatible
 * object store, both servers started from Maven artifacts in JVMs of their own on loopback. Only
 * configuration changes ({@code --catalogType=rest --catalogProperties=...}): the tables equal what
 * the same run writes to a local Hadoop warehouse, Spark SQL (a reader we did not write) reads the
 * expected rows through the same catalog and store, every file the tables reference is an object in
 * the bucket, and a second run over the same input commits nothing.
 */
class RestCatalogOnS3IT {

  static final Path EXAMPLE =
      Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
  static final String BUCKET = "onceflow-lake";
  static final String WAREHOUSE = "s3://" + BUCKET + "/warehouse";
  static final String NAMESPACE = "onceflow";
  static final List<String> TABLES =
      List.of("customer_hourly_totals", "transactions", "late_events", "dead_letters");

  static final String[] TOTALS = {
    "customer_id", "window_start", "total_amount", "txn_count", "pane_timing", "is_final"
  };
  static final String[] LEDGER = {
    "txn_id", "event_time", "processing_time", "customer_id", "amount", "status"
  };
  static final String[] DEAD_LETTERS = {"pipeline", "source", "raw"};

  // Kept when a test fails: the servers' and Spark's logs are in it.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static LocalS3 s3;
  static LocalRestCatalog rest;

  @BeforeAll
  static void startObjectStoreAndCatalog() {
    s3 = new LocalS3(dir.resolve("s3"), BUCKET);
    s3.start();
    rest = new LocalRestCatalog(dir.resolve("rest"), WAREHOUSE, s3.fileIoProperties());
    rest.start();
  }

  @AfterAll
  static void stopThem() {
    if (rest != null) {
      rest.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** What a user puts in {@code --catalogProperties}: the REST catalog and the S3 file IO. */
  static Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("uri", rest.uri());
    p.put("warehouse", WAREHOUSE);
    p.putAll(s3.fileIoProperties());
    return p;
  }

  static IcebergCatalogConfig restCatalog() {
    Map<String, String> p = new LinkedHashMap<>(clientProperties());
    p.put("type", "rest");
    return IcebergCatalogConfig.of("onceflow", p);
  }

  static void run(String... args) {
    TransactionsPipeline.run(TransactionsPipeline.options(args)).waitUntilFinish();
  }

  static void runOnRestAndS3() {
    run(
        "--input=" + EXAMPLE,
        "--catalogType=rest",
        "--catalogProperties="
            + clientProperties().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")),
        "--commitIntervalSeconds=1",
        "--progressSeconds=0");
  }

  @Test
  void transactionsOnRestAndS3AreTheHadoopWarehousesTablesReadBackBySparkSql() {
    Path local = dir.resolve("hadoop-warehouse");
    run(
        "--input=" + EXAMPLE,
        "--warehouse=" + local,
        "--commitIntervalSeconds=1",
        "--progressSeconds=0");
    runOnRestAndS3();

    IcebergCatalogConfig hadoop =
        IcebergCatalogConfig.of(
            "onceflow", Map.of("type", "hadoop", "warehouse", local.toUri().toString()));
    IcebergCatalogConfig onS3 = restCatalog();
    List<String> totals = TableRows.read(onS3, NAMESPACE, "customer_hourly_totals", TOTALS);
    assertThat(totals)
        .hasSize(5)
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(hadoop, NAMESPACE, "customer_hourly_totals", TOTALS));
    assertThat(TableRows.read(onS3, NAMESPACE, "transactions", LEDGER))
        .hasSize(10)
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(hadoop, NAMESPACE, "transactions", LEDGER));
    assertThat(TableRows.read(onS3, NAMESPACE, "dead_letters", DEAD_LETTERS))
        .hasSize(4)
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(hadoop, NAMESPACE, "dead_letters", DEAD_LETTERS));
    assertThat(TableRows.read(onS3, NAMESPACE, "late_events", "txn_id")).isEmpty();

    // A reader we did not write, through the same REST catalog and object store.
    Map<String, String> spark = new LinkedHashMap<>(clientProperties());
    spark.put("type", "rest");
    assertThat(
            SparkSqlReader.query(
                spark,
                "SELECT customer_id, date_format(window_start, \"yyyy-MM-dd'T'HH:mm\"),"
                    + " CAST(total_amount AS STRING), txn_count, is_final FROM lake."
                    + NAMESPACE
                    + ".customer_hourly_totals ORDER BY window_start, customer_id",
                dir.resolve("spark-sql")))
        .containsExactly(
            List.of("alice", "2026-11-24T10:00", "17.75", "3", "true"),
            List.of("bob", "2026-11-24T10:00", "0.30", "2", "true"),
            List.of("carol", "2026-11-24T10:00", "24.00", "1", "true"),
            List.of("alice", "2026-11-24T11:00", "1.00", "1", "true"),
            List.of("bob", "2026-11-24T12:00", "7.00", "1", "true"));
    assertThat(
            SparkSqlReader.query(
                spark,
                "SELECT (SELECT count(*) FROM lake."
                    + NAMESPACE
                    + ".transactions), (SELECT count(*) FROM lake."
                    + NAMESPACE
                    + ".dead_letters), (SELECT CAST(sum(amount) AS STRING) FROM lake."
                    + NAMESPACE
                    + ".transactions WHERE status = 'SUCCESS')",
                dir.resolve("spark-sql")))
        .containsExactly(List.of("10", "4", "50.05"));

    // Every file the tables reference is an object in the bucket, under the warehouse.
    List<String> keys = s3.listKeys("warehouse/" + NAMESPACE + "/");
    for (String name : TABLES) {
      Table table = onS3.build().loadTable(TableIdentifier.of(NAMESPACE, name));
      assertThat(table.location()).startsWith(WAREHOUSE + "/" + NAMESPACE + "/" + name);
      List<String> files = new ArrayList<>(referencedFiles(table));
      files.add(
          ((org.apache.iceberg.HasTableOperations) table)
              .operations()
              .current()
              .metadataFileLocation());
      for (String file : files) {
        assertThat(file).as(name).startsWith("s3://" + BUCKET + "/");
        assertThat(keys).as(name).contains(file.substring(("s3://" + BUCKET + "/").length()));
      }
    }
    assertThat(keys).anyMatch(k -> k.startsWith("warehouse/onceflow/customer_hourly_totals/data/"));

    // Exactly once through the REST catalog: the same input again commits nothing.
    Map<String, Long> snapshots = snapshots(onS3);
    runOnRestAndS3();
    assertThat(snapshots(onS3)).isEqualTo(snapshots);
    assertThat(TableRows.read(onS3, NAMESPACE, "customer_hourly_totals", TOTALS))
        .containsExactlyInAnyOrderElementsOf(totals);
  }

  @Test
  void theLedgerOnRestAndS3VerifiesAndSparkSqlReadsWhatItWrote() throws IOException {
    Path generated = dir.resolve("ledger-generated");
    GenerateLedger.generate(
        GenerateLedger.options(new String[] {"--output=" + generated}),
        new PrintStream(new ByteArrayOutputStream()));
    String catalogProperties =
        clientProperties().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    String[] ledgerArgs = {
      "--input=" + generated.resolve("records") + "/*",
      "--catalogType=rest",
      "--catalogProperties=" + catalogProperties,
      "--namespace=demo", // the notebook's
      "--commitIntervalSeconds=1",
      "--triggerSeconds=3600",
      "--progressSeconds=0"
    };
    LedgerPipeline.run(LedgerPipeline.options(ledgerArgs)).waitUntilFinish();

    List<String> verifyArgs = new ArrayList<>(List.of(ledgerArgs));
    verifyArgs.add("--groundTruth=" + generated);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    assertThat(
            VerifyLedger.verify(
                VerifyLedger.options(verifyArgs.toArray(String[]::new)),
                new PrintStream(report, true, StandardCharsets.UTF_8)))
        .as(report.toString(StandardCharsets.UTF_8))
        .isTrue();

    // The notebook's checks and its summary query, by Spark SQL through the same catalog.
    Map<String, String> spark = new LinkedHashMap<>(clientProperties());
    spark.put("type", "rest");
    assertThat(
            SparkSqlReader.query(
                spark,
                "SELECT count(*), count(DISTINCT transaction_hash), count(DISTINCT transaction_id),"
                    + " count_if(amount <= 0) FROM lake.demo.transactions_ledger",
                dir.resolve("spark-sql")))
        .containsExactly(List.of("200", "200", "200", "0"));
    List<String> summary =
        TableRows.read(
            restCatalog(),
            "demo",
            "ledger_summary",
            "transaction_type",
            "currency",
            "transaction_count",
            "total_amount");
    assertThat(
            SparkSqlReader.query(
                    spark,
                    "SELECT transaction_type, currency, transaction_count,"
                        + " CAST(total_amount AS STRING) FROM lake.demo.ledger_summary",
                    dir.resolve("spark-sql"))
                .stream()
                .map(row -> String.join(" ", row))
                .toList())
        .hasSize(12)
        .containsExactlyInAnyOrderElementsOf(summary);
    assertThat(s3.listKeys("warehouse/demo/transactions_ledger/data/")).isNotEmpty();
  }

  @Test
  void everyServerPortAnswersOnLoopbackAndOnNoOtherAddress() throws SocketException {
    List<Integer> ports = List.of(s3.httpPort(), s3.httpsPort(), rest.port());
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (nic.isUp() && !nic.isLoopback()) {
        nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(others::add);
      }
    }
    assumeFalse(others.isEmpty(), "this machine has no non-loopback IPv4 address to try");
    for (int port : ports) {
      assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:" + port).isTrue();
      for (InetAddress other : others) {
        assertThatThrownBy(() -> connect(other, port))
            .as(other.getHostAddress() + ":" + port)
            .isInstanceOf(IOException.class);
      }
    }
  }

  private static List<String> referencedFiles(Table table) {
    List<String> files = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return files;
    }
    files.add(table.currentSnapshot().manifestListLocation());
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        files.add(task.file().path().toString());
        task.deletes().forEach(d -> files.add(d.path().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning a scan of " + table.name(), e);
    }
    return files;
  }

  private static Map<String, Long> snapshots(IcebergCatalogConfig catalog) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : TABLES) {
      counts.put(name, TableRows.snapshots(catalog, NAMESPACE, name));
    }
    return counts;
  }

  private static boolean connects(InetAddress address, int port) {
    try {
      connect(address, port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
    }
  }
}
