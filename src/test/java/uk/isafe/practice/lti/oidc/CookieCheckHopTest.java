package uk.isafe.practice.lti.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/**
 * The tool's own cookie-check hop is taken only until the browser has shown that it sends the tool's cookies in the
 * LMS's context: a login with the session cookie (over HTTPS) goes straight to the platform, one request fewer.
 */
class CookieCheckHopTest {

  private static HttpResponse<String> login(TestServer server, FakePlatform lms, String... headers) {
    Map<String, String> form = new java.util.LinkedHashMap<>(lms.loginForm(server, LaunchSpec.learner(), "hint-hop"));
    String publicUrl = server.core().config().publicUrl().toString().replaceAll("/+$", "");
    form.put("target_link_uri", form.get("target_link_uri").replaceFirst("^http://localhost:\\d+", publicUrl));
    return server.http().postForm("/lti/login", form, headers);
  }

  private static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  @Test
  void over_https_a_browser_that_sent_the_session_cookie_skips_the_check() {
    try (FakePlatform lms = FakePlatform.start();
        TestServer server = TestServer.start(Map.of("PUBLIC_URL", "https://practice.council.example"))) {
      lms.register(server);
      HttpResponse<String> first = login(server, lms, "Accept", "text/html");
      assertEquals(302, first.statusCode());
      assertTrue(location(first).startsWith("/lti/login/check?state="), "first login checks the cookie");
      HttpResponse<String> again = login(server, lms, "Accept", "text/html", "Cookie", "isafe_sid=anything");
      assertEquals(302, again.statusCode());
      assertTrue(location(again).startsWith(lms.authUrl()), "straight to the platform: " + location(again));
      assertTrue(again.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("isafe_lti_state=")
          && c.contains("SameSite=None")), "the state is still bound to the browser");
    }
  }

  @Test
  void over_http_the_check_stays_because_lax_cookies_do_not_travel_on_the_launch_post() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      lms.register(server);
      HttpResponse<String> r = login(server, lms, "Accept", "text/html", "Cookie", "isafe_sid=anything");
      assertTrue(location(r).startsWith("/lti/login/check?state="), location(r));
    }
  }
}
