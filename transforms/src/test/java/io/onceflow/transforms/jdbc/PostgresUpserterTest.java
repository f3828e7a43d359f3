package io.onceflow.transforms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.local.LocalPostgres;
import io.onceflow.transforms.iceberg.UpsertTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC upsert sink's contract on a real PostgreSQL server. */
class PostgresUpserterTest {

  private static final Schema SCHEMA =
      Schema.builder()
          .addStringField("id")
          .addDecimalField("amount")
          .addBooleanField("is_final")
          .addInt64Field("n")
          .addInt64Field("pane_index")
          .build();

  @TempDir static Path dir;
  private static LocalPostgres postgres;
  private static int tables;

  @BeforeAll
  static void start() {
    postgres = new LocalPostgres(dir.resolve("pg"));
    postgres.start();
  }

  @AfterAll
  static void stop() {
    JdbcConnection.closePools();
    postgres.close();
  }

  private static UpsertTable newTable() {
    return UpsertTable.named("sink_test", "t" + (++tables), "id")
        .versionedBy("is_final", "n", "pane_index")
        .sealedBy("is_final");
  }

  private static JdbcConnection connection(String application) {
    return JdbcConnection.of(postgres.jdbcUrl() + "&ApplicationName=" + application, "", 4);
  }

  private static PostgresUpserter upserter(UpsertTable table, String application, int attempts) {
    JdbcConnection c = connection(application);
    PostgresTables.createOrValidate(c, table, SCHEMA);
    return new PostgresUpserter(c, table, SCHEMA, attempts, 20);
  }

  private static Row row(String id, String amount, boolean isFinal, long n, long pane) {
    return Row.withSchema(SCHEMA).addValues(id, new BigDecimal(amount), isFinal, n, pane).build();
  }

