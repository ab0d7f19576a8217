package uk.isafe.practice.gradebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * Realistic gradebook data written straight into the scenario (V3) and assessment (V4) tables created by their
 * owners’ migrations, with the columns those tables require.
 */
final class GradebookFixtures {
  /** The scenario-core test scenario, so replays show real text. */
  static final Path TEST_SCENARIO = Path.of("src/test/resources/scenarios/valid/tiny-call.yaml").toAbsolutePath();
  /** The shipped content: every scenario, the questionnaire and the pathway. */
  static final Path SHIPPED = Path.of("scenarios").toAbsolutePath();
  static final String SCENARIO = "tiny-call";
  static final String INSTRUMENT = "working-with-fathers";
  /** The shipped scenarios’ ids (the browser tests put every one of them in a course). */
  static final List<String> SHIPPED_SCENARIOS = List.of("already-decided", "dad-abroad", "dad-not-on-file",
      "nights-and-weekends", "the-order");


  /** A path through tiny-call: steps of node, choice and tags, then the ending, outcome, score and competencies. */
  record Path3(List<String[]> steps, String ending, String outcome, double score, String competencies) {
  }

  static final Path3 GOOD = new Path3(List.of(new String[] {"hello", "reflect-surprise", "RC"},
      new String[] {"ask-view", "ask-details", "SC,CQ"}), "engaged-end", "engaged", 90,
      "{\"C1_risk_resource\": 0.67, \"C3_recording_details\": 1.0, \"C6_mi_spirit\": 1.0}");
  static final Path3 MIDDLE = new Path3(List.of(new String[] {"hello", "reflect-surprise", "RC"},
      new String[] {"ask-view", "open-question", "OQ"}), "partial-end", "partial", 55,
      "{\"C1_risk_resource\": 1.0, \"C3_recording_details\": 0.33, \"C6_mi_spirit\": 0.5}");
  static final Path3 POOR = new Path3(List.of(new String[] {"hello", "ask-why-absent", "CQ,CON"},
      new String[] {"ask-view", "warn-him", "WARN"}), "hangs-up", "disengaged", 10,
      "{\"C1_risk_resource\": 0.0, \"C3_recording_details\": 0.0, \"C6_mi_spirit\": 0.0}");

  /** A seeded course: the trainer’s session, the learners’ sessions and one attempt id per learner. */
  record Course(TestSessions.Session trainer, List<TestSessions.Session> learners, List<UUID> attempts) {
    long id() {
      return trainer.context().courseId();
    }

    long learnerId(int i) {
      return learners.get(i).context().personId().orElseThrow();
    }
  }

  private GradebookFixtures() {
  }

  /** A server whose content is the shipped scenarios, questionnaire and pathway plus the tiny-call test scenario. */
  static TestServer startServer() {
    return TestServer.start(Map.of("SCENARIOS_DIR", content().toString()));
  }

  private static Path content;

