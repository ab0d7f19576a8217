package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.assessment.web.AssessmentHttp.FATHERS;
import static uk.isafe.practice.assessment.web.AssessmentHttp.answerAll;
import static uk.isafe.practice.assessment.web.AssessmentHttp.location;
import static uk.isafe.practice.assessment.web.AssessmentHttp.path;
import static uk.isafe.practice.assessment.web.AssessmentHttp.postSection;
import static uk.isafe.practice.assessment.web.AssessmentHttp.sections;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** The questionnaire flow through real HTTP against the real server and PostgreSQL. */
class WaveFlowTest {
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
    return TestSessions.on(server).course("course-flow").link("link-" + activity, Map.of("activity", activity))
        .person(sub, "Learner " + sub).create();
  }

  private static RowSet<Row> query(String sql, Object... args) {
    try {
      return server.core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Double> scores(long person, String wave, boolean retrospective) {
    Map<String, Double> out = new HashMap<>();
    for (Row r : query("""
        SELECT s.scale_id, s.mean FROM assessment_scale_score s JOIN assessment_response a ON a.id = s.response_id
        WHERE a.person_id = $1 AND a.wave = $2 AND s.retrospective = $3""", person, wave, retrospective)) {
      out.put(r.getString(0), r.getBigDecimal(1) == null ? null : r.getBigDecimal(1).doubleValue());
    }
    return out;
  }

  @Test
  void pre_then_post_stores_scale_scores_and_shows_the_learners_change() {
    TestSessions.Session s = learner("flow-1", "pathway:fathers-core");
    long person = s.context().personId().orElseThrow();
    HttpResponse<String> done = answerAll(server, s, "pre", item -> item.reverse() ? 5 : 3, item -> 0);
    assertTrue(location(done).startsWith(path("pre") + "?result=not-sent"), location(done));
    Map<String, Double> pre = scores(person, "pre", false);
    assertEquals(3.0, pre.get("confidence"), 1e-9);
    assertEquals(6, pre.size());
    // reverse item answered 5 on a 1–5 scale counts as 1: team mean = (7 × 3 + 1) / 8
    assertEquals(2.75, pre.get("team"), 1e-9);

    answerAll(server, s, "post", item -> item.reverse() ? 1 : 5, item -> 2);
    Map<String, Double> post = scores(person, "post", false);
    assertEquals(5.0, post.get("confidence"), 1e-9);
    assertEquals(Map.of("confidence", 2.0), scores(person, "post", true));
    assertEquals(3.0, scores(person, "pre", false).get("confidence"), 1e-9, "retrospective never touches pre");

    String page = server.http().get(s.url(path("post"))).body();
    assertTrue(page.contains("Your confidence rose from 3.0 to 5.0 out of 7 (self-reported)."), page);
    assertTrue(page.contains("<svg"), "chart");
    assertTrue(page.contains("id=\"change-table\""), "text equivalent table");
    assertTrue(page.contains("Your confidence, looking back: you now rate how you were before the training at 2.0 out of 7. "
        + "Your ‘before’ score, given at the time, was 3.0"), page);
    assertTrue(page.contains("+2.0"));
  }

  @Test
  void partial_answers_get_an_error_summary_and_are_kept_on_reload() {
    TestSessions.Session s = learner("flow-2", "assessment:working-with-fathers:pre");
    Instrument.Section confidence = sections("pre").get(0);
    HttpResponse<String> r = postSection(server, s, "pre", confidence,
        item -> item.id().equals("conf-identify") ? 6 : item.id().equals("conf-hostile") ? 2 : 0, "continue");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("govuk-error-summary"));
    assertTrue(r.body().contains("href=\"#q-conf-risk\""), "links to each missing question");
    assertFalse(r.body().contains("href=\"#q-conf-identify\""), "answered questions are not listed");
    assertTrue(r.body().contains("id=\"q-conf-identify-6\" name=\"answer-conf-identify\" type=\"radio\" value=\"6\" "
        + "checked"), "answer kept on the error page");

    String reloaded = server.http().get(s.url(path("pre"))).body();
    assertTrue(reloaded.contains("id=\"q-conf-identify-6\" name=\"answer-conf-identify\" type=\"radio\" value=\"6\" "
        + "checked"), "answer kept after reload");
    assertTrue(reloaded.contains("value=\"2\" checked"));
    assertFalse(reloaded.contains("govuk-error-summary"));
  }

  @Test
  void completed_wave_shows_the_answers_instead_of_a_second_copy() {
    TestSessions.Session s = learner("flow-3", "assessment:working-with-fathers:pre");
    answerAll(server, s, "pre", item -> 4, item -> 0);
    String page = server.http().get(s.url(path("pre"))).body();
    assertTrue(page.contains("You have completed the ‘before’ questionnaire"), page);
    assertFalse(page.contains("<form"), "no second copy of the form");
    assertTrue(page.contains("4 – Fairly confident"));
    // a late post of the same wave changes nothing
    HttpResponse<String> late = postSection(server, s, "pre", sections("pre").get(0), item -> 1, "continue");
    assertEquals(303, late.statusCode());
    assertEquals(1L, query("SELECT count(*) FROM assessment_response WHERE person_id = $1",
        s.context().personId().get()).iterator().next().getLong(0));
    assertEquals(4.0, scores(s.context().personId().get(), "pre", false).get("confidence"), 1e-9);
  }

  @Test
  void skipping_confidence_questions_leaves_it_incomplete_and_the_learner_is_told() {
    TestSessions.Session s = learner("flow-4", "assessment:working-with-fathers:pre");
    HttpResponse<String> last = null;
    for (Instrument.Section section : sections("pre")) {
      boolean conf = section.scale().isConfidence();
      last = postSection(server, s, "pre", section, item -> conf && !item.id().startsWith("conf-i") ? 0 : 4,
          conf ? "skip" : "continue");
      assertEquals(303, last.statusCode(), last.body());
    }
    assertTrue(location(last).contains("result=incomplete"));
    String page = server.http().get(s.url(path("pre"))).body();
    assertTrue(page.contains("no confidence score could be worked out"), page);
    assertEquals("incomplete", query("""
        SELECT s.status FROM assessment_scale_score s JOIN assessment_response a ON a.id = s.response_id
        WHERE a.person_id = $1 AND s.scale_id = 'confidence'""", s.context().personId().get())
        .iterator().next().getString(0));
  }

  @Test
  void a_learner_never_sees_another_learners_answers() {
    TestSessions.Session a = learner("flow-5a", "assessment:working-with-fathers:pre");
    TestSessions.Session b = learner("flow-5b", "assessment:working-with-fathers:pre");
    answerAll(server, a, "pre", item -> 5, item -> 0);
    String bPage = server.http().get(b.url(path("pre"))).body();
    assertTrue(bPage.contains("<form"), "b gets their own empty form");
    assertFalse(bPage.contains("checked"), "none of a's answers");
    assertFalse(bPage.contains("You have completed"));
  }

  @Test
  void post_from_a_pathway_before_pre_asks_for_pre_first_but_a_post_only_link_may_answer() {
    TestSessions.Session viaPathway = learner("flow-6", "pathway:fathers-core");
    String page = server.http().get(viaPathway.url(path("post"))).body();
    assertTrue(page.contains("Answer the ‘before’ questionnaire first"), page);

    TestSessions.Session postOnly = learner("flow-7", "assessment:working-with-fathers:post");
    String form = server.http().get(postOnly.url(path("post"))).body();
    assertTrue(form.contains("<form"));
    assertTrue(form.contains("cannot be compared with earlier ones"));
  }

  @Test
  void tampered_values_outside_the_scale_are_treated_as_unanswered_and_never_stored() {
    TestSessions.Session s = learner("flow-10", "assessment:working-with-fathers:pre");
    HttpResponse<String> r = postSection(server, s, "pre", sections("pre").get(0),
        item -> item.id().equals("conf-risk") ? 9 : 4, "continue");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("href=\"#q-conf-risk\""));
    assertEquals(0L, query("SELECT count(*) FROM assessment_response WHERE person_id = $1 AND answers ? 'conf-risk'",
        s.context().personId().get()).iterator().next().getLong(0));
    assertEquals(400, server.http().postForm(path("pre"), s.formWith("section", "no-such-section")).statusCode());
  }

  @Test
  void autosave_stores_one_answer_without_finishing_the_section() {
    TestSessions.Session s = learner("flow-11", "assessment:working-with-fathers:pre");
    HttpResponse<String> r = server.http().postForm(path("pre"), s.formWith("section", "confidence",
        "action", "autosave", "answer-conf-hostile", "5"));
    assertEquals(204, r.statusCode());
    String page = server.http().get(s.url(path("pre"))).body();
    assertTrue(page.contains("id=\"q-conf-hostile-5\" name=\"answer-conf-hostile\" type=\"radio\" value=\"5\" checked"));
    assertTrue(page.contains("Your confidence"), "still on the first section");
    assertEquals(0, query("SELECT cardinality(sections_done) FROM assessment_response WHERE person_id = $1",
        s.context().personId().get()).iterator().next().getInteger(0));
  }

  @Test
  void a_late_autosave_never_overwrites_a_section_saved_by_its_form() {
    TestSessions.Session s = learner("flow-12", "assessment:working-with-fathers:pre");
    assertEquals(303, postSection(server, s, "pre", sections("pre").get(0), item -> 6, "continue").statusCode());
    HttpResponse<String> late = server.http().postForm(path("pre"), s.formWith("section", "confidence",
        "action", "autosave", "answer-conf-hostile", "1"));
    assertEquals(409, late.statusCode());
    assertEquals(6, query("SELECT (answers->>'conf-hostile')::int FROM assessment_response WHERE person_id = $1",
        s.context().personId().get()).iterator().next().getInteger(0));
  }

  @Test
  void anonymous_launch_is_told_answers_cannot_be_kept() {
    TestSessions.Session anon = TestSessions.on(server).course("course-flow").link("link-anon",
        Map.of("activity", "assessment:working-with-fathers:pre")).anonymous().create();
    HttpResponse<String> r = server.http().get(anon.url(path("pre")));
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Your answers cannot be kept"));
    assertFalse(r.body().contains("<form"));
  }

  @Test
  void unknown_instrument_or_wave_is_not_found() {
    TestSessions.Session s = learner("flow-8", "assessment:working-with-fathers:pre");
    assertEquals(404, server.http().get(s.url("/assessment/no-such-thing/pre")).statusCode());
    assertEquals(404, server.http().get(s.url("/assessment/working-with-fathers/mid-way")).statusCode());
  }

  @Test
  void each_radio_is_labelled_with_its_number_and_anchor_inside_a_fieldset_with_a_legend() {
    TestSessions.Session s = learner("flow-9", "assessment:working-with-fathers:pre");
    String page = server.http().get(s.url(path("pre"))).body();
    assertEquals(FATHERS.scale("confidence").orElseThrow().items().size(),
        page.split("<legend class=\"govuk-fieldset__legend").length - 1);
    assertTrue(page.contains("<label class=\"govuk-label govuk-radios__label\" for=\"q-conf-risk\">1 – Not at all "
        + "confident</label>"), page);
    assertTrue(page.contains("for=\"q-conf-risk-2\">2</label>"));
  }
}
