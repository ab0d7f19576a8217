package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.TestServer;

/** The CSV downloads over real HTTP: Excel-friendly encoding, quoting, and no formulas from learner names. */
class GradebookExportTest {
  static TestServer server;
  static GradebookFixtures.Course course;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    course = GradebookFixtures.seed(server, "export-1", List.of("=HYPERLINK(\"http://evil.example\",\"x\")",
        "Jones, Siân", "+44 7700 900123", "Rhys Not-Started"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) {
    HttpResponse<String> r = server.http().get(course.trainer().url(path));
    assertEquals(200, r.statusCode(), path);
    return r;
  }

  @Test
  void cohort_csv_is_utf8_with_bom_crlf_and_a_download_name() {
    HttpResponse<String> r = get("/gradebook/export/cohort.csv");
    assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().contains("gradebook-cohort.csv"));
    String body = r.body();
    assertTrue(body.startsWith("\uFEFFLearner id,Learner,Status,Attempts,"), body);
    assertTrue(body.contains("Before: confidence,Looking back (after): confidence,After: confidence,"
        + "Self-reported change: confidence,Follow-up: confidence,Self-reported change to follow-up: confidence,"
        + "Compared on shared questions only: confidence"), body);
    String[] lines = body.split("\r\n", -1);
    assertEquals(6, lines.length, "header, four learners, and the final CRLF");
    assertFalse(body.replace("\r\n", "").contains("\n"), "no bare line feeds");
  }

  @Test
  void cohort_csv_neutralises_formulas_and_quotes_commas() {
    String body = get("/gradebook/export/cohort.csv").body();
    assertTrue(body.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","), body);
    assertTrue(body.contains(",\"Jones, Siân\","));
    assertTrue(body.contains(",'+44 7700 900123,"));
    assertFalse(body.contains(",=HYPERLINK"));
  }

  @Test
  void cohort_csv_keeps_scores_as_numbers() {
    String body = get("/gradebook/export/cohort.csv").body();
    String siân = java.util.Arrays.stream(body.split("\r\n")).filter(l -> l.contains("Siân")).findFirst()
        .orElseThrow();
    // learner 1: pre 3.5, post 3.5 + 0.5 + 0.25 = 4.25 → change 0.75; MIDDLE attempt scored 55
    assertTrue(siân.contains(",3.5,,4.25,0.75,,,no,"), siân);
    assertTrue(siân.contains(",1,55,55,"), siân);
  }

  @Test
  void choices_csv_has_one_row_per_choice_with_the_reply_text() {
    String body = get("/gradebook/export/choices.csv").body();
    assertTrue(body.startsWith("\uFEFFLearner id,Learner,Scenario,Version,Attempt,Attempt status,Step,Node,Choice,"));
    String[] lines = body.split("\r\n");
    // learners 0 and 2: POOR + GOOD (4 choices each); learner 1: MIDDLE (2); learner 3 not started
    assertEquals(1 + 4 + 2 + 4, lines.length);
    assertTrue(body.contains("ask-why-absent,Why have you not been in touch with Mia’s school?,CQ CON,"));
    assertTrue(body.contains("\"'=HYPERLINK("), "the name is neutralised here too");
  }
}
