package uk.isafe.practice.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.PrivacySettings;
import uk.isafe.practice.store.Database;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.TestDatabase;

/**
 * The purge by period, with the clock injected, run by two instances at once on one database: exactly one purges,
 * what is past each period goes, what is not (or still waits for delivery) stays, and a learner's record in a
 * course goes whole.
 */
class PurgeTest {
  static final Instant NOW = Instant.parse("2030-06-01T03:00:00Z");
  static final String T = "timestamptz '2030-06-01 03:00:00+00'";
  private Vertx vertx;
  private DbSettings db;
  private Pool one;
  private Pool two;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    db = TestDatabase.fresh();
    one = Database.pool(vertx, db, 2);
    two = Database.pool(vertx, db, 2);
    TestDatabase.execute(db, seed());
  }

  @AfterEach
  void stop() throws Exception {
    one.close().await(10, TimeUnit.SECONDS);
    two.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Learner 'old' (last active 4 years ago), 'recent' (10 days), 'waiting' (4 years, a grade still queued), trainer. */
  static String seed() {
    StringBuilder s = new StringBuilder("""
        INSERT INTO platform_registration (id, name, issuer, client_id, auth_login_url, auth_token_url, key_set_url)
          VALUES (1, 'moodle', 'https://lms.example', 'c', 'https://lms.example/a', 'https://lms.example/t',
                  'https://lms.example/k');
        INSERT INTO course (id, registration_id, deployment_id, context_id, title) VALUES (1, 1, 'd', 'c1', 'Cohort');
        INSERT INTO resource_link (id, course_id, link_id) VALUES (1, 1, 'l1');
        INSERT INTO person (id, registration_id, subject, name, updated_at) VALUES
          (1, 1, 'old', 'Olive Old', T - interval '4 years'), (2, 1, 'recent', 'Rita Recent', T - interval '4 years'),
          (3, 1, 'waiting', 'Walt Waiting', T - interval '4 years'),
          (4, 1, 'trainer', 'Tess Trainer', T - interval '3 years');
        INSERT INTO enrolment (course_id, person_id, role, roles, last_launch_at) VALUES
          (1, 1, 'learner', '{}', T - interval '4 years'), (1, 2, 'learner', '{}', T - interval '10 days'),
          (1, 3, 'learner', '{}', T - interval '4 years'), (1, 4, 'trainer', '{}', T - interval '3 years');
        INSERT INTO launch_session (id, token_hash, csrf_token, registration_id, deployment_id, course_id, person_id,
            role, roles, created_at, expires_at) VALUES
          ('00000000-0000-0000-0000-000000000001', '\\x01', 'x', 1, 'd', 1, 2, 'learner', '{}',
           T - interval '3 days', T - interval '2 days'),
          ('00000000-0000-0000-0000-000000000002', '\\x02', 'x', 1, 'd', 1, 2, 'learner', '{}',
           T - interval '20 hours', T - interval '12 hours');
        INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at) VALUES
          (1, 'n-old', T - interval '2 days'), (1, 'n-new', T + interval '5 minutes');
        INSERT INTO privacy_access_log (at, channel, registration_id, course_id, viewer_subject, action, subject)
          VALUES (T - interval '800 days', 'lms', 1, 1, 'trainer', 'gradebook-learner', 'old'),
                 (T - interval '10 days', 'lms', 1, 1, 'trainer', 'gradebook-learner', 'recent');
        """);
    for (int[] who : new int[][] {{1, 4 * 365}, {2, 10}, {3, 4 * 365}}) {
      int p = who[0];
      String at = "T - interval '" + who[1] + " days'";
      s.append("""
          INSERT INTO scenario_attempt (id, course_id, person_id, scenario_id, scenario_version, content_hash,
              attempt_no, status, current_node, started_at, updated_at, step_token)
            VALUES ('00000000-0000-0000-0001-00000000000P', 1, P, 'sc', 1, 'h', 1, 'completed', 'end', AT, AT, 't');
          INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, chosen_at) VALUES
            ('00000000-0000-0000-0001-00000000000P', 0, 'a', 'x', AT),
            ('00000000-0000-0000-0001-00000000000P', 1, 'b', 'y', AT);
          INSERT INTO assessment_response (id, course_id, person_id, instrument_id, instrument_version, wave, status,
              started_at, updated_at) VALUES (P, 1, P, 'i', 1, 'pre', 'completed', AT, AT);
          INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status)
            VALUES (P, 'confidence', 3.5, 4, 4, 'complete');
          INSERT INTO grade_result (id, course_id, resource_link_id, person_id, kind, activity_key, score_given,
              score_maximum, completed_at, recorded_at) VALUES (P, 1, 1, P, 'k', 'a', 1, 1, AT, AT);
          INSERT INTO grade_stream (resource_link_id, person_id, kind) VALUES (1, P, 'k');
          """.replace("P", String.valueOf(p)).replace("AT", at));
    }
    // Delivered 100 days ago (history past its period) and 10 days ago; one still queued for 'waiting'.
    s.append("""
        INSERT INTO grade_outbox (id, course_id, resource_link_id, person_id, kind, line_item_label, activity_progress,
            grading_progress, status, created_at, finished_at) VALUES
          (1, 1, 1, 2, 'k', 'l', 'Completed', 'FullyGraded', 'delivered', T - interval '100 days', T - interval '100 days'),
          (2, 1, 1, 2, 'k', 'l', 'Completed', 'FullyGraded', 'delivered', T - interval '10 days', T - interval '10 days'),
          (3, 1, 1, 3, 'k', 'l', 'Completed', 'FullyGraded', 'queued', T - interval '4 years', NULL);
        INSERT INTO grade_delivery_log (outbox_id, attempted_at, outcome) VALUES
          (1, T - interval '100 days', 'ok'), (2, T - interval '10 days', 'ok');
        """);
    return s.toString().replace("T - ", T + " - ").replace("T + ", T + " + ").replace(", T,", ", " + T + ",");
  }

  private Purge purge(Pool pool, Instant now, PrivacySettings settings, String name) {
    return new Purge(pool, settings, Clock.fixed(now, ZoneOffset.UTC), name);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  private long count(String sql) throws Exception {
    return await(one.query(sql).execute()).iterator().next().getLong(0);
  }

  @Test
  void two_instances_at_once_purge_once_by_period_and_keep_the_rest() throws Exception {
    PrivacySettings defaults = PrivacySettings.defaults();
    CompositeFuture both = Future.all(purge(one, NOW, defaults, "a").runIfDue(), purge(two, NOW, defaults, "b")
        .runIfDue()).await(60, TimeUnit.SECONDS);
    List<Purge.Result> results = List.of(both.resultAt(0), both.resultAt(1));
    assertEquals(1, results.stream().filter(Purge.Result::ran).count(), results.toString());
    Purge.Result ran = results.stream().filter(Purge.Result::ran).findFirst().orElseThrow();
    Purge.Result other = results.stream().filter(r -> !r.ran()).findFirst().orElseThrow();
    assertTrue(other.skipped().orElseThrow().matches("another instance is purging|last purge ran at .*"),
        other.toString());

    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("launch_session", 1);
    expected.put("lti_nonce_seen", 1);
    expected.put("lti_deep_link", 0);
    expected.put("course_roster", 0);
    expected.put("audit_case_view", 0);
    expected.put("audit_action", 0);
    expected.put("grade_delivery_log", 1);   // the delivered row of 100 days ago (old has no outbox rows)
    expected.put("grade_outbox", 1);
    expected.put("scenario_choice_event", 2); // 'old' only: 'waiting' still has a grade queued
    expected.put("scenario_attempt", 1);
    expected.put("assessment_scale_score", 1);
    expected.put("assessment_comparison", 0); // one response only: nothing compared
    expected.put("assessment_response", 1);
    expected.put("lti1_result_sourcedid", 0); // an LTI 1.3 learner
    expected.put("grade_result", 1);
    expected.put("grade_stream", 1);
    expected.put("enrolment", 2);            // old's with its record; the trainer's, last launch 3 years ago
    expected.put("person", 2);               // old and the trainer: nothing else is held about them
    expected.put("privacy_access_log", 1);
    expected.put("privacy_erasure", 0);
    expected.put("privacy_purge_run", 0);
    assertEquals(expected, ran.removed());
    assertEquals(16, ran.total());

    assertEquals(List.of("recent", "waiting"), subjects());
    assertEquals(2, count("SELECT count(*) FROM scenario_attempt"));
    assertEquals(4, count("SELECT count(*) FROM scenario_choice_event"), "recent's and waiting's kept whole");
    assertEquals(2, count("SELECT count(*) FROM assessment_scale_score"));
    assertEquals(2, count("SELECT count(*) FROM grade_outbox"), "the recent delivery and the queued one");
    assertEquals(1, count("SELECT count(*) FROM grade_outbox WHERE status = 'queued'"));
    assertEquals(1, count("SELECT count(*) FROM launch_session"));
    assertEquals(1, count("SELECT count(*) FROM privacy_purge_run"));
    assertEquals(0, count("SELECT count(*) FROM assessment_response r WHERE NOT EXISTS"
        + " (SELECT 1 FROM enrolment e WHERE e.person_id = r.person_id AND e.course_id = r.course_id)"),
        "no learner is left half in a cohort");

    // Daily: the same day again does nothing; a day later it runs and finds nothing more due.
    assertFalse(await(purge(one, NOW.plus(Duration.ofHours(2)), defaults, "a").runIfDue()).ran());
    Purge.Result tomorrow = await(purge(two, NOW.plus(Duration.ofDays(1)), defaults, "b").runIfDue());
    assertTrue(tomorrow.ran());
    assertEquals(Map.of("launch_session", 1), Map.copyOf(new java.util.HashMap<>(tomorrow.removed()) {{
      values().removeIf(n -> n == 0);
    }}), "only the session that expired 12 hours before yesterday's purge is now past its day");
  }

  @Test
  void shorter_periods_remove_more_and_no_names_clears_names_already_kept() throws Exception {
    PrivacySettings strict = new PrivacySettings(false, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(5),
        Duration.ofDays(5), Duration.ofDays(5), Duration.ofDays(5));
    Purge.Result r = await(purge(one, NOW, strict, "a").runNow());
    assertTrue(r.ran());
    assertEquals(1, count("SELECT count(*) FROM scenario_attempt"), "recent's record (10 days) is past 5 days");
    assertEquals(1, count("SELECT count(*) FROM scenario_attempt WHERE person_id = 3"), "waiting's grade waits");
    assertEquals(List.of("recent", "waiting"), subjects(), "recent's session expired under a day ago: kept");
    assertEquals(2, r.removed().get("person.name"));
    assertEquals(0, count("SELECT count(*) FROM person WHERE name IS NOT NULL"));
    assertEquals(0, count("SELECT count(*) FROM privacy_access_log"));
  }

  private List<String> subjects() throws Exception {
    return await(one.query("SELECT subject FROM person ORDER BY subject").execute()).stream()
        .map(row -> row.getString(0)).toList();
  }
}
