package io.onceflow.it.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.local.LocalPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row with money and a UTC instant makes a round trip through a real PostgreSQL server,
 * unchanged.
 */
class PostgresRoundTripIT {

  @TempDir Path dir;

  @Test
  void rowRoundTripsExactly() throws Exception {
    Instant at = Instant.parse("2026-11-24T10:15:30.123456Z");
    try (LocalPostgres postgres = new LocalPostgres(dir.resolve("pg"))) {
      postgres.start();
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl())) {
        c.createStatement()
            .execute(
                "create table purchases (id text primary key, amount numeric(18,2) not null, at"
                    + " timestamptz not null)");
        try (PreparedStatement insert =
            c.prepareStatement("insert into purchases values (?, ?, ?)")) {
          insert.setString(1, "p-1");
          insert.setBigDecimal(2, new BigDecimal("12345678901234.56"));
          insert.setTimestamp(3, Timestamp.from(at));
          assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        try (ResultSet rs =
            c.createStatement().executeQuery("select id, amount, at from purchases")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("p-1");
          assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("12345678901234.56"));
          assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(at);
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }
}
