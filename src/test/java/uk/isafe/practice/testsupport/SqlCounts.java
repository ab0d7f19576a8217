package uk.isafe.practice.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.isafe.practice.store.DbSettings;

/**
 * The SQL work a benchmark's server did, counted two ways: statements as PostgreSQL counts them
 * ({@code pg_stat_statements}, BEGIN and COMMIT included, so the transactions can be read from the list), and the
 * commands the server's SQL client sent ({@code vertx_sql_processing_time_seconds_count} in its {@code /metrics}: one
 * per query, so a batch counts once; BEGIN and COMMIT are not counted there). Take a {@link #snapshot} before and
 * after, then {@link Snapshot#minus}. ({@code pg_stat_database}'s transaction counts are not used: backends report
 * them up to 10 s late.)
 */
public final class SqlCounts {
  private static final String SELF = "%pg_stat_%";

  private SqlCounts() {
  }

  /** What has been counted so far, per statement text (normalised by PostgreSQL: constants become $n). */
  public record Snapshot(long statements, long clientCommands, Map<String, Long> byStatement,
      Map<String, Double> msByStatement) {

    /** The work done between {@code earlier} and this snapshot. */
    public Snapshot minus(Snapshot earlier) {
      Map<String, Long> diff = new HashMap<>();
      Map<String, Double> ms = new HashMap<>();
      byStatement.forEach((q, n) -> {
        long d = n - earlier.byStatement.getOrDefault(q, 0L);
        if (d > 0) {
          diff.put(q, d);
          ms.put(q, msByStatement.getOrDefault(q, 0.0) - earlier.msByStatement.getOrDefault(q, 0.0));
        }
      });
      return new Snapshot(statements - earlier.statements, clientCommands - earlier.clientCommands, diff, ms);
    }

    /**
     * Prints the per-operation figures and the statements run at least {@code minPerOp} times per operation, each
     * with its mean time inside PostgreSQL (planning and execution, wall time).
     */
    public void print(String operation, long operations, double minPerOp) {
      System.out.printf("  SQL per %s: %.2f statements (BEGIN/COMMIT included), %.2f commands sent by the server%n",
          operation, statements / (double) operations, clientCommands / (double) operations);
      List<Map.Entry<String, Long>> top = new ArrayList<>(byStatement.entrySet());
      top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
      for (Map.Entry<String, Long> e : top) {
        double per = e.getValue() / (double) operations;
        if (per >= minPerOp) {
          String q = e.getKey().replaceAll("\\s+", " ").strip();
          System.out.printf("      %5.2f × %6.3f ms  %s%n", per, msByStatement.getOrDefault(e.getKey(), 0.0) / e.getValue(),
              q.length() > 100 ? q.substring(0, 97) + "..." : q);
        }
      }
    }
  }

  /**
   * Counts now. {@code db} is the server's database, {@code baseUrl} the server (for its SQL client's count).
   * Statement counts need {@code pg_stat_statements} loaded ({@link ServerProcess#countStatements()}); without it
   * they are 0.
   */
  public static Snapshot snapshot(DbSettings db, String baseUrl) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement()) {
      Map<String, Long> by = new HashMap<>();
      Map<String, Double> ms = new HashMap<>();
      long total = 0;
      boolean loaded;
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
        loaded = rs.next();
      }
      if (loaded) {
        try (ResultSet rs = s.executeQuery("SELECT query, calls, total_exec_time + total_plan_time FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND query NOT LIKE '" + SELF + "' AND query NOT LIKE '%pg_extension%'")) {
          while (rs.next()) {
            by.merge(rs.getString(1), rs.getLong(2), Long::sum);
            ms.merge(rs.getString(1), rs.getDouble(3), Double::sum);
            total += rs.getLong(2);
          }
        }
      }
      return new Snapshot(total, clientCommands(baseUrl), by, ms);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the benchmark database's statistics: " + e.getMessage(), e);
    }
  }

  /**
   * The statements the server runs on its own (its timers), seen in {@code millis} during which the caller asks it
   * nothing: to tell them from a page's statements when a page takes long.
   */
  public static Set<String> background(DbSettings db, String baseUrl, long millis) {
    Snapshot before = snapshot(db, baseUrl);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return Set.copyOf(snapshot(db, baseUrl).minus(before).byStatement().keySet());
  }

  private static long clientCommands(String baseUrl) {
    String metrics = CpuTime.metrics(baseUrl);
    for (String line : metrics.split("\n")) {
      if (line.startsWith("vertx_sql_processing_time_seconds_count")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
