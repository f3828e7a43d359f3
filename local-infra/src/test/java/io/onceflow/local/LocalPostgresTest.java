package io.onceflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

  @TempDir Path dir;

  @Test
  void aRowSurvivesARestartOfTheServer() throws Exception {
    try (LocalPostgres postgres = new LocalPostgres(dir.resolve("pg"))) {
      postgres.start();
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
          Statement s = c.createStatement()) {
        s.execute("create table t (id text primary key, amount numeric(18,2))");
        s.execute("insert into t values ('a', 0.10 + 0.20)");
      }
      postgres.stop();
      assertThatThrownBy(postgres::stop).hasMessageContaining("is not running");
      postgres.start();
      assertThatThrownBy(postgres::start).hasMessageContaining("already running");
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select amount from t where id = 'a'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("0.30"));
      }
    }
  }
}
