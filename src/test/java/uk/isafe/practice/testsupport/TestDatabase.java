package uk.isafe.practice.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.store.EmbeddedPostgres;
import uk.isafe.practice.store.Migrations;

/**
 * One real embedded PostgreSQL per test JVM (durability settings off for speed), with a migrated template database.
 * {@link #fresh()} clones the template into a new database, so each test class starts clean in milliseconds.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static DbSettings template;
  private static Path directory;

  private TestDatabase() {
  }

  /** A new, migrated, empty database on the shared test server. */
  public static synchronized DbSettings fresh() {
    ensureStarted();
    String name = "t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute(template.withDatabase("postgres"), "CREATE DATABASE " + name + " TEMPLATE " + template.database());
    return template.withDatabase(name);
  }

  /** The shared server's settings for another database name (e.g. to create databases of your own). */
  public static synchronized DbSettings server() {
    ensureStarted();
    return template.withDatabase("postgres");
  }

  /** Where the shared server keeps its data ({@code pg-data/server.log} is its log), for benchmarks. */
  public static synchronized Path directory() {
    ensureStarted();
    return directory;
  }

  /** Runs one SQL statement over JDBC (test set-up only). */
  public static void execute(DbSettings db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static void ensureStarted() {
    if (server != null) {
      return;
    }
    Path dir = Path.of("target", "test-pg-" + ProcessHandle.current().pid()).toAbsolutePath();
    directory = dir;
    List<String> options = new java.util.ArrayList<>(List.of("fsync=off", "synchronous_commit=off",
        "full_page_writes=off"));
    // Benchmarks (the bench profile sets this) count statements per request with pg_stat_statements, and can have
    // auto_explain log the plans really run (off, its default, until Plans turns it on for a moment with ALTER SYSTEM,
    // which a -c option here would outrank); mvn test loads neither.
    boolean statements = Boolean.getBoolean("bench.pgStatStatements");
    if (statements) {
      options.addAll(List.of("shared_preload_libraries=pg_stat_statements,auto_explain",
          "pg_stat_statements.track_planning=on", "auto_explain.log_format=json"));
    }
    server = EmbeddedPostgres.start(dir, options);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      deleteQuietly(dir);
    }, "test-db-stop"));
    DbSettings base = server.settings();
    execute(base.withDatabase("postgres"), "CREATE DATABASE isafe_template");
    template = base.withDatabase("isafe_template");
    Migrations.applyBlocking(template);
    if (statements) {
      execute(template, "CREATE EXTENSION pg_stat_statements");
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
