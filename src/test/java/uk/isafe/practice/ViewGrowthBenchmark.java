package uk.isafe.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.BenchmarkSeeds;
import uk.isafe.practice.testsupport.CpuTime;
import uk.isafe.practice.testsupport.PageTimer;
import uk.isafe.practice.testsupport.Plans;
import uk.isafe.practice.testsupport.SqlCounts;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * How the trainers' and leaders' views cost as the data grows: the trainer's cohort page ({@code /gradebook}), the
 * learning team's view across a deployment's courses and the case-file audit's senior-leader and team views. The base
 * size is one local authority: 10 courses of 30 learners (each with three completed scenarios of 8 choices and five
 * scales before and after), and a case-file audit of 4 teams of 10 practitioners, 2 rounds of 10 cases a team, two
 * men a case. Two ways of growing, each at 1×, 10× and 100×:
 * <ul>
 *   <li><b>the database grows</b>: it holds 1, 10 and 100 authorities' data while the viewed one stays at the base
 *       size, so a view that costs more at 100× reads rows it does not show (a scan, or an index that does not
 *       narrow);</li>
 *   <li><b>the viewed data grows</b> (with the database already at 100×): an authority 10× and 100× the base, as
 *       courses of 300 and 3,000 learners, and audits of 10 teams × 8 rounds and 40 teams × 20 rounds (800 and 8,000
 *       cases). Here the cost of a page rightly grows with what it shows, but the number of statements must not: a
 *       query per learner, course, team, round or case would multiply it.</li>
 * </ul>
 * For each view and size: p50/p99 of full HTTP requests (one after another, after a warm-up), CPU per request (this
 * JVM, which is the server and the client, and PostgreSQL apart, from {@code /proc}), SQL statements per request
 * ({@code pg_stat_statements}, the server's timer statements left out), and, for every statement the page ran, the
 * plans PostgreSQL really ran for three of the requests ({@code auto_explain} with row counts) and its generic plan.
 * <b>Fails</b> if
 * <ul>
 *   <li>a view's statements per request differ between any two sizes;</li>
 *   <li>while the viewed authority is at its base size, any plan scans a table of more than {@value #BIG_TABLE} rows
 *       sequentially, or one run of a statement reads and throws away more than {@value #BIG_TABLE} rows (an index
 *       that does not narrow, a subquery reading a whole group for every row);</li>
 *   <li>the rows a statement throws away grow more than 12-fold from 10× to 100× of the viewed data (a cost that
 *       grows faster than what the page shows).</li>
 * </ul>
 * Sequential scans while the viewed data has grown are listed, not failed: there the page reads a large share of
 * the tables (at 100×, half of all enrolments), and a scan is often the cheaper plan. Each measurement takes up to
 * {@value #SAMPLES} requests, but stops adding requests at about {@code bench.viewBudgetMs} (15 s; at least 30), so
 * the largest pages have fewer samples (printed) and their p99 is nearly their maximum.
 *
 * <p>About 4–6 minutes on the 2-core machine (seeding about a minute, at the end about 65,000 people, 180,000
 * attempts and 1.4 million choices). Run: {@code mvn -Pbench test -Dtest=ViewGrowthBenchmark}; the {@code bench}
 * profile loads {@code pg_stat_statements} and {@code auto_explain} into the test database (plain {@code mvn test}
 * does not).
 */
@Tag("benchmark")
class ViewGrowthBenchmark {
  static final int BIG_TABLE = 5_000;
  static final int WARM_UP = 20;
  static final int JIT_WARM_UP = 200;
  static final int SAMPLES = Integer.getInteger("bench.samples", 300);
  static final long BUDGET_MS = Long.getLong("bench.viewBudgetMs", 15_000);
  static final int MIN_SAMPLES = 30;
  static final long IDLE_MS = 5_000;


  /** How big one authority is: courses, learners per course, audit teams and rounds. */
  private record Shape(int courses, int learners, int teams, int rounds) {
    static final Shape BASE = new Shape(10, 30, 4, 2);
  }

  /** Where the views are looked at: the database's size, the viewed authority's, and who looks. */
  private record Scope(String database, String viewed, Shape shape, TestSessions.Session trainer,
      TestSessions.Session admin, long team) {
  }

  /** The four views: their address for a scope, and text the page must show there (so that the data is seen). */
  private enum View {
    COHORT("cohort page (trainer)") {
      String url(Scope s) {
        return s.trainer().url("/gradebook");
      }

      String shows(Shape s) {
        return "Learner 1-" + s.learners() + "<";
      }
    },
    LEARNING_TEAM("learning team, all courses") {
      String url(Scope s) {
        return s.admin().url("/learning-team");
      }

      String shows(Shape s) {
        return "Cohort " + s.courses();
      }
    },
    SENIOR("audit, senior leader") {
      String url(Scope s) {
        return s.admin().url("/audit/organisation");
      }

      String shows(Shape s) {
        return "Team " + String.format(Locale.ROOT, "%02d", s.teams());
      }
    },
    AUDIT_TEAM("audit, one team") {
      String url(Scope s) {
        return s.admin().url("/audit/team/" + s.team());
      }

      String shows(Shape s) {
        return "Round " + s.rounds() + "<";
      }
    };

    final String title;

    View(String title) {
      this.title = title;
    }

    abstract String url(Scope s);

    abstract String shows(Shape s);
  }

  private record Result(Scope scope, PageTimer.Measured m, List<Plans.Scan> scans, List<Plans.Discard> discards) {
    boolean base() {
      return scope.viewed().equals("base");
    }

    String where() {
      return "database " + scope.database() + ", viewed " + scope.viewed();
    }
  }

  @Test
  void statements_per_request_stay_the_same_and_no_big_table_is_scanned_as_the_data_grows() {
    try (TestServer server = TestServer.start(Map.of("SCENARIOS_DIR", Path.of("scenarios").toAbsolutePath().toString(),
        "AUDIT_CASE_REF_SECRET", "bench-secret-bench-secret-bench-secret"))) {
      DbSettings db = server.database();
      TestDatabase.execute(db, "INSERT INTO audit_bank_version (bank_id, version, sha256, source)"
          + " VALUES ('father-inclusion', 1, 'bench', 'x')");
      Background background = Background.of(server);
      System.out.println("\nthe server's own statements (timers), left out of the views' counts: "
          + background.statements().stream().map(Plans::oneLine).toList());
      Map<View, List<Result>> results = new LinkedHashMap<>();
      Scope home = null;
      int units = 1;
      for (int size : List.of(1, 10, 100)) {
        long t0 = System.nanoTime();
        if (home == null) {
          home = authority(server, "1", "u0", Shape.BASE, "1×", "base");
        }
        for (; units < size; units++) {
          long other = longOf(db, "INSERT INTO platform_registration (name, issuer, client_id, auth_login_url,"
              + " auth_token_url, key_set_url) VALUES ('growth-" + units + "', 'https://la" + units
              + ".example', 'c', 'https://x/a', 'https://x/t', 'https://x/k') RETURNING id");
          long auditor = longOf(db, "INSERT INTO person (registration_id, subject, name) VALUES (" + other
              + ", 'auditor', 'Auditor') RETURNING id");
          seed(db, other, "1", "u" + units, auditor, Shape.BASE);
        }
        Scope at = new Scope(size + "×", "base", Shape.BASE, home.trainer(), home.admin(), home.team());
        measureAll(server, at, background, results, t0);
      }
      for (int k : List.of(10, 100)) {
        long t0 = System.nanoTime();
        Shape big = k == 10 ? new Shape(10, 300, 10, 8) : new Shape(10, 3_000, 40, 20);
        Scope at = authority(server, String.valueOf(k), "b" + k, big, "≥100×", k + "×");
        measureAll(server, at, background, results, t0);
      }
      report(results);
      assertTrue(results.get(View.COHORT).get(0).m().statementsPerRequest() > 0,
          "no statements counted: run with -Pbench (it loads pg_stat_statements)");
      List<String> problems = new ArrayList<>();
      results.forEach((view, rows) -> problems.addAll(problems(view, rows)));
      assertTrue(problems.isEmpty(), String.join("\n", new LinkedHashSet<>(problems)));
    }
  }

  /**
   * Statements per request that differ from the first size's; sequential scans of big tables, and more than
   * {@value #BIG_TABLE} rows thrown away by one statement, while the viewed authority is at its base size; and rows
   * thrown away growing faster than the viewed data (from 10× to 100× of it, more than 12-fold).
   */
  private static List<String> problems(View view, List<Result> rows) {
    List<String> problems = new ArrayList<>();
    double first = rows.get(0).m().ownStatementsPerRequest();
    Map<String, Long> tenfold = new LinkedHashMap<>();
    for (Result r : rows) {
      double n = r.m().ownStatementsPerRequest();
      if (Math.abs(n - first) > 0.1) {
        problems.add(String.format(Locale.ROOT, "%s (%s): %.2f statements per request against %.2f at first: a query"
            + " per row", view.title, r.where(), n, first));
      }
      if (r.base()) {
        r.scans().stream().filter(x -> x.rows() > BIG_TABLE)
            .forEach(x -> problems.add(view.title + " (" + r.where() + "): " + x));
        r.discards().stream().filter(x -> x.rows() > BIG_TABLE)
            .forEach(x -> problems.add(view.title + " (" + r.where() + "): " + x));
      } else if (r.scope().viewed().equals("10×")) {
        r.discards().forEach(x -> tenfold.put(x.table() + "\n" + x.query(), x.rows()));
      } else {
        r.discards().stream().filter(x -> x.rows() > BIG_TABLE
                && x.rows() > 12 * tenfold.getOrDefault(x.table() + "\n" + x.query(), 0L))
            .forEach(x -> problems.add(view.title + " (" + r.where() + "): " + x + ", against "
                + tenfold.getOrDefault(x.table() + "\n" + x.query(), 0L) + " with a tenth of the viewed data"));
      }
    }
    return problems;
  }

  /** An authority in deployment {@code dep} of the test platform, seeded to {@code shape}, with its viewers. */
  private static Scope authority(TestServer server, String dep, String prefix, Shape shape, String database,
      String viewed) {
    DbSettings db = server.database();
    TestSessions.Session admin = TestSessions.on(server).deployment(dep).course(prefix + "-home")
        .link("audit", Map.of("activity", "audit")).person("growth-admin", "Growth Admin").role(Role.ADMINISTRATOR)
        .create();
    long reg = admin.context().registrationId();
    seed(db, reg, dep, prefix, admin.context().personId().orElseThrow(), shape);
    TestSessions.Session trainer = TestSessions.on(server).deployment(dep).course(prefix + "-c1")
        .link("l-scenario:dad-not-on-file", Map.of("activity", "scenario:dad-not-on-file"))
        .person("growth-trainer", "Growth Trainer").role(Role.TRAINER).create();
    long team = longOf(db, "SELECT id FROM audit_team WHERE name = 'Team 01' AND registration_id = " + reg
        + " AND deployment_id = '" + dep + "'");
    return new Scope(database, viewed, shape, trainer, admin, team);
  }

  private static void seed(DbSettings db, long registration, String deployment, String prefix, long auditor,
      Shape shape) {
    BenchmarkSeeds.learning(db, registration, deployment, prefix, shape.courses(), shape.learners());
    BenchmarkSeeds.audit(db, registration, deployment, prefix, auditor, shape.teams(), shape.rounds());
  }

  /** What the server runs on its own: statement texts as pg_stat_statements and as auto_explain have them. */
  private record Background(Set<String> statements, Set<String> queries) {
    static Background of(TestServer server) {
      List<Set<String>> statements = new ArrayList<>();
      Plans.Capture idle = Plans.capture(server.database(),
          () -> statements.add(SqlCounts.background(server.database(), server.url(""), IDLE_MS)));
      return new Background(statements.get(0), idle.queries());
    }
  }

  private static void measureAll(TestServer server, Scope at, Background background, Map<View, List<Result>> results,
      long seedStart) {
    DbSettings db = server.database();
    TestDatabase.execute(db, "VACUUM ANALYZE");
    System.out.printf(Locale.ROOT, "%nseeded the database at %s, viewed authority at %s, in %.0f s: %s%n",
        at.database(), at.viewed(), (System.nanoTime() - seedStart) / 1e9, sizes(db));
    for (View view : View.values()) {
      String url = view.url(at);
      HttpResponse<String> first = server.http().get(url);
      assertEquals(200, first.statusCode(), url + "\n" + first.body());
      assertTrue(first.body().contains(view.shows(at.shape())), view.title + " shows " + view.shows(at.shape()));
      // The first size gets a longer warm-up, so that its figures are not the JIT compiler's.
      for (int i = results.containsKey(view) ? WARM_UP : JIT_WARM_UP; i > 0; i--) {
        server.http().get(url);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        server.http().get(url);
      }
      double msEach = (System.nanoTime() - t0) / 3e6;
      int samples = (int) Math.max(MIN_SAMPLES, Math.min(SAMPLES, BUDGET_MS / Math.max(msEach, 0.1)));
      PageTimer.Measured m = PageTimer.measure(server, url, 0, samples, background.statements());
      Plans.Capture run = Plans.capture(db, () -> {
        for (int i = 0; i < 3; i++) {
          server.http().get(url);
        }
      });
      Set<String> queries = new LinkedHashSet<>(run.queries());
      queries.removeAll(background.queries());
      assertTrue(!queries.isEmpty(), "auto_explain logged none of the statements of " + view.title);
      List<Plans.Scan> scans = new ArrayList<>(Plans.run(db, run, queries));
      scans.addAll(Plans.generic(db, queries));
      results.computeIfAbsent(view, v -> new ArrayList<>()).add(new Result(at, m, scans,
          Plans.discards(run, queries)));
    }
  }

  private static void report(Map<View, List<Result>> results) {
    System.out.printf(Locale.ROOT, "%nView growth benchmark: load average %.1f on %d cores; CPU per request: this JVM"
        + " (server and client) and PostgreSQL%n", CpuTime.loadAverage(), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "  %-27s %8s %7s %8s %8s %8s %8s %7s %10s%n", "view", "database", "viewed",
        "p50 ms", "p99 ms", "JVM ms", "PG ms", "samples", "statements");
    results.forEach((view, rows) -> rows.forEach(r -> System.out.printf(Locale.ROOT,
        "  %-27s %8s %7s %8.1f %8.1f %8.1f %8.1f %7d %10.2f%n", view.title, r.scope().database(),
        r.scope().viewed(), r.m().timing().ms(0.5), r.m().timing().ms(0.99), r.m().timing().jvmCpuMsPerRequest(),
        r.m().pgCpuMsPerRequest(), r.m().samples(), r.m().ownStatementsPerRequest())));
    results.forEach((view, rows) -> {
      System.out.println("\n  " + view.title + ": each statement's calls per request and mean ms (planning +"
          + " execution) at " + String.join(" · ", rows.stream().map(r -> r.scope().database() + "/"
          + r.scope().viewed()).toList()));
      Set<String> statements = new TreeSet<>();
      rows.forEach(r -> statements.addAll(r.m().ownStatements()));
      for (String q : statements) {
        StringBuilder line = new StringBuilder();
        for (Result r : rows) {
          long calls = r.m().sql().byStatement().getOrDefault(q, 0L);
          double ms = calls == 0 ? 0 : r.m().sql().msByStatement().getOrDefault(q, 0.0) / calls;
          line.append(String.format(Locale.ROOT, " %4.2f× %6.3f", calls / (double) r.m().samples(), ms));
        }
        System.out.println("   " + line + "  " + Plans.oneLine(q).substring(0, Math.min(70, Plans.oneLine(q)
            .length())));
      }
      Map<String, Plans.Scan> largest = new TreeMap<>();
      rows.forEach(r -> r.scans().forEach(s -> largest.merge(s.table() + " " + s.how() + " " + s.query(), s,
          (a, b) -> a.rows() >= b.rows() ? a : b)));
      System.out.println(largest.isEmpty() ? "   no sequential scan in any plan"
          : "   sequential scans, each at the largest size it was seen (where the viewed data has grown, the page"
          + " reads a large share of these tables and a scan can be the cheaper plan):\n     "
          + String.join("\n     ", largest.values().stream().map(Plans.Scan::toString).toList()));
      rows.forEach(r -> r.discards().stream().filter(x -> x.rows() >= 1_000).forEach(x ->
          System.out.println("   (" + r.where() + ") " + x)));
    });
  }

  private static String sizes(DbSettings db) {
    StringBuilder b = new StringBuilder();
    for (String t : List.of("person", "enrolment", "scenario_attempt", "scenario_choice_event",
        "assessment_scale_score", "audit_case", "audit_answer", "audit_man_result")) {
      b.append(t).append(' ').append(longOf(db, "SELECT count(*) FROM " + t)).append(", ");
    }
    return b.substring(0, b.length() - 2);
  }

  private static long longOf(DbSettings db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
