package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.TestServer;

/** The gradebook in real Chromium: it works by keyboard-free clicks, fits a narrow iframe and passes axe-core. */
class GradebookBrowserTest {
  static TestServer server;
  static Browser browser;
  static GradebookFixtures.Course course;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    List<String> names = new ArrayList<>();
    for (String n : List.of("Amara Bello", "Bryn Davies", "Chloe Fox", "Dara Quinn", "Elin Hughes", "Femi Cole",
        "Gwen Price", "Huw Ellis", "Imran Ali", "Jodie Kerr", "Kai Young", "Lowri Not-Started")) {
      names.add(n);
    }
    course = GradebookFixtures.seed(server, "browser-1", names);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    server.close();
  }

  @Test
  void cohort_page_has_no_serious_accessibility_violations_and_sorts_by_clicking_a_header() {
    Page page = browser.newPage();
    page.navigate(server.url(course.trainer().url("/gradebook")));
    assertEquals("Course gradebook – ISAFE Practice", page.title());
    List<Rule> violations = Browser.seriousViolations(page);
    assertTrue(violations.isEmpty(), Browser.describe(violations));
    page.locator("th >> text=Change: confidence").click();
    assertEquals("ascending", page.locator("th[aria-sort]").getAttribute("aria-sort"));
    page.locator("th >> text=Change: confidence").click();
    assertEquals("descending", page.locator("th[aria-sort]").getAttribute("aria-sort"));
  }

  @Test
  void filtering_by_status_through_the_form_keeps_the_session() {
    Page page = browser.newPage();
    page.navigate(server.url(course.trainer().url("/gradebook")));
    page.selectOption("#gb-status", "not-started");
    page.locator("button:has-text('Apply')").click();
    page.waitForURL("**status=not-started**");
    assertEquals(1, page.locator("table.gb-table--cohort tbody tr").count());
    assertTrue(page.locator("table.gb-table--cohort").innerText().contains("Lowri Not-Started"));
  }

  @Test
  void in_a_narrow_iframe_the_cohort_table_does_not_scroll_sideways() {
    Page page = browser.narrowPage();
    page.navigate(server.url(course.trainer().url("/gradebook")));
    Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    Object wide = page.evaluate("() => Array.from(document.querySelectorAll('body *'))"
        + ".filter(e => !e.closest('.gb-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
        + ".join('; ')");
    assertTrue(((Number) overflow).intValue() <= 1, "horizontal overflow " + overflow + "px: " + wide);
    List<Rule> violations = Browser.seriousViolations(page);
    assertTrue(violations.isEmpty(), Browser.describe(violations));
  }

  @Test
  void learner_scenario_and_report_pages_have_no_serious_accessibility_violations() {
    Page page = browser.newPage();
    for (String path : List.of("/gradebook/learners/" + course.learnerId(0), "/gradebook/scenarios/tiny-call",
        "/gradebook/report", "/gradebook/attempts/" + course.attempts().get(0))) {
      page.navigate(server.url(course.trainer().url(path)));
      List<Rule> violations = Browser.seriousViolations(page);
      assertTrue(violations.isEmpty(), path + ":\n" + Browser.describe(violations));
    }
  }
}
