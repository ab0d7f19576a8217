package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.assessment.web.AssessmentHttp.path;
import static uk.isafe.practice.assessment.web.AssessmentHttp.sections;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * Both waves completed with the keyboard alone (Tab to each question, Space and arrow keys to answer, Enter on the
 * button) in real headless Chromium, with an axe-core scan of every kind of page: no serious or critical violations.
 */
class KeyboardBrowserTest {
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

  /** Presses Tab until the focused element matches {@code js} (a boolean expression on {@code el}). */
  private static void tabTo(Page page, String js) {
    for (int i = 0; i < 300; i++) {
      page.keyboard().press("Tab");
      if (Boolean.TRUE.equals(page.evaluate("() => { const el = document.activeElement; return !!el && (" + js
          + "); }"))) {
        return;
      }
    }
    throw new AssertionError("Tab never reached " + js + " on " + page.url());
  }

  /** Answers {@code item} with {@code value} by keyboard: Tab into its group, Space picks 1, arrows move on. */
  private static void answer(Page page, Item item, int value, int min) {
    tabTo(page, "el.name === 'answer-" + item.id() + "'");
    page.keyboard().press("Space");
    for (int v = min; v < value; v++) {
      page.keyboard().press("ArrowDown");
    }
    assertEquals(String.valueOf(value), page.evaluate("() => document.querySelector("
        + "'input[name=\"answer-" + item.id() + "\"]:checked').value"), item.id());
  }

  private static void submit(Page page) {
    tabTo(page, "el.tagName === 'BUTTON' && el.value === 'continue'");
    page.waitForNavigation(() -> page.keyboard().press("Enter"));
    page.waitForLoadState();
  }

  private static void answerWave(Page page, String wave, int value, boolean checkErrorFlow) {
    List<Instrument.Section> sections = sections(wave);
    for (int i = 0; i < sections.size(); i++) {
      Instrument.Section section = sections.get(i);
      assertTrue(page.content().contains(section.isRetrospective() ? section.retrospective().question()
          : section.scale().question()), "expected section " + section.id());
      if (i == 0) {
        assertAccessible(page, wave + " first page");
      }
      List<Item> items = section.scale().items();
      int v = Math.min(value, section.scale().max());
      if (checkErrorFlow && i == 0) {
        for (Item item : items.subList(0, items.size() - 1)) {
          answer(page, item, v, section.scale().min());
        }
        submit(page);
        assertTrue(page.content().contains("There is a problem"), "error summary");
        assertEquals(Boolean.TRUE, page.evaluate("() => document.activeElement.classList.contains("
            + "'govuk-error-summary')"), "error summary takes focus");
        assertAccessible(page, "error summary page");
        answer(page, items.get(items.size() - 1), v, section.scale().min());
      } else {
        for (Item item : items) {
          answer(page, item, v, section.scale().min());
        }
      }
      submit(page);
    }
  }

  @Test
  void learner_completes_both_waves_by_keyboard_and_every_page_passes_axe() {
    TestSessions.Session s = TestSessions.on(server).course("course-kb")
        .link("link-kb", Map.of("activity", "pathway:fathers-core")).person("kb-1", "Kim Keyboard").create();
    Page page = browser.newPage();
    page.navigate(server.url(s.url("/pathway/fathers-core")));
    assertAccessible(page, "pathway page");

    page.navigate(server.url(s.url(path("pre"))));
    answerWave(page, "pre", 3, true);
    assertTrue(page.content().contains("You have completed the ‘before’ questionnaire"), page.content());
    assertAccessible(page, "completed pre page");

    page.navigate(server.url(s.url(path("post"))));
    answerWave(page, "post", 5, false);
    String done = page.content();
    assertTrue(done.contains("You have completed the ‘after’ questionnaire"), done);
    assertTrue(done.contains("Your confidence rose from 3.0 to 5.0 out of 7 (self-reported)."), done);
    assertTrue(page.locator("svg[role=img]").isVisible());
    assertAccessible(page, "completed post page with chart");

    Page narrow = browser.narrowPage();
    narrow.navigate(server.url(s.url(path("post"))));
    assertAccessible(narrow, "completed post page in a narrow iframe-sized window");
  }

  @Test
  void with_scripts_running_a_chosen_answer_is_saved_before_continuing() {
    TestSessions.Session s = TestSessions.on(server).course("course-kb")
        .link("link-kb2", Map.of("activity", "assessment:working-with-fathers:pre")).person("kb-2", "Alex").create();
    Page page = browser.newPage();
    page.navigate(server.url(s.url(path("pre"))));
    Item first = sections("pre").get(0).scale().items().get(0);
    com.microsoft.playwright.Response saved = page.waitForResponse(r -> r.request().method().equals("POST")
        && r.request().postData() != null && r.request().postData().contains("answer-" + first.id() + "=3"),
        new Page.WaitForResponseOptions().setTimeout(20000), () -> answer(page, first, 3, 1));
    assertEquals(204, saved.status());
    page.navigate(server.url(s.url(path("pre"))));
    assertEquals("3", page.evaluate("() => document.querySelector('input[name=\"answer-" + first.id()
        + "\"]:checked').value"));
  }
}
