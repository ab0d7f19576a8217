package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.assessment.web.AssessmentHttp.answerAll;
import static uk.isafe.practice.assessment.web.AssessmentHttp.location;
import static uk.isafe.practice.assessment.web.AssessmentHttp.path;
import static uk.isafe.practice.assessment.web.AssessmentHttp.postSection;
import static uk.isafe.practice.assessment.web.AssessmentHttp.sections;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.FollowUpSchedule;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The follow-up wave through real HTTP against the real server and PostgreSQL: closed until 56 days after the
 * learner's post (the stored post date is moved back to stand for the days passing; the date arithmetic itself is
 * tested with an injected clock in FollowUpScheduleTest), then open, scored, compared with pre and shown on the
 * pathway; a learner without pre; answers given to version 1 still shown and compared on shared items only.
 */
class FollowUpFlowTest {
  private static final String FOLLOW_UP = "follow-up";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TestSessions.Session learner(String sub, String activity) {
    return TestSessions.on(server).course("course-fu").link("link-" + activity.replace(':', '-'),
        Map.of("activity", activity)).person(sub, "Learner " + sub).create();
  }

  private static RowSet<Row> query(String sql, Object... args) {
    try {
      return server.core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves the learner's completed post back in time, as if {@code ago} had passed since they did it. */
  private static void postCompletedAgo(long person, Duration ago) {
    query("UPDATE assessment_response SET completed_at = $2 WHERE person_id = $1 AND wave = 'post'",
        person, Instant.now().minus(ago).atOffset(java.time.ZoneOffset.UTC));
  }

  private static String ukDate(LocalDate d) {
    return d.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
  }

  @Test
  void follow_up_is_closed_with_its_date_until_56_days_after_post_then_opens_and_compares_with_pre() {
    TestSessions.Session s = learner("fu-1", "pathway:fathers-core");
    long person = s.context().personId().orElseThrow();
    HttpResponse<String> early = server.http().get(s.url(path(FOLLOW_UP)));
    assertEquals(200, early.statusCode());
    assertTrue(early.body().contains("Finish the ‘after’ questionnaire first"), early.body());
    assertTrue(early.body().contains("56 days after you complete"));

    answerAll(server, s, "pre", item -> item.reverse() ? 4 : 3, item -> 0);
    answerAll(server, s, "post", item -> 5, item -> 2);
    String postPage = server.http().get(s.url(path("post"))).body();
    assertTrue(postPage.contains("The follow-up questionnaire opens on " + ukDate(FollowUpSchedule.opensOn(
        Instant.now(), AssessmentHttp.FATHERS.wave(FOLLOW_UP).orElseThrow()))), "post tells the date: " + postPage);
    postCompletedAgo(person, Duration.ofDays(55).minusHours(2));
    LocalDate opens = FollowUpSchedule.opensOn(Instant.now().minus(Duration.ofDays(55).minusHours(2)),
        AssessmentHttp.FATHERS.wave(FOLLOW_UP).orElseThrow());
    HttpResponse<String> notYet = server.http().get(s.url(path(FOLLOW_UP)));
    assertEquals(200, notYet.statusCode());
    assertTrue(notYet.body().contains("The follow-up questionnaire opens on " + ukDate(opens)), notYet.body());
    assertFalse(notYet.body().contains("<form"), "nothing to answer yet");
    String pathway = server.http().get(s.url("/pathway/fathers-core")).body();
    assertTrue(pathway.contains("Opens on " + ukDate(opens)), pathway);
    assertFalse(pathway.contains("href=\"/assessment/working-with-fathers/follow-up"), "locked step has no link");

    HttpResponse<String> refused = postSection(server, s, FOLLOW_UP, sections(FOLLOW_UP).get(0), item -> 4,
        "continue");
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("not open yet"), refused.body());
    assertEquals(0, query("SELECT 1 FROM assessment_response WHERE person_id = $1 AND wave = 'follow-up'", person)
        .size(), "nothing stored before the follow-up opens");

    postCompletedAgo(person, Duration.ofDays(56).plusHours(2));
    HttpResponse<String> open = server.http().get(s.url(path(FOLLOW_UP)));
    assertTrue(open.body().contains("<form"), open.body());
    assertTrue(open.body().contains("It is about two months since your training."), "the wave's own introduction");
    assertTrue(server.http().get(s.url("/pathway/fathers-core")).body()
        .contains("href=\"/assessment/working-with-fathers/follow-up?s="), "the last step opens");

    HttpResponse<String> done = answerAll(server, s, FOLLOW_UP, item -> item.reverse() ? 2 : 4, item -> 0);
    assertTrue(location(done).startsWith(path(FOLLOW_UP) + "?result="), location(done));
    String page = server.http().get(s.url(path(FOLLOW_UP))).body();
    assertTrue(page.contains("You have completed the follow-up questionnaire"), page);
    assertTrue(page.contains("Your confidence rose from 3.0 before the training to 4.0 out of 7 at follow-up"), page);
    assertTrue(page.contains("Your use of engagement strategies rose from 3.0 before the training to 4.0 out of 5"),
        "frequency, not asked at post, is compared at follow-up: " + page);
    Map<String, Double> compared = new HashMap<>();
    for (Row r : query("""
        SELECT c.scale_id, c.to_mean - c.from_mean FROM assessment_comparison c
        JOIN assessment_response a ON a.id = c.response_id WHERE a.person_id = $1 AND a.wave = 'follow-up'""",
        person)) {
      compared.put(r.getString(0), r.getBigDecimal(1).doubleValue());
    }
    assertEquals(6, compared.size(), compared.toString());
    assertEquals(1.0, compared.get("confidence"), 1e-9);
    assertEquals(3, query("""
        SELECT c.scale_id FROM assessment_comparison c JOIN assessment_response a ON a.id = c.response_id
        WHERE a.person_id = $1 AND a.wave = 'post'""", person).size(), "pre → post for the three post scales");
  }

  @Test
  void a_learner_with_post_but_no_pre_is_told_what_that_means() {
    TestSessions.Session s = learner("fu-2", "assessment:working-with-fathers:post");
    long person = s.context().personId().orElseThrow();
    String first = server.http().get(s.url(path("post"))).body();
    assertTrue(first.contains("you will see your scores, but no change"), first);
    answerAll(server, s, "post", item -> 5, item -> 3);
    String post = server.http().get(s.url(path("post"))).body();
    assertTrue(post.contains("You did not complete the ‘before’ questionnaire in this course"), post);
    assertTrue(post.contains("Your confidence: 5.0 out of 7 after the training. There is no complete ‘before’ score"),
        post);
    postCompletedAgo(person, Duration.ofDays(60));
    TestSessions.Session later = learner("fu-2", "assessment:working-with-fathers:follow-up");
    String followUp = server.http().get(later.url(path(FOLLOW_UP))).body();
    assertTrue(followUp.contains("cannot show how your practice has changed since before the training"), followUp);
    assertEquals(0, query("SELECT 1 FROM assessment_comparison c JOIN assessment_response a ON a.id = c.response_id"
        + " WHERE a.person_id = $1", person).size(), "no pre, no comparison");
  }

  @Test
  void version_1_answers_stay_readable_and_are_compared_with_version_2_on_shared_items_only() {
    TestSessions.Session s = learner("fu-3", "assessment:working-with-fathers:post");
    long person = s.context().personId().orElseThrow();
    long course = s.context().courseId();
    // a pre answered under version 1: every confidence item 2, except the retired double item at 7
    var v1 = uk.isafe.practice.assessment.instrument.InstrumentLibrary.load(java.nio.file.Path.of(
        "scenarios/instruments")).find("working-with-fathers", 1).orElseThrow();
    io.vertx.core.json.JsonObject answers = new io.vertx.core.json.JsonObject();
    v1.scales().forEach(sc -> sc.items().forEach(i -> answers.put(i.id(), 2)));
    answers.put("conf-record", 7);
    query("""
        INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status, answers,
          completed_at) VALUES ($1, $2, 'working-with-fathers', 1, 'pre', 'completed', $3, now())""", course, person,
        answers);
    String pre = server.http().get(s.url(path("pre"))).body();
    assertTrue(pre.contains("Recording a father’s details, views and contribution clearly in the child’s file"),
        "the version 1 item is shown as it was asked: " + pre);
    assertFalse(pre.contains("Writing down a father’s own views"), "version 2 items are not shown as unanswered");

    answerAll(server, s, "post", item -> 5, item -> 2);
    String post = server.http().get(s.url(path("post"))).body();
    assertTrue(post.contains("Only the questions both versions share are compared"), post);
    assertTrue(post.contains("Your confidence rose from 2.0 to 5.0 out of 7"), "conf-record (7) is left out: " + post);
    Row c = query("""
        SELECT c.from_mean, c.items, c.shared_only, c.across_versions FROM assessment_comparison c
        JOIN assessment_response a ON a.id = c.response_id
        WHERE a.person_id = $1 AND a.wave = 'post' AND c.scale_id = 'confidence'""", person).iterator().next();
    assertEquals(2.0, c.getBigDecimal(0).doubleValue(), 1e-9);
    assertEquals(7, c.getInteger(1), "7 confidence items are in both versions");
    assertTrue(c.getBoolean(2));
    assertTrue(c.getBoolean(3));
  }

  @Test
  void an_unfinished_version_1_response_carries_on_under_version_2_keeping_answers_to_shared_items() {
    TestSessions.Session s = learner("fu-4", "assessment:working-with-fathers:pre");
    long person = s.context().personId().orElseThrow();
    query("""
        INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status, answers)
        VALUES ($1, $2, 'working-with-fathers', 1, 'pre', 'in_progress', $3)""", s.context().courseId(), person,
        new io.vertx.core.json.JsonObject().put("conf-identify", 6).put("conf-record", 7));
    String page = server.http().get(s.url(path("pre"))).body();
    assertTrue(page.contains("id=\"q-conf-identify-6\" name=\"answer-conf-identify\" type=\"radio\" value=\"6\" "
        + "checked"), "the shared item's answer is kept: " + page);
    HttpResponse<String> saved = postSection(server, s, "pre", sections("pre").get(1), item -> 4, "continue");
    assertEquals(303, saved.statusCode());
    Row r = query("SELECT instrument_version, answers FROM assessment_response WHERE person_id = $1 AND wave = 'pre'",
        person).iterator().next();
    assertEquals(2, r.getInteger(0), "the response is now answered under the version served");
    assertEquals(6, r.getJsonObject(1).getInteger("conf-identify"));
    assertEquals(7, r.getJsonObject(1).getInteger("conf-record"), "a retired item's answer is kept, not scored");
  }
}