  static synchronized Path content() {
    if (content == null) {
      try {
        Path dir = java.nio.file.Files.createTempDirectory("gradebook-content");
        for (String sub : List.of("", "instruments", "pathways")) {
          Path to = java.nio.file.Files.createDirectories(dir.resolve(sub));
          try (var files = java.nio.file.Files.list(SHIPPED.resolve(sub))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
              java.nio.file.Files.copy(f, to.resolve(f.getFileName().toString()));
            }
          }
        }
        java.nio.file.Files.copy(TEST_SCENARIO, dir.resolve(TEST_SCENARIO.getFileName().toString()));
        content = dir;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return content;
  }

  /**
   * {@code names.size()} learners in course {@code contextId}. Learner i (0-based): the last one has not started;
   * the others did a pre self-assessment; all but the last two a post one; attempts follow POOR then GOOD for even
   * i, MIDDLE for odd i.
   */
  static Course seed(TestServer server, String contextId, List<String> names) {
    for (String wave : List.of("pre", "post")) {
      TestSessions.on(server).course(contextId).link("link-" + wave, Map.of("activity",
          "assessment:" + INSTRUMENT + ":" + wave)).person(contextId + "-trainer", "Tess Trainer").role(Role.TRAINER)
          .create();
    }
    TestSessions.Session trainer = TestSessions.on(server).course(contextId)
        .link("link-gb", Map.of("activity", "scenario:" + SCENARIO))
        .person(contextId + "-trainer", "Tess Trainer").role(Role.TRAINER).create();
    List<TestSessions.Session> learners = new ArrayList<>();
    List<UUID> attempts = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    long course = trainer.context().courseId();
    for (int i = 0; i < names.size(); i++) {
      TestSessions.Session s = TestSessions.on(server).course(contextId).link("link-gb",
          Map.of("activity", "scenario:" + SCENARIO)).person(contextId + "-learner-" + i, names.get(i))
          .role(Role.LEARNER).create();
      learners.add(s);
      long person = s.context().personId().orElseThrow();
      if (i == names.size() - 1) {
        continue;
      }
      double pre = 3.0 + (i % 4) * 0.5;
      sql.append(assessment(course, person, "pre", pre));
      if (i < names.size() - 2) {
        sql.append(assessment(course, person, "post", pre + 0.5 + (i % 3) * 0.25));
      }
      if (i % 2 == 0) {
        sql.append(attempt(UUID.randomUUID(), course, person, 1, POOR));
        UUID best = UUID.randomUUID();
        sql.append(attempt(best, course, person, 2, GOOD));
        attempts.add(best);
      } else {
        UUID only = UUID.randomUUID();
        sql.append(attempt(only, course, person, 1, MIDDLE));
        attempts.add(only);
      }
    }
    TestDatabase.execute(server.database(), sql.toString());
    return new Course(trainer, learners, attempts);
  }

  /**
   * {@link #seed} plus a link to every shipped scenario and the questionnaire’s five scales: learner i completed
   * scenario j when (i + j) % 3 != 0, so the table has every column a real course could have.
   */
  static Course seedEveryScenario(TestServer server, String contextId, List<String> names) {
    Course c = seed(server, contextId, names);
    StringBuilder sql = new StringBuilder();
    for (int j = 0; j < SHIPPED_SCENARIOS.size(); j++) {
      String scenario = SHIPPED_SCENARIOS.get(j);
      TestSessions.on(server).course(contextId).link("link-" + scenario, Map.of("activity", "scenario:" + scenario))
          .person(contextId + "-trainer", "Tess Trainer").role(Role.TRAINER).create();
      for (int i = 0; i < names.size() - 1; i++) {
        if ((i + j) % 3 != 0) {
          sql.append(attempt(UUID.randomUUID(), c.id(), c.learnerId(i), 1, i % 2 == 0 ? GOOD : MIDDLE, scenario));
        }
      }
    }
    for (int i = 0; i < names.size() - 2; i++) {
      for (String scale : List.of("competence", "frequency", "team", "casework")) {
        sql.append(scaleScore(c.id(), c.learnerId(i), "pre", scale, 2.0 + (i % 3) * 0.5));
        sql.append(scaleScore(c.id(), c.learnerId(i), "post", scale, 2.5 + (i % 4) * 0.5));
      }
    }
    TestDatabase.execute(server.database(), sql.toString());
    return c;
  }

  static String scaleScore(long course, long person, String wave, String scale, double mean) {
    return String.format(java.util.Locale.ROOT, """
        INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
          SELECT id, '%s', %s, 6, 6, 'complete', false FROM assessment_response
          WHERE course_id = %d AND person_id = %d AND wave = '%s';
        """, scale, mean, course, person, wave);
  }

  static String attempt(UUID id, long course, long person, int no, Path3 path) {
    return attempt(id, course, person, no, path, SCENARIO);
  }

  static String attempt(UUID id, long course, long person, int no, Path3 path, String scenario) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, """
        INSERT INTO scenario_attempt (id, course_id, person_id, scenario_id, scenario_version, content_hash,
          attempt_no, status, current_node, started_at, updated_at, completed_at, ending_node, outcome, score,
          competency_scores, indicators, step_token)
        VALUES ('%s', %d, %d, '%s', 1, 'hash', %d, 'completed', '%s', now() - interval '%d minutes',
          now() - interval '%d minutes', now() - interval '%d minutes', '%s', '%s', %s, '%s'::jsonb, '{}'::jsonb, 'done');
        """, id, course, person, scenario, no, path.ending(), 60 - no * 10, 52 - no * 10, 52 - no * 10,
        path.ending(), path.outcome(), path.score(), path.competencies()));
    int seq = 1;
    for (String[] step : path.steps()) {
      sb.append(String.format(java.util.Locale.ROOT, """
          INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, tags, points, chosen_at)
          VALUES ('%s', %d, '%s', '%s', '{%s}', '{}'::jsonb, now());
          """, id, seq++, step[0], step[1], step[2]));
    }
    return sb.toString();
  }

  static String assessment(long course, long person, String wave, double mean) {
    return String.format(java.util.Locale.ROOT, """
        WITH r AS (INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave,
            status, answers, started_at, updated_at, completed_at)
          VALUES (%d, %d, '%s', 1, '%s', 'completed', '{}'::jsonb, now(), now(), now()) RETURNING id)
        INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
          SELECT id, 'confidence', %s, 6, 6, 'complete', false FROM r;
        """, course, person, INSTRUMENT, wave, mean);
  }

  static DbSettings db(TestServer server) {
    return server.database();
  }
}
