package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.assessment.web.AssessmentHttp.answerAll;
import static uk.isafe.practice.assessment.web.AssessmentHttp.path;

import com.microsoft.playwright.Page;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The follow-up pages in real headless Chromium with an axe-core scan: the "not yet" page (before post and with its
 * date), the pathway with the dated last step, the first follow-up page with the no-pre notice, and the completed
 * follow-up with its chart, at full width and in a narrow window. No serious or critical violations.
 */
class FollowUpBrowserTest {
  private static TestServer server;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    server.close();
  }

  private static void assertAccessible(Page page, String what) {
    var violations = Browser.seriousViolations(page);
    assertTrue(violations.isEmpty(), what + ":\n" + Browser.describe(violations));
  }

  private static void postCompletedDaysAgo(long person, int days) throws Exception {
    server.core().pool().preparedQuery("UPDATE assessment_response SET completed_at = $2 WHERE person_id = $1 "
        + "AND wave = 'post'").execute(io.vertx.sqlclient.Tuple.of(person, Instant.now().minusSeconds(days * 86400L)
        .atOffset(ZoneOffset.UTC))).await(10, TimeUnit.SECONDS);
  }

  @Test
  void every_follow_up_page_passes_axe() throws Exception {
    TestSessions.Session s = TestSessions.on(server).course("course-fu-axe")
        .link("link-fu-axe", Map.of("activity", "pathway:fathers-core")).person("fu-axe", "Femi Follow").create();
    long person = s.context().personId().orElseThrow();
    Page page = browser.newPage();
    page.navigate(server.url(s.url(path("follow-up"))));
    assertTrue(page.content().contains("Finish the ‘after’ questionnaire first"));
    assertAccessible(page, "follow-up before post");

    answerAll(server, s, "post", item -> 5, item -> 3);
    page.navigate(server.url(s.url(path("follow-up"))));
    assertTrue(page.content().contains("The follow-up questionnaire opens on"));
    assertAccessible(page, "follow-up not yet open");
    page.navigate(server.url(s.url("/pathway/fathers-core")));
    assertTrue(page.content().contains("Opens on"));
    assertAccessible(page, "pathway with the dated follow-up step");

    postCompletedDaysAgo(person, 57);
    page.navigate(server.url(s.url(path("follow-up"))));
    assertTrue(page.content().contains("cannot show how your practice has changed"), "no-pre notice");
    assertAccessible(page, "first follow-up page");

    answerAll(server, s, "follow-up", item -> 4, item -> 0);
    page.navigate(server.url(s.url(path("follow-up"))));
    assertTrue(page.content().contains("You have completed the follow-up questionnaire"));
    assertAccessible(page, "completed follow-up");
    Page narrow = browser.narrowPage();
    narrow.navigate(server.url(s.url(path("follow-up"))));
    assertAccessible(narrow, "completed follow-up in a narrow window");
  }
}
