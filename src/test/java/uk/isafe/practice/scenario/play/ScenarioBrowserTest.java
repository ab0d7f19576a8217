package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * Real headless Chromium: a learner completes a scenario with the keyboard alone (Tab, Space, arrow keys, Enter;
 * no clicks), and every page type passes an axe-core scan with no serious or critical violations.
 */
class ScenarioBrowserTest {
  private static TestServer server;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SCENARIOS_DIR", ScenarioPlayerTest.FIXTURES));
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    server.close();
  }

  @Test
  void learner_completes_a_scenario_with_the_keyboard_alone_and_every_page_passes_axe() {
    TestSessions.Session s = TestSessions.on(server).course("course-kb").link("l", Map.of())
        .person("keyboard-1", "Kim Keyboard").role(Role.LEARNER).create();
    Page page = browser.newPage();
    page.navigate(server.url(s.url("/scenario/tiny-call")));
    assertAccessible(page, "start page");

    tabTo(page, "#start");
    enter(page);
    assertTrue(page.url().contains("/play"), page.url());
    assertAccessible(page, "turn page");

    tabTo(page, "#submit");
    enter(page);
    assertTrue(page.content().contains("govuk-error-summary"), "no choice → error summary");
    assertAccessible(page, "turn page with an error");

    pick(page, "explain-process");
    assertVisibleFocus(page);
    assertEquals(Boolean.TRUE, page.evaluate("document.activeElement.checked"));
    tabTo(page, "#submit");
    assertVisibleFocus(page);
    enter(page);
    assertTrue(page.content().contains("He sighs and asks again"), "narration");
    assertAccessible(page, "narration page");

    tabTo(page, "#submit");
    enter(page);
    pick(page, "reflect-surprise");
    tabTo(page, "#submit");
    enter(page);
    assertTrue(page.content().contains("He pauses."), "after-choice reaction");
    assertAccessible(page, "after-choice and next turn page");

    pick(page, "ask-details");
    assertEquals(Boolean.TRUE, page.evaluate("document.activeElement.checked"));
    tabTo(page, "#submit");
    enter(page);
    assertTrue(page.url().contains("/end/"), page.url());
    assertTrue(page.content().contains("He agrees to stay in touch"));
    assertAccessible(page, "end page");
  }

  /**
   * The first turn is the answer to the start's post, and the turn after a choice the answer to the choice's. Their
   * address is the learner's place (the page's script), so reloading them or going back to them is an ordinary GET:
   * it shows where the learner is now, offers no resubmission and starts or records nothing twice.
   */
  @Test
  void after_a_choice_reloading_or_going_back_shows_where_the_learner_is_and_records_nothing_twice() {
    TestSessions.Session s = TestSessions.on(server).course("course-back").link("l", Map.of())
        .person("back-1", "Bea Back").role(Role.LEARNER).create();
    Player learner = new Player(server, s, "tiny-call");
    String events = "SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a ON a.id = e.attempt_id"
        + " WHERE a.person_id = $1";
    Page page = browser.newPage();
    page.navigate(server.url(s.url("/scenario/tiny-call")));
    page.waitForNavigation(() -> page.click("#start"));
    // The first turn is the answer to the start's post: with the learner's place as its address, a reload is a GET.
    assertTrue(page.url().contains("/scenario/tiny-call/play"), "the first turn's address: " + page.url());
    page.reload();
    assertTrue(page.content().contains("id=\"choices\""), "a reload shows the first turn");
    assertEquals(1, learner.attempts(), "a reload after the start starts nothing");
    page.check("#choice-explain-process");
    page.waitForNavigation(() -> page.click("#submit"));
    assertTrue(page.content().contains("He sighs and asks again"), "the narration after the choice");
    assertTrue(page.url().contains("/scenario/tiny-call/play"), "the page has the learner's place as its address: "
        + page.url());
    assertEquals(1, learner.count(events, learner.personId()));

    page.reload();
    assertTrue(page.content().contains("He sighs and asks again"), "a reload shows the same place");
    assertFalse(page.content().contains("That page was out of date"), "nothing was sent again");
    assertEquals(1, learner.count(events, learner.personId()));

    page.waitForNavigation(() -> page.click("#submit"));
    assertEquals(2, learner.count(events, learner.personId()));
    String now = page.content();
    assertFalse(now.contains("He sighs and asks again"), "moved on past the narration");
    page.goBack();
    assertFalse(page.content().contains("He sighs and asks again"), "back shows where the learner is now, not the"
        + " narration already passed");
    assertTrue(page.content().contains("id=\"choices\""), "the current turn's options");
    assertFalse(page.content().contains("That page was out of date"), "nothing was sent again");
    assertEquals(2, learner.count(events, learner.personId()));
  }

  @Test
  void pages_fit_a_320_pixel_iframe_without_sideways_scrolling() {
    TestSessions.Session s = TestSessions.on(server).course("course-narrow").link("l", Map.of())
        .person("narrow-1", "Nat Narrow").role(Role.LEARNER).create();
    Page page = browser.newPage();
    page.setViewportSize(320, 640);
    page.navigate(server.url(s.url("/scenario/tiny-call")));
    assertNoSidewaysScroll(page, "start page");
    tabTo(page, "#start");
    enter(page);
    assertNoSidewaysScroll(page, "turn page");
    page.navigate(server.url(s.url("/scenario/tiny-call?preview=1")));
    assertNoSidewaysScroll(page, "start page again");
  }

  @Test
  void preview_not_found_and_content_changed_pages_pass_axe() {
    TestSessions.Session t = TestSessions.on(server).course("course-axe").link("l", Map.of())
        .person("trainer-axe", "Tom Trainer").role(Role.TRAINER).create();
    Page page = browser.newPage();
    page.navigate(server.url(t.url("/scenario/tiny-call/play?preview=1&path=reflect-surprise,ask-details")));
    assertTrue(page.content().contains("He agrees to stay in touch"), "preview end page");
    assertAccessible(page, "preview end page");
    page.navigate(server.url(t.url("/scenario/nope")));
    assertAccessible(page, "not found page");

    Player learner = new Player(server, TestSessions.on(server).course("course-axe").link("l", Map.of())
        .person("changed-axe", "Cam Changed").role(Role.LEARNER).create(), "tiny-call");
    learner.follow(learner.start());
    learner.rows("UPDATE scenario_attempt SET content_hash = 'older' WHERE person_id = $1 RETURNING id",
        learner.personId());
    page.navigate(server.url(learner.session.url("/scenario/tiny-call/play")));
    assertTrue(page.content().contains("This scenario has changed"), "content-changed page");
    assertAccessible(page, "content-changed page");
  }

  /**
   * Tabs into the option group (the first option shown takes focus) and moves down with the arrow keys to
   * {@code value}, checking that the keyboard passes through the options in their visual (shuffled) order.
   */
  @SuppressWarnings("unchecked")
  private static void pick(Page page, String value) {
    List<String> order = (List<String>) page.evaluate(
        "() => Array.from(document.querySelectorAll('#choices input[type=radio]')).map(r => r.value)");
    tabTo(page, "#choices input[type=radio]");
    assertEquals(order.get(0), page.evaluate("document.activeElement.value"), "focus starts at the first shown");
    int target = order.indexOf(value);
    assertTrue(target >= 0, value + " is offered: " + order);
    if (target == 0) {
      page.keyboard().press("Space");
    }
    for (int i = 1; i <= target; i++) {
      page.keyboard().press("ArrowDown");
      assertEquals(order.get(i), page.evaluate("document.activeElement.value"), "arrow keys follow the visual order");
    }
  }

  private static void enter(Page page) {
    page.waitForNavigation(() -> page.keyboard().press("Enter"));
  }

  private static void tabTo(Page page, String selector) {
    for (int i = 0; i < 60; i++) {
      page.keyboard().press("Tab");
      if (Boolean.TRUE.equals(page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
          selector))) {
        return;
      }
    }
    throw new AssertionError("Tab never reached " + selector + " on " + page.url());
  }

  private static void assertVisibleFocus(Page page) {
    Object visible = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
        + " const r = document.activeElement.matches('input[type=radio]')"
        + "   ? getComputedStyle(document.activeElement.nextElementSibling, '::before') : s;"
        + " return s.outlineStyle !== 'none' || r.boxShadow !== 'none' || s.boxShadow !== 'none'; }");
    assertEquals(Boolean.TRUE, visible, "focus is visible on " + page.evaluate("document.activeElement.id"));
  }

  private static void assertAccessible(Page page, String what) {
    List<Rule> v = Browser.seriousViolations(page);
    assertTrue(v.isEmpty(), what + ":\n" + Browser.describe(v));
  }

  private static void assertNoSidewaysScroll(Page page, String what) {
    Object fits = page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1");
    assertEquals(Boolean.TRUE, fits, what + " scrolls sideways at 320px");
  }
}