  /** id -> "amount/is_final/n/pane_index", read with plain SQL. */
  private static Map<String, String> stored(UpsertTable table) throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, amount, is_final, n, pane_index FROM "
                    + PostgresTables.qualifiedName(table))) {
      while (rs.next()) {
        rows.put(
            rs.getString("id"),
            rs.getBigDecimal("amount").toPlainString()
                + "/"
                + rs.getBoolean("is_final")
                + "/"
                + rs.getLong("n")
                + "/"
                + rs.getLong("pane_index"));
      }
    }
    return rows;
  }

  @Test
  void aReplayedBatchChangesNothing() throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter w = upserter(table, "replay", 3);
    List<Row> batch = List.of(row("a", "1.10", false, 1, 0), row("b", "2.20", false, 1, 0));

    assertThat(w.write(batch).rowsWritten).isEqualTo(2);
    JdbcBatchOutcome replay = w.write(batch);

    assertThat(replay.rowsWritten).isZero();
    assertThat(replay.rowsIgnored).isEqualTo(2);
    assertThat(stored(table))
        .containsExactly(Map.entry("a", "1.10/false/1/0"), Map.entry("b", "2.20/false/1/0"));
  }

  @Test
  void aStaleVersionAfterANewerOneIsIgnoredAndASealedRowStays() throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter w = upserter(table, "stale", 3);

    w.write(List.of(row("a", "3.00", false, 3, 2), row("b", "1.00", true, 1, 0)));
    JdbcBatchOutcome stale =
        w.write(List.of(row("a", "2.00", false, 2, 5), row("b", "9.00", true, 9, 1)));
    JdbcBatchOutcome newer = w.write(List.of(row("a", "4.00", false, 3, 3)));

    assertThat(stale.rowsWritten).isZero();
    assertThat(newer.rowsWritten).isEqualTo(1);
    assertThat(stored(table))
        .containsExactly(Map.entry("a", "4.00/false/3/3"), Map.entry("b", "1.00/true/1/0"));
  }

  @Test
  void withinABatchTheNewestVersionOfAKeyWinsWhateverItsPosition() throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter w = upserter(table, "inbatch", 3);

    JdbcBatchOutcome out =
        w.write(
            List.of(
                row("a", "5.00", false, 5, 0),
                row("a", "7.00", false, 7, 0),
                row("a", "6.00", false, 6, 0)));

    assertThat(out.rowsWritten).isEqualTo(1);
    assertThat(out.rowsIgnored).isEqualTo(2);
    assertThat(stored(table)).containsExactly(Map.entry("a", "7.00/false/7/0"));
  }

  @Test
  void twoWritersRacingOnTheSameKeysLeaveEachKeyAtItsNewestVersion() throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter first = upserter(table, "race1", 10);
    PostgresUpserter second = upserter(table, "race2", 10);
    int keys = 40;
    int versions = 30;
    // Every version of every key, shuffled differently for each writer, in batches of 50.
    List<Row> all = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      for (int v = 1; v <= versions; v++) {
        all.add(row("k" + k, v + ".00", false, v, 0));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (PostgresUpserter w : List.of(first, second)) {
        List<Row> mine = new ArrayList<>(all);
        Collections.shuffle(mine, new Random(done.size() + 7));
        Callable<Long> job =
            () -> {
              long written = 0;
              for (int i = 0; i < mine.size(); i += 50) {
                written += w.write(mine.subList(i, Math.min(mine.size(), i + 50))).rowsWritten;
              }
              return written;
            };
        done.add(pool.submit(job));
      }
      long written = done.get(0).get() + done.get(1).get();
      // Each write that landed made its key strictly newer: at most one per version of a key.
      assertThat(written).isBetween((long) keys, (long) keys * versions);
    } finally {
      pool.shutdownNow();
    }

    Map<String, String> expected = new TreeMap<>();
    for (int k = 0; k < keys; k++) {
      expected.put("k" + k, versions + ".00/false/" + versions + "/0");
    }
    assertThat(stored(table)).isEqualTo(expected);
  }

  @Test
  void aConnectionKilledMidBatchIsRetriedAndTheBatchLandsOnce() throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter w = upserter(table, "killed", 3);
    w.write(List.of(row("m", "1.00", false, 1, 0)));
    List<Row> batch =
        List.of(
            row("a", "1.00", false, 1, 0),
            row("m", "2.00", false, 2, 0),
            row("z", "3.00", false, 1, 0));

    JdbcBatchOutcome out;
    try (Connection blocker = DriverManager.getConnection(postgres.jdbcUrl())) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        // The writer inserts 'a', then waits on this lock for 'm', holding its transaction open.
        s.execute(
            "SELECT * FROM " + PostgresTables.qualifiedName(table) + " WHERE id = 'm' FOR UPDATE");
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<JdbcBatchOutcome> writing = pool.submit(() -> w.write(batch));
        assertThat(terminateWhenWaitingOnLock("killed")).isTrue();
        blocker.rollback();
        out = writing.get();
      } finally {
        pool.shutdownNow();
      }
    }

    assertThat(out.attempts).isEqualTo(2);
    assertThat(out.rowsWritten).isEqualTo(3);
    assertThat(stored(table))
        .containsExactly(
            Map.entry("a", "1.00/false/1/0"),
            Map.entry("m", "2.00/false/2/0"),
            Map.entry("z", "3.00/false/1/0"));
  }

  @Test
  void aBatchThatKeepsLosingItsConnectionFailsClearlyAfterTheLastAttemptAndWritesNothing()
      throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter w = upserter(table, "doomed", 2);
    w.write(List.of(row("m", "1.00", false, 1, 0)));
    List<Row> batch = List.of(row("a", "1.00", false, 1, 0), row("m", "2.00", false, 2, 0));

    try (Connection blocker = DriverManager.getConnection(postgres.jdbcUrl())) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute(
            "SELECT * FROM " + PostgresTables.qualifiedName(table) + " WHERE id = 'm' FOR UPDATE");
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<JdbcBatchOutcome> writing = pool.submit(() -> w.write(batch));
        assertThat(terminateWhenWaitingOnLock("doomed")).isTrue();
        assertThat(terminateWhenWaitingOnLock("doomed")).isTrue();
        assertThatThrownBy(writing::get)
            .hasCauseInstanceOf(SQLException.class)
            .hasMessageContaining("sink_test")
            .hasMessageContaining("batch of 2 rows failed after 2 attempts");
      } finally {
        blocker.rollback();
        pool.shutdownNow();
      }
    }
    assertThat(stored(table)).containsExactly(Map.entry("m", "1.00/false/1/0"));
  }

  @Test
  void aValueWithMoreDecimalsThanTheColumnFailsTheWholeBatchAtOnce() throws Exception {
    UpsertTable table = newTable();
    PostgresUpserter w = upserter(table, "scale", 5);

    assertThatThrownBy(
            () -> w.write(List.of(row("a", "1.00", false, 1, 0), row("b", "1.005", false, 1, 0))))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("column 'amount' keeps 2 decimals, the value is 1.005");
    assertThat(stored(table)).isEmpty();
  }

  @Test
  void aTableWithAWrongColumnOrKeyIsAStartUpErrorNamingTheColumn() throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS bad");
      s.execute(
          "CREATE TABLE bad.wrong_type (id text PRIMARY KEY, amount text, is_final boolean,"
              + " n bigint, pane_index bigint)");
      s.execute(
          "CREATE TABLE bad.wrong_key (id text, amount numeric(18,2), is_final boolean,"
              + " n bigint PRIMARY KEY, pane_index bigint)");
      s.execute(
          "CREATE TABLE bad.missing (id text PRIMARY KEY, amount numeric(18,2), is_final boolean,"
              + " n bigint)");
    }
    JdbcConnection c = connection("bad");

    assertThatThrownBy(
            () ->
                PostgresTables.createOrValidate(
                    c, UpsertTable.named("bad", "wrong_type", "id"), SCHEMA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column 'amount' is text, the pipeline writes numeric(18,2)");
    assertThatThrownBy(
            () ->
                PostgresTables.createOrValidate(
                    c, UpsertTable.named("bad", "wrong_key", "id"), SCHEMA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("primary key is [n]")
        .hasMessageContaining("column 'id' differs");
    assertThatThrownBy(
            () ->
                PostgresTables.createOrValidate(
                    c, UpsertTable.named("bad", "missing", "id"), SCHEMA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column 'pane_index' is missing");
  }

  @Test
  void aMissingTableIsCreatedWithItsPrimaryKeyAndThenAccepted() throws Exception {
    UpsertTable table = newTable();
    JdbcConnection c = connection("create");
    PostgresTables.createOrValidate(c, table, SCHEMA);
    PostgresTables.createOrValidate(c, table, SCHEMA);

    try (Connection sql = DriverManager.getConnection(postgres.jdbcUrl());
        Statement s = sql.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                    + " AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = '"
                    + PostgresTables.qualifiedName(table)
                    + "'::regclass")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("id");
      assertThat(rs.next()).isFalse();
    }
  }

  /**
   * Waits (up to 20 s) until a backend of {@code application} waits on a lock, then terminates it;
   * true if one was terminated. Polling the server's activity view is what observes the writer
   * mid-batch; nothing sleeps in place of it. Each look is a transaction of its own: within one,
   * the server would show the same snapshot of its activity every time.
   */
  private static boolean terminateWhenWaitingOnLock(String application) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl());
          Statement s = admin.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name ="
                      + " '"
                      + application
                      + "' AND wait_event_type = 'Lock'")) {
        if (rs.next() && rs.getBoolean(1)) {
          return true;
        }
      }
      Thread.sleep(20);
    }
    return false;
  }
}
