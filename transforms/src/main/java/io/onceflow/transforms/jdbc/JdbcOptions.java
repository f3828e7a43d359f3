package io.onceflow.transforms.jdbc;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The PostgreSQL database a pipeline's JDBC upsert sink writes to. */
public interface JdbcOptions extends PipelineOptions {

  @Description(
      "JDBC URL of the PostgreSQL database the tables are written to, e.g."
          + " jdbc:postgresql://db.example.com:5432/analytics. The demo starts its own.")
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Description("Database user; empty takes the one in --jdbcUrl, if any.")
  @Default.String("")
  String getJdbcUser();

  void setJdbcUser(String value);

  @Description(
      "Database password. Prefer --jdbcPasswordFile: a password given here is visible in the"
          + " process list.")
  @Default.String("")
  String getJdbcPassword();

  void setJdbcPassword(String value);

  @Description("A file whose first line is the database password (read at start-up).")
  @Default.String("")
  String getJdbcPasswordFile();

  void setJdbcPasswordFile(String value);

  @Description("Connections each worker JVM keeps open to the database.")
  @Default.Integer(4)
  int getJdbcPoolSize();

  void setJdbcPoolSize(int value);

  @Description("How often each table commits a batch, in seconds.")
  @Default.Integer(5)
  int getJdbcCommitIntervalSeconds();

  void setJdbcCommitIntervalSeconds(int value);

  @Description(
      "Attempts per batch on a serialization failure, a deadlock or a lost connection, with"
          + " doubling back-off; after the last one the batch fails.")
  @Default.Integer(8)
  int getJdbcMaxAttempts();

  void setJdbcMaxAttempts(int value);
}
