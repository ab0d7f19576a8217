package uk.isafe.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.CpuTime;
import uk.isafe.practice.testsupport.PageTimer;
import uk.isafe.practice.testsupport.SqlCounts;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * How the trainers' and leaders' views cost as the database grows: the cohort page of one course, the learning
 * team's view across a deployment's courses and the case-file audit's senior-leader and team views are measured with
 * the database holding 1, 10 and 100 local authorities' worth of data (each: 10 courses of 30 learners with three
 * completed scenarios of 8 choices and questionnaires before and after; 4 audit teams, 2 rounds of 10 cases with two
 * men each). The viewed authority stays the same size, so a view that costs more at 100× reads rows it does not
 * show. For each view and size: p50/p99 of full HTTP requests, CPU per request (this JVM, server and client, and
 * PostgreSQL apart), SQL statements per request ({@code pg_stat_statements}: the same at every size, or a view loops
 * a query per row), and every statement's generic plan ({@code EXPLAIN (GENERIC_PLAN)}) checked for a sequential
 * scan of a table of more than {@value #BIG_TABLE} rows. Fails on either. About 4 minutes on 2 cores.
 *
 * <p>Run: {@code mvn -Pbench test -Dtest=ViewGrowthBenchmark}.
 */
@Tag("benchmark")
class ViewGrowthBenchmark {
  static final int BIG_TABLE = 5_000;
  static final int WARM_UP = 10;
  static final int SAMPLES = Integer.getInteger("bench.samples", 60);

  /** One authority's learning data: %1$d registration, %2$s deployment, %3$s prefix (no hyphen). */
  static final String LEARNING = """
      INSERT INTO course (registration_id, deployment_id, context_id, title)
        SELECT %1$d, '%2$s', '%3$s-c' || c, 'Cohort ' || lpad(c::text, 2, '0') FROM generate_series(1, 10) c;
      INSERT INTO resource_link (course_id, link_id, title, custom)
        SELECT co.id, 'l-' || a, 'Link ' || a, jsonb_build_object('activity', a)
        FROM course co CROSS JOIN unnest(ARRAY['assessment:working-with-fathers:pre', 'scenario:dad-not-on-file',
          'scenario:the-order', 'scenario:dad-abroad', 'assessment:working-with-fathers:post']) a
        WHERE co.registration_id = %1$d AND co.context_id LIKE '%3$s-c%%';
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, '%3$s-l-' || c || '-' || g, 'Learner ' || c || '-' || g
        FROM generate_series(1, 10) c CROSS JOIN generate_series(1, 30) g;
      INSERT INTO enrolment (course_id, person_id, role, roles)
        SELECT co.id, p.id, 'learner', '{Learner}' FROM person p
        JOIN course co ON co.registration_id = %1$d AND co.context_id = '%3$s-c' || split_part(p.subject, '-', 3)
        WHERE p.registration_id = %1$d AND p.subject LIKE '%3$s-l-%%';
      INSERT INTO scenario_attempt (id, course_id, person_id, scenario_id, scenario_version, content_hash, attempt_no,
          status, current_node, started_at, updated_at, completed_at, ending_node, outcome, score,
          competency_scores, indicators, step_token)
        SELECT gen_random_uuid(), e.course_id, e.person_id, s, 1, 'h', 1, 'completed', 'x',
          now() - interval '3 days', now() - interval '2 days', now() - interval '2 days', 'end', 'engaged',
          (e.person_id * 37) %% 101, '{"C1_risk_resource": 0.5}'::jsonb, '{}'::jsonb, 'done'
        FROM enrolment e JOIN course co ON co.id = e.course_id
        CROSS JOIN unnest(ARRAY['dad-not-on-file', 'the-order', 'dad-abroad']) s WHERE co.registration_id = %1$d;
      INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, tags, points, chosen_at)
        SELECT a.id, s, 'n' || s, 'c' || s, '{OQ}', '{}'::jsonb, a.started_at + make_interval(mins => s)
        FROM scenario_attempt a JOIN course co ON co.id = a.course_id CROSS JOIN generate_series(1, 8) s
        WHERE co.registration_id = %1$d;
      INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status, answers,
          started_at, updated_at, completed_at)
        SELECT e.course_id, e.person_id, 'working-with-fathers', 1, w, 'completed', '{}'::jsonb, now(), now(), now()
        FROM enrolment e JOIN course co ON co.id = e.course_id CROSS JOIN unnest(ARRAY['pre', 'post']) w
        WHERE co.registration_id = %1$d AND (w = 'pre' OR e.person_id %% 6 <> 0);
      INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
        SELECT r.id, sc, round((2 + (r.person_id %% 9) * 0.4 + CASE WHEN r.wave = 'post'
            THEN 0.3 + (r.person_id %% 4) * 0.3 ELSE 0 END)::numeric, 2), 6, 6, 'complete', false
        FROM assessment_response r JOIN course co ON co.id = r.course_id
        CROSS JOIN unnest(ARRAY['confidence', 'competence', 'frequency', 'team', 'casework']) sc
        WHERE co.registration_id = %1$d;
      """;

  /** One authority's case-file audit: %1$d registration, %2$s deployment, %3$s prefix, %4$d first auditor. */
  static final String AUDIT = """
      INSERT INTO person (registration_id, subject, name) VALUES (%1$d, '%3$s-second', 'Second Auditor');
      INSERT INTO audit_team (registration_id, deployment_id, name)
        SELECT %1$d, '%2$s', 'Team ' || lpad(g::text, 2, '0') FROM generate_series(1, 4) g;
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, '%3$s-sw-' || t || '-' || n, 'Practitioner ' || t || '-' || n
        FROM generate_series(1, 4) t CROSS JOIN generate_series(1, 10) n;
      INSERT INTO audit_team_member (team_id, person_id)
        SELECT t.id, p.id FROM audit_team t JOIN person p ON p.registration_id = %1$d
          AND p.subject LIKE '%3$s-sw-' || ltrim(substr(t.name, 6), '0') || '-%%'
        WHERE t.registration_id = %1$d;
      INSERT INTO audit_round (registration_id, deployment_id, title, bank_id, bank_version, state, closed_at)
        SELECT %1$d, '%2$s', 'Round ' || g, 'father-inclusion', 1, 'closed', now() FROM generate_series(1, 2) g;
      INSERT INTO audit_round_team (round_id, team_id, planned)
        SELECT r.id, t.id, 10 FROM audit_round r JOIN audit_team t ON t.registration_id = r.registration_id
        WHERE r.registration_id = %1$d;
      INSERT INTO audit_case (round_id, team_id, number, ref_hash, age_band, stage, double_audit)
        SELECT r.id, t.id, t.id * 100 + n, decode(md5(r.id || '/' || t.id || '/' || n) || md5('x' || r.id || '/' || t.id || '/'
          || n), 'hex'), (ARRAY['under-1','1-4','5-9','10-15','16-plus'])[1 + n %% 5],
          (ARRAY['assessment','cin','cp','lac'])[1 + (t.id + n) %% 4], n = 1
        FROM audit_round r JOIN audit_team t ON t.registration_id = r.registration_id
        CROSS JOIN generate_series(1, 10) n WHERE r.registration_id = %1$d;
      INSERT INTO audit_assignment (case_id, auditor_id, kind, status, judgement, submitted_at)
        SELECT c.id, %4$d, 'primary', 'submitted', 'good', now() FROM audit_case c
        JOIN audit_team t ON t.id = c.team_id WHERE t.registration_id = %1$d;
      INSERT INTO audit_assignment (case_id, auditor_id, kind, status, judgement, submitted_at)
        SELECT c.id, (SELECT id FROM person WHERE registration_id = %1$d AND subject = '%3$s-second'), 'second',
          'submitted', 'good', now()
        FROM audit_case c JOIN audit_team t ON t.id = c.team_id WHERE t.registration_id = %1$d AND c.double_audit;
      INSERT INTO audit_man (assignment_id, ordinal, role)
        SELECT a.id, m, (ARRAY['father-resident','father-elsewhere','partner','other-male','unknown'])[1 + (a.case_id + m) %% 5]
        FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id JOIN audit_team t ON t.id = c.team_id
        CROSS JOIN generate_series(1, 2) m WHERE t.registration_id = %1$d;
      INSERT INTO audit_answer (assignment_id, man_ordinal, item_id, answer, na_reason)
        SELECT a.id, m, i, (ARRAY['yes','partly','no','yes'])[1 + (a.id + m + length(i)) %% 4], NULL
        FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id AND c.double_audit
        JOIN audit_team t ON t.id = c.team_id
        CROSS JOIN generate_series(1, 2) m
        CROSS JOIN unnest(ARRAY['m-identified','m-details','m-pr','m-considered','m-informed','m-seen','m-voice',
          'm-attempts','m-risk','m-resource','m-history','m-capacity','m-support','m-checks','m-sources','m-invited',
          'm-plan','m-safety','m-child-view']) i
        WHERE t.registration_id = %1$d;
      INSERT INTO audit_man_result (case_id, man_ordinal, role, indicator_id, outcome)
        SELECT c.id, m, (ARRAY['father-resident','father-elsewhere','partner','other-male','unknown'])[1 + (c.id + m) %% 5],
          i, (ARRAY['met','not_met','met','not_eligible','not_met'])[1 + (c.id * 3 + m + length(i) + c.round_id) %% 5]
        FROM audit_case c JOIN audit_team t ON t.id = c.team_id CROSS JOIN generate_series(1, 2) m
        CROSS JOIN unnest(ARRAY['identified','engaged','assessed','included']) i WHERE t.registration_id = %1$d;
      """;

  private record Result(double p50, double p99, double jvmCpuMs, double pgCpuMs, double statements,
      SqlCounts.Snapshot sql) {
  }

  @Test
  void views_cost_the_same_however_much_else_the_database_holds() throws Exception {
    try (TestServer server = TestServer.start(Map.of("SCENARIOS_DIR", Path.of("scenarios").toAbsolutePath().toString(),
        "AUDIT_CASE_REF_SECRET", "bench-secret-bench-secret-bench-secret"))) {
      DbSettings db = server.database();
      TestSessions.Session admin = TestSessions.on(server).course("growth-home").link("audit",
          Map.of("activity", "audit")).person("growth-admin", "Growth Admin").role(Role.ADMINISTRATOR).create();
      long reg = admin.context().registrationId();
      String dep = admin.context().deploymentId();
      TestDatabase.execute(db, "INSERT INTO audit_bank_version (bank_id, version, sha256, source)"
          + " VALUES ('father-inclusion', 1, 'bench', 'x')");
      seed(db, reg, dep, "u0", admin.context().personId().orElseThrow());
      long course = longOf(db, "SELECT id FROM course WHERE context_id = 'u0-c1' AND registration_id = " + reg);
      long team = longOf(db, "SELECT id FROM audit_team WHERE name = 'Team 01' AND registration_id = " + reg);
      Map<String, String> views = new LinkedHashMap<>();
      views.put("cohort page, one course of 30", "/learning-team/courses/" + course);
      views.put("learning team, 10 courses", "/learning-team");
      views.put("audit senior leader, 4 teams", "/audit/organisation");
      views.put("audit team, 2 rounds", "/audit/team/" + team);
      long postmaster = CpuTime.postmaster(Path.of("target", "test-pg-" + ProcessHandle.current().pid()))
          .orElse(-1L);
      // Compile the pages' code first, so that the first size is not measured on a cold JVM.
      for (String path : views.values()) {
        PageTimer.time(server.http(), admin.url(path), 100, 1);
      }
      Map<String, Map<Integer, Result>> results = new LinkedHashMap<>();
      int units = 1;
      for (int size : List.of(1, 10, 100)) {
        long t0 = System.nanoTime();
        for (; units < size; units++) {
          long other = longOf(db, "INSERT INTO platform_registration (name, issuer, client_id, auth_login_url,"
              + " auth_token_url, key_set_url) VALUES ('growth-" + units + "', 'https://la" + units
              + ".example', 'c', 'https://x/a', 'https://x/t', 'https://x/k') RETURNING id");
          long auditor = longOf(db, "INSERT INTO person (registration_id, subject, name) VALUES (" + other
              + ", 'auditor', 'Auditor') RETURNING id");
          seed(db, other, "1", "u" + units, auditor);
        }
        TestDatabase.execute(db, "ANALYZE");
        System.out.printf(Locale.ROOT, "%nseeded %d× (%d local authorities) in %.0f s: %s%n", size, size,
            (System.nanoTime() - t0) / 1e9, sizes(db));
        for (Map.Entry<String, String> v : views.entrySet()) {
          results.computeIfAbsent(v.getKey(), k -> new LinkedHashMap<>())
              .put(size, measure(server, admin.url(v.getValue()), postmaster));
        }
      }
      report(results);
      List<String> problems = new ArrayList<>();
      results.forEach((view, bySize) -> {
        double base = bySize.get(1).statements();
        bySize.forEach((size, r) -> {
          if (Math.abs(r.statements() - base) > 0.5) {
            problems.add(view + ": " + r.statements() + " statements per request at " + size + "× against " + base
                + " at 1×: a query per row");
          }
        });
        problems.addAll(seqScans(db, view, bySize.get(100).sql()));
      });
      assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
  }

  private static void seed(DbSettings db, long registration, String deployment, String prefix, long auditor) {
    TestDatabase.execute(db, String.format(Locale.ROOT, LEARNING, registration, deployment, prefix));
    TestDatabase.execute(db, String.format(Locale.ROOT, AUDIT, registration, deployment, prefix, auditor));
  }

  private static Result measure(TestServer server, String url, long postmaster) {
    HttpResponse<String> first = server.http().get(url);
    assertEquals(200, first.statusCode(), url + "\n" + first.body());
    PageTimer.time(server.http(), url, WARM_UP, 1);
    SqlCounts.Snapshot before = SqlCounts.snapshot(server.database(), server.url(""));
    long pg0 = postmaster > 0 ? CpuTime.postgresNanos(postmaster) : 0;
    PageTimer.Timing t = PageTimer.time(server.http(), url, 0, SAMPLES);
    double pg = postmaster > 0 ? (CpuTime.postgresNanos(postmaster) - pg0) / 1e6 / SAMPLES : Double.NaN;
    SqlCounts.Snapshot sql = SqlCounts.snapshot(server.database(), server.url("")).minus(before);
    return new Result(t.ms(0.5), t.ms(0.99), t.jvmCpuMsPerRequest(), pg,
        sql.statements() / (double) SAMPLES, sql);
  }

  private static void report(Map<String, Map<Integer, Result>> results) {
    System.out.printf(Locale.ROOT, "%nView growth benchmark: %d samples per view and size, load average %.1f on %d"
        + " cores%n", SAMPLES, CpuTime.loadAverage(), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "  %-32s %5s %9s %9s %14s %14s %11s%n", "view", "data", "p50 ms", "p99 ms",
        "JVM CPU ms/req", "PG CPU ms/req", "statements");
    results.forEach((view, bySize) -> bySize.forEach((size, r) -> System.out.printf(Locale.ROOT,
        "  %-32s %4d× %9.1f %9.1f %14.1f %14.1f %11.1f%n", view, size, r.p50(), r.p99(), r.jvmCpuMs(), r.pgCpuMs(),
        r.statements())));
    results.forEach((view, bySize) -> {
      System.out.println("  " + view + ", at 100×:");
      bySize.get(100).sql().print("request", SAMPLES, 0.5);
    });
  }

  /** Sequential scans of big tables in the generic plans of the statements {@code sql} saw. */
  private static List<String> seqScans(DbSettings db, String view, SqlCounts.Snapshot sql) {
    List<String> found = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    // Simple protocol: EXPLAIN (GENERIC_PLAN) of a statement with $n parameters must not be bound.
    String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "preferQueryMode=simple";
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
         Statement st = c.createStatement()) {
      for (Map.Entry<String, Long> seen : sql.byStatement().entrySet()) {
        String query = seen.getKey();
        if (seen.getValue() < SAMPLES * 9 / 10) {
          continue; // not the view's own (the outbox worker's polling, say)
        }
        if (!query.stripLeading().regionMatches(true, 0, "SELECT", 0, 6)
            && !query.stripLeading().regionMatches(true, 0, "WITH", 0, 4)) {
          continue;
        }
        JsonNode plan;
        try (ResultSet rs = st.executeQuery("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + query)) {
          rs.next();
          plan = json.readTree(rs.getString(1));
        } catch (SQLException e) {
          found.add(view + ": could not explain " + oneLine(query) + ": " + e.getMessage());
          continue;
        }
        TreeSet<String> tables = new TreeSet<>();
        collectSeqScans(plan, tables);
        for (String table : tables) {
          long rows = longOf(db, "SELECT reltuples::bigint FROM pg_class WHERE relname = '" + table + "'");
          if (rows > BIG_TABLE) {
            found.add(view + ": sequential scan of " + table + " (" + rows + " rows) in " + oneLine(query));
          }
        }
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  private static void collectSeqScans(JsonNode node, TreeSet<String> tables) {
    if (node.isObject()) {
      if ("Seq Scan".equals(node.path("Node Type").asText()) && node.has("Relation Name")) {
        tables.add(node.get("Relation Name").asText());
      }
      node.forEach(child -> collectSeqScans(child, tables));
    } else if (node.isArray()) {
      node.forEach(child -> collectSeqScans(child, tables));
    }
  }

  private static String sizes(DbSettings db) {
    StringBuilder b = new StringBuilder();
    for (String t : List.of("person", "scenario_attempt", "scenario_choice_event", "assessment_scale_score",
        "audit_case", "audit_answer", "audit_man_result")) {
      b.append(t).append(' ').append(longOf(db, "SELECT count(*) FROM " + t)).append(", ");
    }
    return b.substring(0, b.length() - 2);
  }

  private static String oneLine(String q) {
    String s = q.replaceAll("\\s+", " ").strip();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
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
