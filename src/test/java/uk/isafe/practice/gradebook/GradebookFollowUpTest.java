package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The trainer's cohort view, learner page and CSV with three waves, over real HTTP and PostgreSQL: six learners with
 * pre, post (confidence) and follow-up (confidence and frequency); one answered pre under version 1, whose change the
 * assessment worked out on shared items only, and the view says so.
 */
class GradebookFollowUpTest {
  private static TestServer server;
  private static GradebookFixtures.Course course;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    course = GradebookFixtures.seed(server, "fu-gb", List.of("Ann", "Ben", "Cas", "Dee", "Eli", "Fay", "Gus"));
    StringBuilder sql = new StringBuilder();
    long courseId = course.trainer().context().courseId();
    sql.append("UPDATE assessment_response SET instrument_version = 2 WHERE course_id = " + courseId + ";\n");
    for (int i = 0; i < 6; i++) {
      TestSessions.Session s = course.learners().get(i);
      long person = s.context().personId().orElseThrow();
      sql.append(response(courseId, person, "follow-up", 2, "confidence", 4.5 + i * 0.1, "frequency", 3.0));
      sql.append(response(courseId, person, "pre", 2, "frequency", 2.0, null, 0));
    }
    // learner 4 (Eli): his pre was version 1, compared with post on shared items only
    long fay = course.learners().get(4).context().personId().orElseThrow();
    sql.append(String.format(Locale.ROOT, """
        UPDATE assessment_response SET instrument_version = 1 WHERE person_id = %d AND wave = 'pre';
        INSERT INTO assessment_comparison (response_id, from_response_id, scale_id, from_mean, to_mean,
          retrospective_mean, items, shared_only, across_versions)
          SELECT post.id, pre.id, 'confidence', 3.2, 4.4, NULL, 7, true, true
          FROM assessment_response post JOIN assessment_response pre ON pre.person_id = post.person_id
          WHERE post.person_id = %d AND post.wave = 'post' AND pre.wave = 'pre';
        """, fay, fay));
    TestDatabase.execute(server.database(), sql.toString());
  }

  /** Adds scale scores to the learner's response for {@code wave}, creating the response if needed. */
  private static String response(long course, long person, String wave, int version, String scale, double mean,
      String scale2, double mean2) {
    return String.format(Locale.ROOT, """
        INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status,
            answers, completed_at)
          VALUES (%d, %d, '%s', %d, '%s', 'completed', '{}'::jsonb, now())
          ON CONFLICT (course_id, person_id, instrument_id, wave) DO NOTHING;
        INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
          SELECT id, '%s', %s, 6, 6, 'complete', false FROM assessment_response
          WHERE person_id = %d AND wave = '%s';
        """, course, person, GradebookFixtures.INSTRUMENT, version, wave, scale, mean, person, wave)
        + (scale2 == null ? "" : String.format(Locale.ROOT, """
        INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
          SELECT id, '%s', %s, 6, 6, 'complete', false FROM assessment_response
          WHERE person_id = %d AND wave = '%s';
        """, scale2, mean2, person, wave));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String get(String path) {
    HttpResponse<String> r = server.http().get(course.trainer().url(path));
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  @Test
  void cohort_page_shows_follow_up_change_and_says_when_versions_were_compared_on_shared_items() {
    String html = get("/gradebook");
    assertTrue(html.contains("before → follow-up"), "summary rows per later wave");
    assertTrue(html.contains("Follow-up:"), "each learner's follow-up beside pre → post");
    assertTrue(html.contains("id=\"gb-shared-note\""), html);
    assertTrue(html.contains("compared on the questions both versions share only"), html);
    assertTrue(html.contains("<strong>+1.00</strong> <span class=\"gb-muted\">2.00 → 3.00</span>"),
        "frequency pre → follow-up for a learner: " + html);
  }

  @Test
  void printable_report_has_the_follow_up_rows() {
    String html = get("/gradebook/report");
    assertTrue(html.contains("before → follow-up"), html);
  }

  @Test
  void cohort_and_learner_pages_with_three_waves_pass_axe() {
    try (uk.isafe.practice.testsupport.Browser browser = uk.isafe.practice.testsupport.Browser.launch()) {
      long eli = course.learners().get(4).context().personId().orElseThrow();
      for (String path : List.of("/gradebook", "/gradebook/learners/" + eli)) {
        com.microsoft.playwright.Page page = browser.newPage();
        page.navigate(server.url(course.trainer().url(path)));
        var violations = uk.isafe.practice.testsupport.Browser.seriousViolations(page);
        assertTrue(violations.isEmpty(), path + ":\n" + uk.isafe.practice.testsupport.Browser.describe(violations));
      }
    }
  }

  @Test
  void csv_has_the_follow_up_and_its_change_per_scale() {
    String csv = server.http().get(course.trainer().url("/gradebook/export/cohort.csv")).body();
    String header = csv.lines().findFirst().orElseThrow();
    assertTrue(header.contains("Follow-up: frequency,Self-reported change to follow-up: frequency,"
        + "Compared on shared questions only: frequency"), header);
    String eli = Arrays.stream(csv.split("\r\n")).filter(l -> l.contains(",Eli,")).findFirst().orElseThrow();
    // confidence: pre 3.0 (version 1), after 3.75, change 1.2 on shared items (not 0.75), follow-up 4.9, and no
    // change to follow-up: the versions differ and no shared-item comparison was stored
    assertTrue(eli.contains(",3,,3.75,1.2,4.9,,yes,"), eli);
    String ann = Arrays.stream(csv.split("\r\n")).filter(l -> l.contains(",Ann,")).findFirst().orElseThrow();
    assertTrue(ann.contains(",3,,3.5,0.5,4.5,1.5,no,"), ann);
  }

  @Test
  void learner_page_has_follow_up_columns() {
    long ann = course.learners().get(0).context().personId().orElseThrow();
    String html = get("/gradebook/learners/" + ann);
    assertTrue(html.contains("Self-reported change to follow-up"), html);
    assertTrue(html.contains("<td class=\"govuk-table__cell\">4.50</td>"), html);
  }
}
