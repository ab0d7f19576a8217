package uk.isafe.practice.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.TestServer;

/** The administrators' pages (home, registration result, launch re-post) pass axe and fit the LMS frame. */
class AdminPagesBrowserTest {

  @Test
  void home_registration_and_repost_pages_are_accessible_at_900_and_320_px() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start();
        Browser browser = Browser.launch()) {
      String registered = "/lti/register?openid_configuration=" + URLEncoder.encode(
          lms.advantage().openIdConfigurationUrl(), StandardCharsets.UTF_8) + "&registration_token="
          + lms.advantage().registrationToken();
      Page page = browser.newPage();
      page.setViewportSize(900, 700);
      for (String path : List.of("/", registered)) {
        page.navigate(server.url(path));
        List<Rule> violations = Browser.seriousViolations(page);
        assertTrue(violations.isEmpty(), path + ":\n" + Browser.describe(violations));
        assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= 900"), path);
      }
      assertTrue(page.content().contains("Activate"));
      Page narrow = browser.narrowPage();
      narrow.setViewportSize(320, 640);
      narrow.navigate(server.url("/"));
      assertTrue((Boolean) narrow.evaluate("document.documentElement.scrollWidth <= 320"), "reflows at 320 px");
    }
  }
}
