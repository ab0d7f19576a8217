package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.CpuTime;
import uk.isafe.practice.testsupport.PageTimer;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The cohort page for a course of 300 learners with 5 attempts each (8 choices per attempt, two self-assessment
 * scales before, after and at follow-up, a tenth of learners compared across versions) on the embedded database: full HTTP round trips, sequential, after a warm-up. Target:
 * p99 under 200 ms. Run with {@code mvn -Pbench test -Dtest=CohortPageBenchmark}; prints its figures.
 */
@Tag("benchmark")
class CohortPageBenchmark {
  static final int LEARNERS = 300;
  static final int WARM_UP = 40;
  static final int SAMPLES = Integer.getInteger("bench.samples", 300);

  static final String SEED = """
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, 'bl-' || g, 'Learner ' || lpad(g::text, 3, '0') FROM generate_series(1, %3$d) g;
      INSERT INTO enrolment (course_id, person_id, role, roles)
        SELECT %2$d, id, 'learner', '{Learner}' FROM person WHERE subject LIKE 'bl-%%';
      INSERT INTO scenario_attempt (id, course_id, person_id, scenario_id, scenario_version, content_hash, attempt_no,
          status, current_node, started_at, updated_at, completed_at, ending_node, outcome, score,
          competency_scores, indicators, step_token)
        SELECT gen_random_uuid(), %2$d, p.id, (ARRAY['tiny-call','tiny-call','tiny-call','the-order','dad-abroad'])[a],
          1, 'h', CASE WHEN a <= 3 THEN a ELSE 1 END,
          CASE WHEN a = 5 AND p.id %% 7 = 0 THEN 'in_progress' ELSE 'completed' END, 'check',
          now() - make_interval(days => 6 - a, mins => 20), now() - make_interval(days => 6 - a),
          CASE WHEN a = 5 AND p.id %% 7 = 0 THEN NULL ELSE now() - make_interval(days => 6 - a) END,
          (ARRAY['engaged-end','partial-end','hangs-up'])[1 + (p.id + a) %% 3],
          (ARRAY['engaged','partial','disengaged'])[1 + (p.id + a) %% 3],
          CASE WHEN a = 5 AND p.id %% 7 = 0 THEN NULL ELSE (p.id * 37 + a * 11) %% 101 END,
          jsonb_build_object('C1_risk_resource', ((p.id + a) %% 10) / 10.0, 'C3_recording_details',
            ((p.id * 3 + a) %% 10) / 10.0, 'C6_mi_spirit', ((p.id * 7 + a) %% 10) / 10.0), '{}'::jsonb, 'done'
        FROM person p CROSS JOIN generate_series(1, 5) a WHERE p.subject LIKE 'bl-%%';
      INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, tags, points, chosen_at)
        SELECT a.id, s, CASE WHEN s %% 2 = 1 THEN 'hello' ELSE 'ask-view' END,
          CASE WHEN s %% 2 = 1 THEN (ARRAY['reflect-surprise','ask-why-absent','explain-process'])[1 + (a.person_id + s) %% 3]
               ELSE (ARRAY['affirm-call','ask-details','warn-him','open-question'])[1 + (a.person_id + s) %% 4] END,
          CASE WHEN s %% 2 = 1 THEN (ARRAY['{RC}','{CQ,CON}','{GI,RR}'])[1 + (a.person_id + s) %% 3]::text[]
               ELSE (ARRAY['{AF}','{SC,CQ}','{WARN}','{OQ}'])[1 + (a.person_id + s) %% 4]::text[] END,
          '{}'::jsonb, a.started_at + make_interval(mins => s)
        FROM scenario_attempt a CROSS JOIN generate_series(1, 8) s WHERE a.course_id = %2$d;
      INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status, answers,
          started_at, updated_at, completed_at)
        SELECT %2$d, p.id, 'father-engagement', 1, w, 'completed', '{}'::jsonb, now(), now(), now()
        FROM person p CROSS JOIN unnest(ARRAY['pre','post','follow-up']) w WHERE p.subject LIKE 'bl-%%'
          AND (w = 'pre' OR (w = 'post' AND p.id %% 5 <> 0) OR (w = 'follow-up' AND p.id %% 5 > 1));
      INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
        SELECT r.id, sc, round((2 + (r.person_id %% 9) * 0.5 + CASE WHEN r.wave = 'post' THEN 0.4 + (r.person_id %% 3) * 0.3
            WHEN r.wave = 'follow-up' THEN 0.2 + (r.person_id %% 4) * 0.2 ELSE 0 END)::numeric, 2),
          6, 6, 'complete', false
        FROM assessment_response r CROSS JOIN unnest(ARRAY['confidence','competence']) sc WHERE r.course_id = %2$d;
      INSERT INTO assessment_comparison (response_id, from_response_id, scale_id, from_mean, to_mean, retrospective_mean,
          items, shared_only, across_versions)
        SELECT later.id, pre.id, s.scale_id, ps.mean - 0.1, s.mean, NULL, 5, true, true
        FROM assessment_response later
        JOIN assessment_response pre ON pre.person_id = later.person_id AND pre.course_id = later.course_id
          AND pre.wave = 'pre'
        JOIN assessment_scale_score s ON s.response_id = later.id
        JOIN assessment_scale_score ps ON ps.response_id = pre.id AND ps.scale_id = s.scale_id
        WHERE later.course_id = %2$d AND later.wave <> 'pre' AND later.person_id %% 10 = 3;
      ANALYZE;
      """;

  @Test
  void cohort_page_for_300_learners_with_5_attempts_each() {
    try (TestServer server = GradebookFixtures.startServer()) {
      TestSessions.Session trainer = TestSessions.on(server).course("bench-course")
          .link("link-bench", Map.of("activity", "scenario:tiny-call"))
          .person("bench-trainer", "Bench Trainer").role(Role.TRAINER).create();
      TestDatabase.execute(server.database(), String.format(Locale.ROOT, SEED,
          trainer.context().registrationId(), trainer.context().courseId(), LEARNERS));
      String url = trainer.url("/gradebook");
      HttpResponse<String> first = server.http().get(url);
      assertEquals(200, first.statusCode());
      assertTrue(first.body().contains("Learner 300"));
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-cohort.html"), first.body());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      PageTimer.Measured measured = PageTimer.measure(server, url, WARM_UP, SAMPLES);
      long[] load = new long[100];
      CohortRepository repo = new CohortRepository(GradeDeliveryStatuses.notAvailable());
      for (int i = 0; i < load.length; i++) {
        long t0 = System.nanoTime();
        try {
          repo.load(server.core().pool(), trainer.context().courseId()).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        load[i] = System.nanoTime() - t0;
      }
      Arrays.sort(load);
      System.out.printf(Locale.ROOT, "%nBENCHMARK gradebook cohort page: %d learners x 5 attempts (8 choices each), "
          + "2 scales pre/post/follow-up; %d samples after %d warm-up; page %d KB%n", LEARNERS, SAMPLES, WARM_UP,
          first.body().length() / 1024);
      System.out.println("BENCHMARK target p99 < 200 ms");
      measured.print();
      System.out.printf(Locale.ROOT, "BENCHMARK of which the eight cohort queries (run in parallel): p50 %.1f ms, "
          + "p99 %.1f ms%n%n", CpuTime.percentileMs(load, 0.50), CpuTime.percentileMs(load, 0.99));
    }
  }
}
