package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.HtmlForms;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/**
 * The platform's cross-site form post arrives without the SameSite=Lax state cookie (plain HTTP, tool and LMS on
 * different hosts, the LMS's "new window"): the tool re-posts the launch from its own origin, where the cookie comes.
 */
class NewWindowFallbackTest {
  private static FakePlatform lms;
  private static TestServer server;

  @BeforeAll
  static void start() {
    lms = FakePlatform.start();
    server = TestServer.start();
    lms.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  /** The platform's post as the browser makes it cross-site: no cookie. Answers the re-post page. */
  private static HttpResponse<String> crossSitePost(FakePlatform.Prepared p) {
    return server.http().postForm(p.action(), p.form());
  }

  @Test
  void a_launch_whose_cookie_did_not_arrive_completes_through_the_same_site_re_post() {
    FakePlatform.Prepared p = lms.prepare(server, LaunchSpec.learner().custom("activity", "scenario:dad-abroad"));
    HttpResponse<String> page = crossSitePost(p);
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("data-autopost") && page.body().contains("/assets/lti-autopost.js"));
    assertEquals("/lti/launch", HtmlForms.attr(page.body(), "action"));
    Map<String, String> again = HtmlForms.hiddenInputs(page.body());
    assertEquals(p.form().get("id_token"), again.get("id_token"));
    assertEquals(p.form().get("state"), again.get("state"));
    assertEquals("1", again.get("isafe_repost"));

    // the same-site re-post carries the cookie: launched
    FakePlatform.Prepared reposted = new FakePlatform.Prepared(again, server.url("/lti/launch"), p.stateCookie(),
        null);
    FakePlatform.Launch l = lms.post(server, reposted);
    assertTrue(l.launched(), "status=" + l.status() + " reason=" + l.reason());

    // a replayed re-post is refused: the state was spent by the launch
    FakePlatform.Launch replay = lms.post(server, reposted);
    assertFalse(replay.launched());
    assertEquals("state-reused", replay.reason());
  }

  @Test
  void a_re_post_that_still_has_no_cookie_gets_one_clear_page_and_spends_the_state() {
    FakePlatform.Prepared p = lms.prepare(server, LaunchSpec.learner());
    Map<String, String> again = HtmlForms.hiddenInputs(crossSitePost(p).body());
    FakePlatform.Prepared noCookie = new FakePlatform.Prepared(again, server.url("/lti/launch"), null, null);
    FakePlatform.Launch blocked = lms.post(server, noCookie);
    assertEquals(400, blocked.status());
    assertEquals("state-cookie-blocked", blocked.reason());
    assertTrue(blocked.response().body().contains("HTTPS"), "the administrator is told what works");
    // no loop, no second chance for a captured form
    FakePlatform.Launch withCookieAfterwards = lms.post(server, noCookie.withCookie(p.stateCookie()));
    assertEquals("state-reused", withCookieAfterwards.reason());
  }

  @Test
  void a_captured_form_posted_from_another_browser_never_launches() {
    FakePlatform.Prepared victim = lms.prepare(server, LaunchSpec.learner());
    Map<String, String> again = HtmlForms.hiddenInputs(crossSitePost(victim).body());
    FakePlatform.Prepared other = lms.prepare(server, LaunchSpec.learner());
    FakePlatform.Launch l = lms.post(server, new FakePlatform.Prepared(again, server.url("/lti/launch"),
        other.stateCookie(), null));
    assertFalse(l.launched());
    assertEquals("state-mismatch", l.reason());
  }

  /**
   * In real Chromium, the case from the field: the LMS on another site (127.0.0.1) than the tool (localhost), over
   * HTTP, top level (Moodle's "new window"). The browser does not send the Lax cookie with the LMS's cross-site form
   * post; the re-post from the tool's own page does, and the learner lands on the activity.
   */
  @Test
  void in_a_real_browser_the_cross_site_launch_lands_on_the_activity() throws Exception {
    try (FakePlatform other = FakePlatform.start(); TestServer tool = TestServer.start();
        uk.isafe.practice.testsupport.Browser browser = uk.isafe.practice.testsupport.Browser.launch()) {
      other.register(tool);
      // the platform's pages (its authorisation endpoint) on another site: 127.0.0.1, not localhost
      String crossSiteAuth = other.authUrl().replace("localhost", "127.0.0.1");
      tool.core().pool().preparedQuery("UPDATE platform_registration SET auth_login_url = $1 WHERE client_id = $2")
          .execute(io.vertx.sqlclient.Tuple.of(crossSiteAuth, other.clientId())).await(10,
              java.util.concurrent.TimeUnit.SECONDS);
      com.microsoft.playwright.Page page = browser.newPage();
      page.navigate(other.browserLoginUrl(tool, LaunchSpec.learner().custom("activity", "scenario:dad-abroad")));
      assertTrue(page.url().startsWith("http://127.0.0.1:"), "at the platform's authorisation page: " + page.url());
      page.waitForNavigation(() -> page.evaluate("document.forms[0].submit()"));
      page.waitForURL(url -> url.contains("/scenario/"), new com.microsoft.playwright.Page.WaitForURLOptions()
          .setTimeout(15_000));
      assertTrue(page.url().contains("/scenario/dad-abroad"), page.url());
    }
  }
}
