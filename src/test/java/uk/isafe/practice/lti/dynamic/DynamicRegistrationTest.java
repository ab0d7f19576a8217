package uk.isafe.practice.lti.dynamic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.testsupport.FakeAdvantage;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** Install by pasting one URL: the registration is stored, usable at once, and refused when the issuer is wrong. */
class DynamicRegistrationTest {

  private static HttpResponse<String> register(TestServer server, String configUrl, String token) {
    return server.http().get("/lti/register?openid_configuration=" + URLEncoder.encode(configUrl,
        StandardCharsets.UTF_8) + "&registration_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static long count(TestServer server, String sql) {
    try {
      return server.core().pool().query(sql).execute().map(r -> r.iterator().next().getLong(0))
          .await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void registration_is_stored_usable_for_a_launch_at_once_and_updated_not_duplicated() throws Exception {
    var db = TestDatabase.fresh();
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start(db, Map.of());
        TestServer other = TestServer.start(db, Map.of())) {
      FakeAdvantage moodle = lms.advantage();
      HttpResponse<String> page = register(server, moodle.openIdConfigurationUrl(), moodle.registrationToken());
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.body().contains("pending") && page.body().contains("Manage tools")
          && page.body().contains("Activate"), "tells the administrator to activate the pending tool");
      assertTrue(page.body().contains("data-lti-close") && page.body().contains("/assets/lti-close.js"));
      assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("")
          .contains("frame-ancestors 'self' " + lms.issuer()), "the platform's dialog may frame this page");
      assertEquals(1, moodle.registrations().size());
      JsonObject sent = moodle.registrations().get(0).request();
      assertEquals(server.url("/lti/login"), sent.getString("initiate_login_uri"));
      assertEquals(new JsonArray().add(server.url("/lti/launch")), sent.getJsonArray("redirect_uris"));
      assertEquals(server.url("/.well-known/jwks.json"), sent.getString("jwks_uri"));
      assertTrue(sent.getString("scope").contains(Claims.SCOPE_SCORE)
          && sent.getString("scope").contains(Claims.SCOPE_LINE_ITEM)
          && sent.getString("scope").contains(Claims.SCOPE_MEMBERSHIP));
      JsonObject tool = sent.getJsonObject(Claims.TOOL_CONFIGURATION);
      assertEquals("localhost:" + server.port(), tool.getString("domain"), "non-default port included");
      assertEquals(server.url("/lti/launch"), tool.getString("target_link_uri"));
      assertEquals(Claims.DEEP_LINKING_REQUEST, tool.getJsonArray("messages").getJsonObject(0).getString("type"));
      assertTrue(tool.getJsonArray("claims").contains("sub"));
      // usable at once, on this instance and the other, and framed on both
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      assertTrue(lms.launch(other, LaunchSpec.learner().sub("user-2")).launched());
      assertTrue(server.http().get("/healthz").headers().firstValue("Content-Security-Policy").orElse("")
          .contains("frame-ancestors 'self' " + lms.issuer()));
      // again, with a new token: the same registration, updated
      HttpResponse<String> again = register(other, moodle.openIdConfigurationUrl(), moodle.registrationToken());
      assertEquals(200, again.statusCode(), again.body());
      assertTrue(again.body().contains("registration updated"), again.body());
      assertEquals(1, count(server, "SELECT count(*) FROM platform_registration"));
      assertEquals("dynamic", server.core().pool().query("SELECT source FROM platform_registration").execute()
          .map(r -> r.iterator().next().getString(0)).await(10, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void with_a_list_of_allowed_platforms_nothing_is_fetched_from_any_other() {
    try (FakePlatform lms = FakePlatform.start();
        TestServer server = TestServer.start(Map.of("DYNAMIC_REGISTRATION_ORIGINS", "https://moodle.council.example"))) {
      FakeAdvantage moodle = lms.advantage();
      HttpResponse<String> refused = register(server, moodle.openIdConfigurationUrl(), moodle.registrationToken());
      assertEquals(400, refused.statusCode());
      assertTrue(refused.body().contains("registration-origin-not-allowed"), refused.body());
      assertTrue(refused.body().contains("and " + PlatformOriginsOf.origin(moodle.openIdConfigurationUrl())
          + " is not one of them"), "the administrators' hint names the platform: " + refused.body());
      assertEquals(0, moodle.registrations().size(), "nothing posted");
      HttpResponse<String> internal = register(server, "http://127.0.0.1:1/config", "t");
      assertEquals(400, internal.statusCode(), "an address not on the list is not even tried");
    }
    try (FakePlatform lms = FakePlatform.start()) {
      FakeAdvantage moodle = lms.advantage();
      String origin = PlatformOriginsOf.origin(moodle.openIdConfigurationUrl());
      try (TestServer server = TestServer.start(Map.of("DYNAMIC_REGISTRATION_ORIGINS", "https://other.example, "
          + origin))) {
        assertEquals(200, register(server, moodle.openIdConfigurationUrl(), moodle.registrationToken()).statusCode(),
            "a listed platform registers as before");
      }
    }
  }

  /** The origin of a URL, as the setting lists it. */
  private static final class PlatformOriginsOf {
    static String origin(String url) {
      java.net.URI u = java.net.URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
  }

  @Test
  void a_used_token_a_wrong_issuer_and_a_missing_configuration_are_refused() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      FakeAdvantage moodle = lms.advantage();
      String token = moodle.registrationToken();
      assertEquals(200, register(server, moodle.openIdConfigurationUrl(), token).statusCode());
      HttpResponse<String> reused = register(server, moodle.openIdConfigurationUrl(), token);
      assertEquals(502, reused.statusCode());
      assertTrue(reused.body().contains("registration-post-failed") && reused.body().contains("401"),
          reused.body());

      moodle.advertiseIssuer("http://elsewhere.example");
      HttpResponse<String> wrong = register(server, moodle.openIdConfigurationUrl(), moodle.registrationToken());
      assertEquals(400, wrong.statusCode());
      assertTrue(wrong.body().contains("registration-issuer-mismatch"), wrong.body());
      assertEquals(1, moodle.registrations().size(), "nothing posted to a platform whose issuer is wrong");
      assertEquals(0, count(server,
          "SELECT count(*) FROM platform_registration WHERE issuer = 'http://elsewhere.example'"));

      HttpResponse<String> none = server.http().get("/lti/register");
      assertEquals(400, none.statusCode());
      assertTrue(none.body().contains("registration-config-missing"));
      HttpResponse<String> unreachable = register(server, "http://127.0.0.1:1/config", "t");
      assertEquals(502, unreachable.statusCode());
      assertTrue(unreachable.body().contains("registration-config-unreachable"));
    }
  }

  @Test
  void the_domain_carries_a_port_only_when_it_is_not_the_default() {
    assertEquals("tool.example", ToolConfiguration.domain("https://tool.example/lti/launch"));
    assertEquals("tool.example", ToolConfiguration.domain("https://tool.example:443/lti/launch"));
    assertEquals("tool.example:8443", ToolConfiguration.domain("https://tool.example:8443/lti/launch"));
    assertEquals("localhost:8080", ToolConfiguration.domain("http://localhost:8080/lti/launch"));
  }
}
