package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.PageTimer;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The learning team’s view across courses for a platform deployment of 50 courses × 30 learners (each learner: five
 * scale scores before and after, three completed scenario attempts; each course: five activity links) on the embedded
 * database: full HTTP round trips, sequential, after a warm-up. Target: p99 under 300 ms. Run with
 * {@code mvn -Pbench test -Dtest=LearningTeamBenchmark}; prints its figures.
 */
@Tag("benchmark")
class LearningTeamBenchmark {
  static final int COURSES = 50;
  static final int LEARNERS = 30;
  static final int WARM_UP = 30;
  static final int SAMPLES = Integer.getInteger("bench.samples", 300);

  static final String SEED = """
      INSERT INTO course (registration_id, deployment_id, context_id, title)
        SELECT %1$d, '1', 'bench-' || c, 'Cohort ' || lpad(c::text, 2, '0') FROM generate_series(1, %2$d) c;
      INSERT INTO resource_link (course_id, link_id, title, custom)
        SELECT co.id, 'l-' || a, 'Link ' || a, jsonb_build_object('activity', a)
        FROM course co CROSS JOIN unnest(ARRAY['assessment:working-with-fathers:pre', 'scenario:tiny-call',
          'scenario:the-order', 'scenario:dad-abroad', 'assessment:working-with-fathers:post']) a
        WHERE co.context_id LIKE 'bench-%%';
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, 'bl-' || c || '-' || g, 'Learner ' || c || '-' || g
        FROM generate_series(1, %2$d) c CROSS JOIN generate_series(1, %3$d) g;
      INSERT INTO enrolment (course_id, person_id, role, roles)
        SELECT co.id, p.id, 'learner', '{Learner}' FROM person p
        JOIN course co ON co.context_id = 'bench-' || split_part(p.subject, '-', 2)
        WHERE p.subject LIKE 'bl-%%';
      INSERT INTO scenario_attempt (id, course_id, person_id, scenario_id, scenario_version, content_hash, attempt_no,
          status, current_node, started_at, updated_at, completed_at, ending_node, outcome, score,
          competency_scores, indicators, step_token)
        SELECT gen_random_uuid(), e.course_id, e.person_id, s, 1, 'h', 1,
          CASE WHEN e.person_id %% 9 = 0 AND s = 'dad-abroad' THEN 'in_progress' ELSE 'completed' END, 'x',
          now() - make_interval(days => (e.course_id %% 300)::int + 3), now() - make_interval(days => (e.course_id %% 300)::int),
          CASE WHEN e.person_id %% 9 = 0 AND s = 'dad-abroad' THEN NULL ELSE now() - make_interval(days => (e.course_id %% 300)::int) END,
          'end', 'engaged', CASE WHEN e.person_id %% 9 = 0 AND s = 'dad-abroad' THEN NULL ELSE (e.person_id * 37) %% 101 END,
          '{"C1_risk_resource": 0.5}'::jsonb, '{}'::jsonb, 'done'
        FROM enrolment e CROSS JOIN unnest(ARRAY['tiny-call', 'the-order', 'dad-abroad']) s
        JOIN course co ON co.id = e.course_id WHERE co.context_id LIKE 'bench-%%';
      INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status, answers,
          started_at, updated_at, completed_at)
        SELECT e.course_id, e.person_id, 'working-with-fathers', 1, w, 'completed', '{}'::jsonb, now(), now(), now()
        FROM enrolment e CROSS JOIN unnest(ARRAY['pre', 'post']) w JOIN course co ON co.id = e.course_id
        WHERE co.context_id LIKE 'bench-%%' AND (w = 'pre' OR e.person_id %% 6 <> 0);
      INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
        SELECT r.id, sc, round((2 + (r.person_id %% 9) * 0.4 + CASE WHEN r.wave = 'post'
            THEN 0.3 + (r.person_id %% 4) * 0.3 ELSE 0 END)::numeric, 2), 6, 6, 'complete', false
        FROM assessment_response r CROSS JOIN unnest(ARRAY['confidence', 'competence', 'frequency', 'team',
          'casework']) sc
        JOIN course co ON co.id = r.course_id WHERE co.context_id LIKE 'bench-%%';
      ANALYZE;
      """;

  @Test
  void learning_team_view_for_50_courses_of_30_learners() {
    try (TestServer server = GradebookFixtures.startServer()) {
      TestSessions.Session admin = TestSessions.on(server).course("bench-admin-home")
          .person("bench-admin", "Bench Admin").role(Role.ADMINISTRATOR).create();
      TestDatabase.execute(server.database(), String.format(Locale.ROOT, SEED,
          admin.context().registrationId(), COURSES, LEARNERS));
      String url = admin.url("/learning-team");
      HttpResponse<String> first = server.http().get(url);
      assertEquals(200, first.statusCode());
      assertTrue(first.body().contains("Cohort 50"), "every course listed");
      assertTrue(first.body().contains(", large ("), "changes computed per course");
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      PageTimer.Measured measured = PageTimer.measure(server, url, WARM_UP, SAMPLES);
      java.util.List<Long> ids = new java.util.ArrayList<>();
      try (var c = java.sql.DriverManager.getConnection(server.database().jdbcUrl(), server.database().user(),
          server.database().password()); var rs = c.createStatement().executeQuery(
              "SELECT id FROM course WHERE context_id LIKE 'bench-%'")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      CohortRepository repo = new CohortRepository(GradeDeliveryStatuses.notAvailable());
      long[] load = new long[60];
      long cpuLoad0 = os.getProcessCpuTime();
      for (int i = 0; i < load.length; i++) {
        long t0 = System.nanoTime();
        try {
          repo.loadMany(server.core().pool(), ids).await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        load[i] = System.nanoTime() - t0;
      }
      double cpuLoad = (os.getProcessCpuTime() - cpuLoad0) / 1e6 / load.length;
      Map<Long, CohortData> data;
      try {
        data = repo.loadMany(server.core().pool(), ids).await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      var threads = ManagementFactory.getThreadMXBean();
      long[] pure = new long[60];
      for (int i = 0; i < pure.length; i++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (CohortData d : data.values()) {
          CohortSummary.of(Cohort.of(d), Map.of());
        }
        pure[i] = threads.getCurrentThreadCpuTime() - t0;
      }
      Arrays.sort(pure);
      System.out.printf(Locale.ROOT, "%nBENCHMARK of which cohorts and summaries for 50 courses (no I/O): p50 %.2f ms "
          + "of CPU%n", ms(pure, 0.5));
      Arrays.sort(load);
      System.out.printf(Locale.ROOT, "%nBENCHMARK of which the five cohort queries for all 50 courses: p50 %.1f ms, "
          + "p99 %.1f ms, JVM CPU %.1f ms per load%n", ms(load, 0.5), ms(load, 0.99), cpuLoad);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf(Locale.ROOT, "%nBENCHMARK learning team view: %d courses x %d learners (5 scales pre/post, "
          + "3 attempts each); %d samples after %d warm-up; page %d KB%n", COURSES, LEARNERS, SAMPLES, WARM_UP,
          first.body().length() / 1024);
      System.out.printf(Locale.ROOT, "BENCHMARK target p99 < 300 ms; heap in use after GC %d MB%n",
          (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
      measured.print();
    }
  }

  private static double ms(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }
}
