package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.Browser;

/**
 * The audit in real Chromium: the form is answered by keyboard and mouse as an auditor would, and the form, the team
 * leader's view and the senior leader's view pass axe-core with no serious violations, also in a narrow frame.
 */
class AuditBrowserTest {
  private static AuditWorld w;
  private static Browser browser;
  private static long assignment;

  @BeforeAll
  static void start() {
    w = new AuditWorld().organised();
    w.openRound("Browser round", "NE7001, cp, 5-9\nNE7002", "SE8001", 0);
    List<Long> mine = w.assignments(w.auditorA);
    for (int i = 1; i < mine.size(); i++) {
      w.auditAll(w.auditorA, mine.get(i), i % 2 == 0 ? "partner" : "father-elsewhere", i % 2 == 0 ? "yes" : "no");
    }
    assignment = mine.get(0);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    w.close();
  }

  private static void noSeriousViolations(Page page) {
    List<Rule> violations = Browser.seriousViolations(page);
    assertTrue(violations.isEmpty(), page.url() + ": " + Browser.describe(violations));
  }

  @Test
  void an_auditor_records_a_man_and_answers_by_keyboard_and_the_form_passes_axe() {
    Page page = browser.newPage();
    page.navigate(w.server.url(w.auditorA.url("/audit/case/" + assignment)));
    noSeriousViolations(page);
    page.locator("label:has-text('Birth father who lives elsewhere')").click();
    page.locator("button:has-text('Add this man')").click();
    page.waitForURL("**/man/1**");
    noSeriousViolations(page);
    page.locator("#answer-m-identified-yes").focus();
    page.keyboard().press("Space");
    page.locator("#answer-m-seen-na").check();
    page.locator("#na-m-seen").selectOption("contact-unsafe");
    page.locator("button:has-text('Save')").first().click();
    page.waitForURL("**notice=audit.form.savedMan**");
    assertTrue(page.locator(".govuk-notification-banner").innerText().contains("His answers are saved"));
    assertEquals(List.of(2L), w.longs("SELECT count(*) FROM audit_answer WHERE assignment_id = " + assignment));
    page.navigate(w.server.url(w.auditorA.url("/audit/case/" + assignment + "/child")));
    noSeriousViolations(page);
  }

  @Test
  void the_team_and_senior_views_pass_axe_and_fit_a_narrow_frame() {
    for (var s : List.of(new Object[] {w.northLeader, "/audit/team/" + w.north}, new Object[] {w.senior,
        "/audit/organisation"}, new Object[] {w.senior, "/audit/organisation/summary"})) {
      Page page = browser.narrowPage();
      page.navigate(w.server.url(((uk.isafe.practice.testsupport.TestSessions.Session) s[0]).url((String) s[1])));
      assertTrue(page.locator("svg, table").count() > 0, "charts or tables on " + s[1]);
      noSeriousViolations(page);
      Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement"
          + ".clientWidth");
      assertTrue(((Number) overflow).intValue() <= 1, s[1] + ": horizontal overflow " + overflow + "px");
    }
  }
}
