package uk.isafe.practice.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.isafe.practice.store.DbSettings;

/**
 * Sequential scans in the plans of a benchmark's statements, two ways: the plans PostgreSQL really ran while some work
 * was done ({@link #capture}: {@code auto_explain}, which the shared test server loads in benchmarks only, under
 * {@code bench.pgStatStatements}, set by the {@code bench} profile), and the generic plan of each statement so
 * captured ({@code EXPLAIN (GENERIC_PLAN, FORMAT JSON)}: parameters unknown, as PostgreSQL may plan a prepared
 * statement once it has run five times). The texts are the server's own, constants included ({@code
 * pg_stat_statements} would have made its constants parameters, and planned another query). Each scan comes with the
 * scanned table's size (PostgreSQL's estimate from the last {@code ANALYZE}).
 */
public final class Plans {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARK = " plan:";

  private Plans() {
  }

  /** A sequential scan of {@code table} ({@code rows} rows) in the plan of {@code query}; {@code how}: generic or run. */
  public record Scan(String table, long rows, String query, String how) {
    @Override
    public String toString() {
      return "sequential scan of " + table + " (" + rows + " rows) in the " + how + " plan of " + oneLine(query);
    }
  }

  /** Sequential scans in the generic plans of those {@code statements} that read (SELECT or WITH). */
  public static List<Scan> generic(DbSettings db, Collection<String> statements) {
    List<Scan> found = new ArrayList<>();
    // Simple protocol: a statement with $n placeholders must reach EXPLAIN (GENERIC_PLAN) unbound.
    String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "preferQueryMode=simple";
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
         Statement st = c.createStatement()) {
      for (String query : statements) {
        String q = query.stripLeading();
        if (!q.regionMatches(true, 0, "SELECT", 0, 6) && !q.regionMatches(true, 0, "WITH", 0, 4)) {
          continue;
        }
        try (ResultSet rs = st.executeQuery("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + query)) {
          rs.next();
          scans(c, JSON.readTree(rs.getString(1)), query, "generic", found);
        } catch (SQLException e) {
          throw new IllegalStateException("cannot explain " + oneLine(query) + ": " + e.getMessage(), e);
        }
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  /** The plans {@code auto_explain} logged while some work ran. */
  public record Capture(List<JsonNode> plans) {
    /** The statements run, as the server sent them (parameters as $n, constants as written). */
    public Set<String> queries() {
      Set<String> out = new LinkedHashSet<>();
      plans.forEach(p -> out.add(p.path("Query Text").asText()));
      return out;
    }
  }

  /**
   * Runs {@code work} with {@code auto_explain} logging the plan of every statement the server runs, with row counts
   * (for a moment: the settings are reloaded, then reset), and gives those plans.
   */
  public static Capture capture(DbSettings db, Runnable work) {
    Path log = TestDatabase.directory().resolve("pg-data").resolve("server.log");
    long from = log.toFile().length();
    logPlans(db, true);
    try {
      work.run();
    } finally {
      logPlans(db, false);
    }
    if (!setting(db, "shared_preload_libraries").contains("auto_explain")) {
      throw new IllegalStateException("auto_explain is not loaded: run benchmarks with -Pbench");
    }
    return new Capture(logged(log, from));
  }

  /**
   * Rows that a scan read and threw away ({@code Rows Removed by Filter} or {@code by Index Recheck}, times the
   * scan's loops) in one run of {@code query}: what an index that does not narrow enough costs, or a correlated
   * subquery that reads a whole group for each row. The most of any one run.
   */
  public record Discard(String table, long rows, String query) {
    @Override
    public String toString() {
      return "read and threw away " + rows + " rows of " + table + " in one run of " + oneLine(query);
    }
  }

  /** Rows thrown away by scans in the captured plans of the statements in {@code only}, per table and statement. */
  public static List<Discard> discards(Capture capture, Set<String> only) {
    Map<String, Discard> most = new TreeMap<>();
    for (JsonNode plan : capture.plans()) {
      String query = plan.path("Query Text").asText();
      if (!only.contains(query)) {
        continue;
      }
      Map<String, Long> byTable = new TreeMap<>();
      discarded(plan, byTable);
      byTable.forEach((table, rows) -> most.merge(table + "\n" + query, new Discard(table, rows, query),
          (a, b) -> a.rows() >= b.rows() ? a : b));
    }
    return new ArrayList<>(most.values());
  }

  private static void discarded(JsonNode node, Map<String, Long> byTable) {
    if (node.isObject()) {
      if (node.has("Relation Name")) {
        long removed = node.path("Rows Removed by Filter").asLong(0) + node.path("Rows Removed by Index Recheck")
            .asLong(0);
        if (removed > 0) {
          byTable.merge(node.get("Relation Name").asText(), removed * node.path("Actual Loops").asLong(1), Long::sum);
        }
      }
      node.forEach(child -> discarded(child, byTable));
    } else if (node.isArray()) {
      node.forEach(child -> discarded(child, byTable));
    }
  }

  /** Sequential scans in the captured plans of the statements in {@code only}. */
  public static List<Scan> run(DbSettings db, Capture capture, Set<String> only) {
    Set<Scan> found = new LinkedHashSet<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      for (JsonNode plan : capture.plans()) {
        String query = plan.path("Query Text").asText();
        if (only.contains(query)) {
          List<Scan> scans = new ArrayList<>();
          scans(c, plan, query, "run", scans);
          found.addAll(scans);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new ArrayList<>(found);
  }

  private static String setting(DbSettings db, String name) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  private static void logPlans(DbSettings db, boolean on) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement()) {
      // With ANALYZE (row counts, no timing): what each scan read and threw away.
      for (String setting : List.of("log_min_duration = 0", "log_analyze = on", "log_timing = off")) {
        st.execute(on ? "ALTER SYSTEM SET auto_explain." + setting
            : "ALTER SYSTEM RESET auto_explain." + setting.substring(0, setting.indexOf(' ')));
      }
      st.execute("SELECT pg_reload_conf()");
      // Every backend reads the reloaded setting before its next command, once the signal has reached it.
      Thread.sleep(300);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot switch auto_explain: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JSON plans in the log after byte {@code from}: a line ending in "plan:", then tab-indented lines. */
  static List<JsonNode> logged(Path log, long from) {
    String text;
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) Math.max(0, f.length() - from)];
      f.seek(from);
      f.readFully(bytes);
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + log + ": " + e.getMessage(), e);
    }
    List<JsonNode> plans = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].endsWith(MARK)) {
        continue;
      }
      StringBuilder json = new StringBuilder();
      while (i + 1 < lines.length && lines[i + 1].startsWith("\t")) {
        i++;
        json.append(lines[i].substring(1)).append('\n');
      }
      try {
        plans.add(JSON.readTree(json.toString()));
      } catch (IOException e) {
        throw new IllegalStateException("unreadable plan in " + log + ": " + json, e);
      }
    }
    return plans;
  }

  private static void scans(Connection c, JsonNode plan, String query, String how, List<Scan> out)
      throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    collect(plan, tables);
    for (String table : tables) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = ? AND relkind = 'r'")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          out.add(new Scan(table, rs.next() ? rs.getLong(1) : 0, query, how));
        }
      }
    }
  }

  private static void collect(JsonNode node, TreeSet<String> tables) {
    if (node.isObject()) {
      if ("Seq Scan".equals(node.path("Node Type").asText()) && node.has("Relation Name")) {
        tables.add(node.get("Relation Name").asText());
      }
      node.forEach(child -> collect(child, tables));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, tables));
    }
  }

  /** A statement on one line, cut to 120 characters. */
  public static String oneLine(String q) {
    String s = q.replaceAll("\\s+", " ").strip();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
