package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.gradebook.stats.PairedChange;
import uk.isafe.practice.testsupport.TestServer;

/** The trainer’s pages against real data: summary figures, sorting, filtering, drill-down and distributions. */
class GradebookPagesTest {
  static final List<String> NAMES = List.of("Aisha Rahman", "Ben Carter", "Cerys Lloyd", "Dev Patel", "Ewa Nowak",
      "Finn O’Brien", "Grace Mensah", "Hari Singh", "Iona Reid", "Jack Moss", "Kemi Ade", "Liam Not-Started");
  static TestServer server;
  static GradebookFixtures.Course course;
  static GradebookFixtures.Course small;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    course = GradebookFixtures.seed(server, "pages-1", NAMES);
    small = GradebookFixtures.seed(server, "pages-small", List.of("Mo One", "Nia Two", "Oli Three", "Pat Four"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String page(GradebookFixtures.Course c, String path) {
    HttpResponse<String> r = server.http().get(c.trainer().url(path));
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  @Test
  void summary_shows_self_reported_change_with_the_effect_sizes_of_the_paired_learners() throws Exception {
    String html = page(course, "/gradebook");
    Files.writeString(Path.of("target", "gradebook-cohort.html"), html);
    assertTrue(html.contains("Self-reported change"));
    assertFalse(html.toLowerCase(Locale.ROOT).contains("impact"), "never called impact");
    // The fixture: learners 0..9 have pre = 3 + (i%4)·0.5 and post = pre + 0.5 + (i%3)·0.25
    double[] pre = new double[10];
    double[] post = new double[10];
    for (int i = 0; i < 10; i++) {
      pre[i] = 3.0 + (i % 4) * 0.5;
      post[i] = pre[i] + 0.5 + (i % 3) * 0.25;
    }
    PairedChange expected = PairedChange.of(pre, post);
    String headline = String.format(Locale.UK, "<strong>Your confidence</strong>: rose for 10 of 10 learners, from %.1f "
        + "to %.1f out of 7 on average — a large self-reported change (effect size %.2f, likely between %.2f and "
        + "%.2f).", expected.preMean(), expected.postMean(), expected.gav(), expected.davLow(), expected.davHigh());
    assertTrue(html.contains(headline), headline);
    assertTrue(html.contains(String.format(Locale.UK, "%.2f", expected.dav())), "d_av " + expected.dav());
    assertTrue(html.contains(String.format(Locale.UK, "+%.2f", expected.meanDiff())), "mean change");
    assertTrue(html.contains("11 before, 10 after, 10 with both"), "n before / after / both");
    assertTrue(html.contains("The statistics behind these sentences"), "one click down");
    assertTrue(html.contains("large when everyone moved by a similar amount"), "each statistic explained");
    assertTrue(html.contains("role=\"img\""), "charts are images with text equivalents");
    assertTrue(html.contains("<h3 class=\"govuk-heading-s gb-figure__title\" id=\"slope-t-1\">Before and after: "
        + "Your confidence</h3>"), "visible chart title");
    assertFalse(html.contains(">confidence<"), "scale names come from the questionnaire, not ids");
  }

  @Test
  void when_everyone_changes_by_the_same_amount_d_z_is_a_dash_with_its_reason_not_an_impossible_number() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      names.add("Same Change " + (char) ('A' + i));
    }
    var same = GradebookFixtures.seed(server, "pages-same", names);
    uk.isafe.practice.testsupport.TestDatabase.execute(server.database(), String.format(Locale.ROOT, """
        UPDATE assessment_scale_score s SET mean = (p.mean * 6 + 2.4) / 6
        FROM assessment_response r, assessment_response rp, assessment_scale_score p
        WHERE s.response_id = r.id AND r.wave = 'post' AND r.course_id = %d
          AND rp.course_id = r.course_id AND rp.person_id = r.person_id AND rp.wave = 'pre'
          AND p.response_id = rp.id AND p.scale_id = s.scale_id""", same.id()));
    String html = page(same, "/gradebook");
    assertTrue(html.contains("rose for 10 of 10 learners"), "the headline still reads");
    assertTrue(html.contains("– (everyone changed by exactly the same amount, so the changes have no spread to "
        + "divide by)"), "d_z is a dash with its reason");
    assertFalse(html.matches("(?s).*\\d{7,}.*?(?:<|\\s).*") && html.matches("(?s).*[^#\\w]\\d{7,}\\.\\d.*"),
        "no impossible number");
  }

  @Test
  void practice_indicators_are_shown_against_their_bands() {
    String html = page(course, "/gradebook");
    // completed attempts: 6 × (POOR + GOOD) and 5 × MIDDLE → RC 11, SU/RS 0 → 100% complex; questions CQ 6+6, OQ 5
    assertTrue(html.contains("Practice indicators"));
    assertTrue(html.contains("100%"), "complex reflections");
    assertTrue(html.contains("0.6:1"), "R:Q = 11 reflections / 17 questions");
    assertTrue(html.contains("Below the fair band"));
  }

  @Test
  void a_small_cohort_has_its_figures_suppressed() {
    String html = page(small, "/gradebook");
    assertTrue(html.contains("Not shown: fewer than 5 learners"));
    assertTrue(html.contains("Charts appear once at least 5 learners"));
    assertFalse(html.contains("role=\"img\""));
  }

  @Test
  void sorting_by_change_descending_orders_rows_and_marks_the_header() {
    String html = page(course, "/gradebook?sort=change%3Aworking-with-fathers%2Fconfidence&dir=desc");
    assertTrue(html.contains("aria-sort=\"descending\""));
    List<String> names = learnerOrder(html);
    // largest change: i%3 == 2 → learners 2, 5, 8 (+1.00); those without a change come last
    assertEquals(List.of("Cerys Lloyd", "Finn O’Brien", "Iona Reid"), names.subList(0, 3));
    assertTrue(names.indexOf("Liam Not-Started") > names.indexOf("Jack Moss"));
    String asc = page(course, "/gradebook?sort=name&dir=asc");
    assertTrue(asc.contains("aria-sort=\"ascending\""));
    assertEquals("Aisha Rahman", learnerOrder(asc).get(0));
  }

  @Test
  void filtering_by_status_shows_only_those_learners() {
    List<String> notStarted = learnerOrder(page(course, "/gradebook?status=not-started"));
    assertEquals(List.of("Liam Not-Started"), notStarted);
    List<String> inProgress = learnerOrder(page(course, "/gradebook?status=in-progress"));
    assertEquals(List.of("Kemi Ade"), inProgress,
        "no post self-assessment yet");
  }

  @Test
  void an_unknown_sort_or_filter_is_a_clear_bad_request() {
    assertEquals(400, server.http().get(course.trainer().url("/gradebook?sort=password")).statusCode());
    assertEquals(400, server.http().get(course.trainer().url("/gradebook?status=bogus")).statusCode());
  }

  @Test
  void the_learner_page_replays_attempts_in_words_with_first_and_best_side_by_side() throws Exception {
    String html = page(course, "/gradebook/learners/" + course.learnerId(0));
    Files.writeString(Path.of("target", "gradebook-learner.html"), html);
    assertTrue(html.contains("First and best attempts side by side"));
    assertTrue(html.matches("(?s).*Progress in this course.*Completed.*A first call</dt>\\s*<dd[^>]*>Finished</dd>.*"),
        "the table’s one line spelt out: each activity finished");
    assertTrue(html.contains("Working with fathers and male carers (after the training)"));
    String kemi = page(course, "/gradebook/learners/" + course.learnerId(10));
    assertTrue(kemi.matches("(?s).*\\(after the training\\)</dt>\\s*<dd[^>]*>Not finished yet</dd>.*"), kemi);
    assertTrue(html.contains("Why have you not been in touch with Mia’s school?"), "first attempt’s choice");
    assertTrue(html.contains("confronting (MI-inconsistent)"), "tags explained in words");
    assertTrue(html.contains("A question that blames puts him on the defensive"), "coach feedback");
    assertTrue(html.contains("It sounds like this call has come out of the blue."), "best attempt’s choice");
    assertTrue(html.contains("He pauses."), "the character’s reaction");
    assertTrue(html.contains("He agrees to stay in touch"), "ending");
    assertTrue(html.contains("8 min 0 s"), "time taken");
    // learner 0: pre 3.0, post 3.0 + 0.5 = 3.5
    // merged with issue 12: the "looking back" rating (none here) sits between before and after
    assertTrue(html.matches("(?s).*>Your confidence</th>\\s*<td[^>]*>3.00</td><td[^>]*>–</td><td[^>]*>3.50</td>"
        + "<td[^>]*>\\+0.50</td>.*"), "own scale scores, under the questionnaire’s heading");
  }

  @Test
  void one_attempt_replays_on_its_own_page() {
    String html = page(course, "/gradebook/attempts/" + course.attempts().get(1));
    assertTrue(html.contains("What would you want me to know about you and Mia?"));
    assertTrue(html.contains("open question"));
  }

  @Test
  void the_scenario_page_shows_the_share_of_each_reply_paths_and_endings() throws Exception {
    String html = page(course, "/gradebook/scenarios/tiny-call");
    Files.writeString(Path.of("target", "gradebook-scenario.html"), html);
    // at "hello": 6 POOR (ask-why-absent) + 6 GOOD + 5 MIDDLE (reflect-surprise) = 17 choices → 65% reflect
    assertTrue(html.contains("65% chose “It sounds like this call has come out of the blue.” here"), html);
    assertTrue(html.contains("35%"));
    assertTrue(html.contains("Most common paths"));
    assertTrue(html.contains("He hangs up"));
  }

  @Test
  void the_printable_report_has_the_summary_and_print_styles() {
    String html = page(course, "/gradebook/report");
    assertTrue(html.contains("Cohort report"));
    assertTrue(html.contains("Self-reported change"));
    assertTrue(html.contains("/assets/gradebook.css"));
    String css = server.http().get("/assets/gradebook.css").body();
    assertTrue(css.contains("@media print"));
  }

  @Test
  void learner_names_are_escaped() {
    var evil = GradebookFixtures.seed(server, "pages-evil", List.of("<script>alert(1)</script>", "x"));
    String html = page(evil, "/gradebook");
    assertFalse(html.contains("<script>alert(1)</script>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  }

  @Test
  void grade_delivery_status_comes_from_the_grades_outbox() {
    var c = GradebookFixtures.seed(server, "pages-delivery", List.of("Sent Learner", "Refused Learner", "Quiet One"));
    long link = c.trainer().context().resourceLinkId().orElseThrow();
    String sql = "";
    String[] outcomes = {"delivered", "failed"};
    for (int i = 0; i < 2; i++) {
      sql += String.format(Locale.ROOT, """
          INSERT INTO grade_result (course_id, resource_link_id, person_id, kind, activity_key, score_given,
            score_maximum, completed_at, counted) VALUES (%d, %d, %d, 'scenario', 'tiny-call', 90, 100, now(), true);
          INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, result_id, line_item_label,
            activity_progress, grading_progress, status, finished_at)
          VALUES (%d, %d, %d, 'scenario', currval('grade_result_id_seq'), 'A first call', 'Completed',
            'FullyGraded', '%s', now());
          """, c.id(), link, c.learnerId(i), c.id(), link, c.learnerId(i), outcomes[i]);
    }
    uk.isafe.practice.testsupport.TestDatabase.execute(server.database(), sql);
    String html = page(c, "/gradebook?sort=name");
    assertTrue(html.matches("(?s).*Sent Learner</a>.*?>Sent</td>.*"), "delivered");
    assertTrue(html.matches("(?s).*Refused Learner</a>.*?>Refused</td>.*"),
        "failed");
    assertTrue(html.matches("(?s).*Quiet One</a>.*?>Nothing yet</td>.*"), "no counted result");
  }

  static List<String> learnerOrder(String html) {
    Matcher m = Pattern.compile("/gradebook/learners/\\d+\\?s=[^\"]+\">([^<]+)</a></th>").matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replace("&rsquo;", "’").replace("&#8217;", "’"));
    }
    return out;
  }
}
