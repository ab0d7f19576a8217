package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.assessment.web.AssessmentHttp.answerAll;

import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The pathway page reads scenario progress from {@code scenario_attempt} as defined in CONTRACTS.md. Until the
 * scenario migration is merged the table is created here with the contract's columns (a no-op once V3 exists).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PathwayPageTest {
  static final String CONTRACT_TABLE = """
      CREATE TABLE IF NOT EXISTS scenario_attempt (id uuid PRIMARY KEY, course_id bigint NOT NULL,
        resource_link_id bigint NULL, person_id bigint NOT NULL, scenario_id text, scenario_version int,
        content_hash text, attempt_no int, status text, current_node text, started_at timestamptz,
        updated_at timestamptz, completed_at timestamptz NULL, ending_node text NULL, outcome text NULL,
        score numeric NULL, competency_scores jsonb NULL, indicators jsonb NULL, step_token text)""";
  /** Inserts an attempt with every column the contract and the scenario migration require. */
  static final String INSERT_ATTEMPT = """
      INSERT INTO scenario_attempt (id, course_id, resource_link_id, person_id, scenario_id, scenario_version,
        content_hash, attempt_no, status, current_node, started_at, updated_at, completed_at, score, step_token)
      VALUES ($1, $2, $3, $4, $5, 1, 'test-hash', (SELECT coalesce(max(attempt_no), 0) + 1 FROM scenario_attempt
        WHERE course_id = $2 AND person_id = $4 AND scenario_id = $5), $6, 'start', now(), now(),
        CASE WHEN $6 = 'completed' THEN now() END, CASE WHEN $6 = 'completed' THEN 70 END, 'test-token')""";
  private static final String[] SCENARIOS = {"dad-not-on-file", "the-order", "already-decided",
      "nights-and-weekends", "dad-abroad", "the-man-in-the-house", "before-the-baby", "before-proceedings"};
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void sql(String sql, Object... args) {
    try {
      server.core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean tableExists() {
    try {
      return server.core().pool().query("SELECT to_regclass('scenario_attempt') IS NOT NULL").execute()
          .await(10, TimeUnit.SECONDS).iterator().next().getBoolean(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void attempt(TestSessions.Session s, String scenario, String status) {
    sql(INSERT_ATTEMPT, UUID.randomUUID(), s.context().courseId(), s.context().resourceLinkId().orElse(null),
        s.context().personId().get(), scenario, status);
  }

  /** The status text of the task-list row {@code id}. */
  private static String status(String page, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "-status\">\\s*(?:<strong[^>]*>)?([^<]+?)\\s*<").matcher(page);
    assertTrue(m.find(), "no status for " + id);
    return m.group(1).trim();
  }

  private static boolean linked(String page, String path) {
    return page.contains("href=\"" + path + "?s=");
  }

  @Test
  @Order(1)
  void pathway_shows_pre_then_scenarios_then_post_with_the_learners_status() {
    TestSessions.Session s = TestSessions.on(server).course("course-path")
        .link("link-path", Map.of("activity", "pathway:fathers-core")).person("path-1", "Pat Learner").create();
    sql(CONTRACT_TABLE);
    String page = server.http().get(s.url("/pathway/fathers-core")).body();
    assertEquals("Not started", status(page, "step-pre"));
    assertTrue(linked(page, "/assessment/working-with-fathers/pre"));
    assertEquals("Cannot start yet", status(page, "step-dad-not-on-file"), "scenarios wait for the pre wave");
    assertFalse(linked(page, "/scenario/dad-not-on-file"));
    assertEquals("Cannot start yet", status(page, "step-post"));

    answerAll(server, s, "pre", item -> 4, item -> 0);
    attempt(s, "dad-not-on-file", "completed");
    attempt(s, "the-order", "in_progress");
    page = server.http().get(s.url("/pathway/fathers-core")).body();
    assertEquals("Completed", status(page, "step-pre"));
    assertEquals("Completed", status(page, "step-dad-not-on-file"));
    assertEquals("In progress", status(page, "step-the-order"));
    assertEquals("Not started", status(page, "step-dad-abroad"));
    assertTrue(linked(page, "/scenario/dad-abroad"));
    assertEquals("Cannot start yet", status(page, "step-post"), "post waits for every scenario");

    for (String id : SCENARIOS) {
      attempt(s, id, "completed");
    }
    page = server.http().get(s.url("/pathway/fathers-core")).body();
    assertEquals("Not started", status(page, "step-post"));
    assertTrue(linked(page, "/assessment/working-with-fathers/post"));
  }

  @Test
  void another_learners_attempts_do_not_count() {
    TestSessions.Session mine = TestSessions.on(server).course("course-path2")
        .link("link-path", Map.of("activity", "pathway:fathers-core")).person("path-2", "Ali Learner").create();
    TestSessions.Session other = TestSessions.on(server).course("course-path2")
        .link("link-path", Map.of("activity", "pathway:fathers-core")).person("path-3", "Jo Learner").create();
    sql(CONTRACT_TABLE);
    answerAll(server, mine, "pre", item -> 4, item -> 0);
    attempt(other, "dad-not-on-file", "completed");
    String page = server.http().get(mine.url("/pathway/fathers-core")).body();
    assertEquals("Not started", status(page, "step-dad-not-on-file"));
  }

  @Test
  @Order(2)
  void without_scenario_attempts_the_post_step_is_not_blocked_and_the_page_says_why() {
    TestSessions.Session s = TestSessions.on(server).course("course-path3")
        .link("link-path", Map.of("activity", "pathway:fathers-core")).person("path-5", "Chris Learner").create();
    sql(CONTRACT_TABLE);
    sql("ALTER TABLE scenario_attempt RENAME TO scenario_attempt_hidden");
    try {
      assertFalse(tableExists());
      answerAll(server, s, "pre", item -> 4, item -> 0);
      String page = server.http().get(s.url("/pathway/fathers-core")).body();
      assertTrue(page.contains("Scenario progress is not recorded by this tool yet"), page);
      assertEquals("Not started", status(page, "step-post"));
    } finally {
      sql("ALTER TABLE scenario_attempt_hidden RENAME TO scenario_attempt");
    }
  }

  @Test
  void unknown_pathway_is_not_found() {
    TestSessions.Session s = TestSessions.on(server).course("course-path").person("path-4", "Sam").create();
    assertEquals(404, server.http().get(s.url("/pathway/no-such-path")).statusCode());
  }
}
