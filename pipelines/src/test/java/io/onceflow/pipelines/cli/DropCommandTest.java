package io.onceflow.pipelines.cli;

import static io.onceflow.pipelines.cli.OnceflowTest.onceflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.pipelines.cli.OnceflowTest.Call;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onceflow drop}: nothing without {@code --yes}, and never another pipeline's rows. */
class DropCommandTest {

  static final List<String> TRANSACTIONS_TABLES =
      List.of("customer_hourly_totals", "transactions", "late_events", "dead_letters");

  @TempDir Path warehouse;
  Catalog catalog;

  @BeforeEach
  void runTheFlagshipOnItsExample() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    Call run =
        onceflow(
            "run",
            "transactions",
            "--input=" + example,
            "--warehouse=" + warehouse,
            "--progressSeconds=0");
    assertThat(run.exit()).as(run.err()).isZero();
    catalog = IcebergCatalogConfig.hadoop(warehouse).build();
  }

  @Test
  void withoutYesItListsTheTablesAndDropsNothing() {
    Call call = onceflow("drop", "transactions", "--warehouse=" + warehouse);

    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.out())
        .contains("onceflow.customer_hourly_totals", "onceflow.dead_letters", "add --yes");
    assertThat(TRANSACTIONS_TABLES).allMatch(this::exists);
  }

  @Test
  void withYesItDropsEveryTableOfThePipeline() {
    Call call = onceflow("drop", "transactions", "--warehouse=" + warehouse, "--yes");

    assertThat(call.exit()).as(call.err()).isZero();
    assertThat(call.out()).contains("dropped onceflow.late_events", "--startFrom=earliest");
    assertThat(TRANSACTIONS_TABLES).noneMatch(this::exists);
  }

  @Test
  void theSharedDeadLettersTableIsKeptWhileItHoldsAnotherPipelinesRows() {
    catalog.createTable(
        TableIdentifier.of("onceflow", "transactions_ledger"),
        new Schema(Types.NestedField.required(1, "transaction_id", Types.StringType.get())));

    Call call = onceflow("drop", "ledger", "--warehouse=" + warehouse, "--yes");

    assertThat(call.exit()).as(call.err()).isZero();
    assertThat(call.out())
        .contains(
            "dropped onceflow.transactions_ledger",
            "onceflow.dead_letters is kept: it also holds dead letters of {transactions=4}");
    assertThat(exists("transactions_ledger")).isFalse();
    assertThat(TRANSACTIONS_TABLES).allMatch(this::exists);
  }

  @Test
  void aPipelineWithoutTablesHasNothingToDrop() {
    Call call =
        onceflow("drop", "ledger", "--warehouse=" + warehouse, "--namespace=elsewhere", "--yes");

    assertThat(call.exit()).as(call.err()).isZero();
    assertThat(call.out()).contains("ledger has no tables in namespace elsewhere");
  }

  private boolean exists(String table) {
    return catalog.tableExists(TableIdentifier.of("onceflow", table));
  }
}
