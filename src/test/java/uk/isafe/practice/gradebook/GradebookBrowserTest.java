package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The gradebook in real Chromium, with every shipped scenario and all five questionnaire scales in the course: it
 * fits every width from a phone to a wide screen without sideways scrolling, keeps its headings in order and its top
 * bar in a landmark, passes axe-core, sorts by clicking, and its report prints on one A4 page with both charts.
 */
class GradebookBrowserTest {
  static final int[] WIDTHS = {320, 375, 900, 1280, 1440};
  static TestServer server;
  static Browser browser;
  static GradebookFixtures.Course course;
  static TestSessions.Session admin;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    List<String> names = new ArrayList<>();
    for (String n : List.of("Amara Bello", "Bryn Davies", "Chloe Fox", "Dara Quinn", "Elin Hughes", "Femi Cole",
        "Gwen Price", "Huw Ellis", "Imran Ali", "Jodie Kerr", "Kai Young", "Lowri Not-Started")) {
      names.add(n);
    }
    course = GradebookFixtures.seedEveryScenario(server, "browser-1", names);
    GradebookFixtures.seed(server, "browser-2", List.of("Mali Jones", "Nia Rees", "Owen Hart"));
    admin = TestSessions.on(server).course("browser-1").person("browser-admin", "Ada Admin").role(Role.ADMINISTRATOR)
        .create();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    server.close();
  }

  private static Page at(int width) {
    return browser.pageOfSize(width, 900);
  }

  @Test
  void cohort_page_has_no_serious_accessibility_violations_and_sorts_by_clicking_a_header() {
    Page page = browser.newPage();
    page.navigate(server.url(course.trainer().url("/gradebook")));
    assertEquals("Course gradebook – ISAFE Practice", page.title());
    List<Rule> violations = Browser.seriousViolations(page);
    assertTrue(violations.isEmpty(), Browser.describe(violations));
    page.locator("th >> text=Change: Your confidence").click();
    assertEquals("ascending", page.locator("th[aria-sort]").getAttribute("aria-sort"));
    page.locator("th >> text=Change: Your confidence").click();
    assertEquals("descending", page.locator("th[aria-sort]").getAttribute("aria-sort"));
  }

  @Test
  void the_statistics_are_one_click_down() {
    Page page = browser.newPage();
    page.navigate(server.url(course.trainer().url("/gradebook")));
    assertTrue(page.locator("text=large when everyone moved by a similar amount").first().isHidden());
    page.locator("summary:has-text('The statistics behind these sentences')").click();
    assertTrue(page.locator("text=large when everyone moved by a similar amount").first().isVisible());
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

  static final String OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";
  static final String WIDE = "() => Array.from(document.querySelectorAll('body *'))"
      + ".filter(e => !(e.closest('thead') && e.closest('thead').getBoundingClientRect().width <= 1))"
      + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1"
      + " || (e.matches('td, th') && e.scrollWidth > e.clientWidth + 1))"
      + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
      + ".join('; ')";
  static final String HEADINGS = "() => { let last = 0; const bad = [];"
      + " for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {"
      + "  const n = Number(h.tagName[1]); if (n > last + 1) bad.push(h.tagName + ' after h' + last + ': '"
      + " + h.textContent.trim()); last = n; } return bad.join('; '); }";

  @Test
  void no_page_scrolls_sideways_from_320_to_1440_pixels_with_every_scenario_in_the_course() {
    List<String> paths = List.of("/gradebook", "/gradebook/report", "/gradebook/learners/" + course.learnerId(0),
        "/gradebook/scenarios/tiny-call", "/gradebook/attempts/" + course.attempts().get(0));
    for (int width : WIDTHS) {
      Page page = at(width);
      for (String path : paths) {
        page.navigate(server.url(course.trainer().url(path)));
        check(page, width, path);
      }
      page.navigate(server.url(admin.url("/learning-team")));
      check(page, width, "/learning-team");
      if (width == 900 || width == 320) {
        page.navigate(server.url(course.trainer().url("/gradebook")));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "gradebook-cohort-" + width + ".png"))
            .setFullPage(true));
      }
      page.context().close();
    }
  }

  private static void check(Page page, int width, String path) {
    Object overflow = page.evaluate(OVERFLOW);
    assertTrue(((Number) overflow).intValue() <= 0, width + " px " + path + ": overflow " + overflow + " px: "
        + page.evaluate(WIDE));
    assertEquals("", page.evaluate(WIDE), width + " px " + path + ": content wider than its box");
    assertEquals("", page.evaluate(HEADINGS), path + ": heading levels skip");
    assertEquals(Boolean.TRUE, page.evaluate("() => !!document.querySelector('.isafe-bar')"
        + ".closest('header, [role=banner], nav, main, footer, aside')"), "top bar inside a landmark");
  }

  @Test
  void the_cohort_table_has_one_line_per_learner_at_a_wide_frame() {
    Page page = at(1280);
    page.navigate(server.url(course.trainer().url("/gradebook")));
    Object heights = page.evaluate("() => Array.from(document.querySelectorAll('table.gb-table--cohort tbody tr'))"
        + ".map(r => r.getBoundingClientRect().height)");
    for (Object h : (List<?>) heights) {
      assertTrue(((Number) h).doubleValue() < 50, "a learner’s row is one line, not a card: " + heights);
    }
  }

  @Test
  void learner_scenario_report_and_team_pages_have_no_serious_accessibility_violations() {
    Page page = browser.newPage();
    for (String path : List.of("/gradebook/learners/" + course.learnerId(0), "/gradebook/scenarios/tiny-call",
        "/gradebook/report", "/gradebook/attempts/" + course.attempts().get(0))) {
      page.navigate(server.url(course.trainer().url(path)));
      List<Rule> violations = Browser.seriousViolations(page);
      assertTrue(violations.isEmpty(), path + ":\n" + Browser.describe(violations));
    }
    page.navigate(server.url(admin.url("/learning-team")));
    List<Rule> violations = Browser.seriousViolations(page);
    assertTrue(violations.isEmpty(), "/learning-team:\n" + Browser.describe(violations));
  }

  @Test
  void the_report_prints_on_one_a4_page_with_its_headline_figures_and_both_charts() throws Exception {
    Page page = browser.newPage();
    page.navigate(server.url(course.trainer().url("/gradebook/report")));
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertEquals(2, ((Number) page.evaluate("() => Array.from(document.querySelectorAll('svg.gb-svg'))"
        + ".filter(s => s.getBoundingClientRect().height > 50).length")).intValue(), "both charts printed");
    assertTrue(page.locator("text=rose for 10 of 10 learners").first().isVisible(), "headline figures printed");
    byte[] pdf = page.pdf(new Page.PdfOptions().setFormat("A4").setPrintBackground(true)
        .setPreferCSSPageSize(true));
    Files.write(Path.of("target", "gradebook-report.pdf"), pdf);
    page.setViewportSize(794, 1123);
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "gradebook-report-print.png"))
        .setFullPage(true));
    assertEquals(1, pages(pdf), "one A4 page (target/gradebook-report.pdf)");
  }

  /** Page objects in a PDF as Chromium writes it (uncompressed object dictionaries). */
  static int pages(byte[] pdf) {
    Matcher m = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
