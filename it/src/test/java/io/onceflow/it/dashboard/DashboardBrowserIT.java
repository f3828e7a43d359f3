package io.onceflow.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.pipelines.dashboard.Dashboard;
import io.onceflow.pipelines.dashboard.DashboardServer;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code onceflow dashboard} in a real browser (headless Chromium driven by Selenium) on the tables
 * of a real transactions run: the numbers on the page are the tables' as read here, the page
 * follows a new commit, a table no pipeline has written is a message, and a screenshot goes to the
 * test's output. A missing browser fails the test: it is installed by the CI script.
 */
class DashboardBrowserIT {

  static final Path EXAMPLE =
      Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
  static final Path OUTPUT = Paths.get("target", "dashboard-browser-it").toAbsolutePath();
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String TOTALS = "customer_hourly_totals";

  @TempDir Path dir;

  ChromeDriver browser;
  DashboardServer dashboard;

  @BeforeEach
  void startBrowser() {
    assertThat(Path.of(CHROMIUM)).as("Chromium (apt-get install chromium)").isExecutable();
    assertThat(Path.of(CHROMEDRIVER))
        .as("its driver (apt-get install chromium-driver)")
        .isExecutable();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // Without these, Chromium on a machine without a network tries to reach its services and
    // stalls or crashes; a fresh profile keeps runs apart.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1800",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .build(),
            options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
  }

  @Test
  void thePageShowsTheTablesNumbersAndFollowsANewCommit() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    run(EXAMPLE, warehouse);
    IcebergCatalogConfig catalog =
        IcebergCatalogConfig.of(
            "onceflow", Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()));

    dashboard =
        Dashboard.start(
            Dashboard.options(
                new String[] {"--warehouse=" + warehouse, "--port=0", "--pageRows=50"}),
            new PrintStream(java.io.OutputStream.nullOutputStream()));
    browser.get(dashboard.url());

    String id = "onceflow-" + TOTALS;
    List<String> rows = totals(catalog);
    long snapshots = TableRows.snapshots(catalog, "onceflow", TOTALS);
    awaitText("rows-" + id, String.valueOf(rows.size()));
    assertThat(text("snapshots-" + id)).isEqualTo(String.valueOf(snapshots));
    assertThat(pageRows(id)).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(browser.findElement(By.id("pipeline-ledger")).getText())
        .contains("no table onceflow.ledger");

    // A second run commits more rows: the page follows without a reload.
    Path more = dir.resolve("more.csv");
    Files.writeString(
        more,
        "event_time,processing_time,txn_id,customer_id,amount,status\n"
            + "2026-11-24T13:05:00Z,2026-11-24T13:05:01Z,t-0100,dave,12.50,SUCCESS\n"
            + "2026-11-24T13:06:00Z,2026-11-24T13:06:01Z,t-0101,erin,7.25,SUCCESS\n");
    run(more, warehouse);
    List<String> after = totals(catalog);
    assertThat(after).hasSizeGreaterThan(rows.size());
    awaitText("rows-" + id, String.valueOf(after.size()));
    assertThat(text("snapshots-" + id))
        .isEqualTo(String.valueOf(TableRows.snapshots(catalog, "onceflow", TOTALS)));
    assertThat(pageRows(id)).containsExactlyInAnyOrderElementsOf(after);

    Files.createDirectories(OUTPUT);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, OUTPUT.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(OUTPUT.resolve("dashboard.png"))).isGreaterThan(10_000);
  }

  static void run(Path input, Path warehouse) {
    TransactionsPipeline.run(
            TransactionsPipeline.options(
                new String[] {
                  "--input=" + input,
                  "--warehouse=" + warehouse,
                  "--commitIntervalSeconds=1",
                  "--progressSeconds=0"
                }))
        .waitUntilFinish();
  }

  /** The totals table's rows, read here as the page should show them, one "a | b | ..." each. */
  static List<String> totals(IcebergCatalogConfig catalog) {
    List<String> columns = List.of("customer_id", "window_start", "total_amount");
    return TableRows.read(catalog, "onceflow", TOTALS, columns.toArray(new String[0])).stream()
        .map(r -> r.replace(" ", " | "))
        .toList();
  }

  /** The page's rows of the table, in the same columns as {@link #totals}. */
  List<String> pageRows(String id) {
    WebElement table = browser.findElement(By.id("page-" + id));
    List<String> headers =
        table.findElements(By.tagName("th")).stream().map(WebElement::getText).toList();
    Set<String> wanted = new HashSet<>(List.of("customer_id", "window_start", "total_amount"));
    assertThat(headers).containsAll(wanted);
    return table.findElements(By.tagName("tr")).stream()
        .skip(1)
        .map(
            tr -> {
              List<WebElement> cells = tr.findElements(By.tagName("td"));
              return String.join(
                  " | ",
                  List.of("customer_id", "window_start", "total_amount").stream()
                      .map(c -> cells.get(headers.indexOf(c)).getText())
                      .toList());
            })
        .toList();
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  void awaitText(String id, String expected) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .withMessage(
            () -> {
              String page = browser.findElement(By.tagName("body")).getText();
              return "#"
                  + id
                  + " never showed "
                  + expected
                  + "; the page: "
                  + page.substring(0, Math.min(3000, page.length()));
            })
        .until(
            b -> {
              List<WebElement> e = b.findElements(By.id(id));
              return !e.isEmpty() && e.get(0).getText().equals(expected);
            });
  }
}
