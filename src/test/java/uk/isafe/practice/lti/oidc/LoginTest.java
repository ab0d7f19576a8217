package uk.isafe.practice.lti.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentPolicy;
import uk.isafe.practice.lti.registration.RegistrationRepository;
import uk.isafe.practice.lti.registration.RegistrationSpec;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestHttp;

/** OIDC login initiation: required parameters, registration and deployment look-up, the redirect to the platform. */
class LoginTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture();
  static FakePlatform pendingLms;

  @BeforeAll
  static void start() {
    pendingLms = FakePlatform.start();
    pendingLms.register(fixture.server(), DeploymentPolicy.PENDING);
  }

  @AfterAll
  static void stop() {
    pendingLms.close();
  }

  static void assertRefused(FakePlatform.Launch l, String reason) {
    assertNull(l.sessionToken());
    assertEquals(reason, l.reason());
    assertEquals(400, l.status());
  }

  @Test
  void login_without_iss_is_rejected() {
    assertRefused(fixture.launch(LaunchSpec.learner().withoutLoginParam("iss")), "login-iss-missing");
  }

  @Test
  void login_without_login_hint_is_rejected() {
    assertRefused(fixture.launch(LaunchSpec.learner().withoutLoginParam("login_hint")), "login-hint-missing");
  }

  @Test
  void login_without_target_link_uri_is_rejected() {
    assertRefused(fixture.launch(LaunchSpec.learner().withoutLoginParam("target_link_uri")),
        "login-target-missing");
  }

  @Test
  void login_from_unknown_issuer_is_rejected_without_redirect() {
    FakePlatform.Launch l = fixture.launch(LaunchSpec.learner().loginParam("iss", "https://unknown.example"));
    assertRefused(l, "registration-unknown");
    assertNull(l.location());
  }

  @Test
  void login_with_unknown_client_id_is_rejected() {
    assertRefused(fixture.launch(LaunchSpec.learner().loginParam("client_id", "nobody")), "registration-unknown");
  }

  @Test
  void login_without_client_id_finds_the_only_registration_of_the_issuer() {
    assertTrue(fixture.launch(LaunchSpec.learner().loginWithoutClientId()).launched());
  }

  @Test
  void login_without_client_id_is_ambiguous_when_the_issuer_has_two_registrations() throws Exception {
    try (FakePlatform shared = FakePlatform.start()) {
      shared.register(fixture.server());
      new RegistrationRepository().upsert(fixture.server().core().pool(), new RegistrationSpec("shared-second",
          shared.issuer(), "second-client", shared.authUrl(), shared.tokenUrl(), shared.jwksUrl(), List.of("1"),
          Optional.empty(), DeploymentPolicy.REJECT, "cli")).await(10, TimeUnit.SECONDS);
      assertRefused(shared.launch(fixture.server(), LaunchSpec.learner().loginWithoutClientId()),
          "registration-ambiguous");
      assertTrue(shared.launch(fixture.server(), LaunchSpec.learner()).launched(), "with client_id it is found");
    }
  }

  @Test
  void login_with_unknown_deployment_is_rejected() {
    assertRefused(fixture.launch(LaunchSpec.learner().deployment("77")), "deployment-unknown");
  }

  @Test
  void unknown_deployment_is_recorded_as_pending_by_policy_and_works_once_approved() throws Exception {
    assertRefused(pendingLms.launch(fixture.server(), LaunchSpec.learner().deployment("42")), "deployment-pending");
    assertRefused(pendingLms.launch(fixture.server(), LaunchSpec.learner().deployment("42")), "deployment-pending");
    boolean approved = new RegistrationRepository().approveDeployment(fixture.server().core().pool(),
        pendingLms.registrationName(), "42").await(10, TimeUnit.SECONDS);
    assertTrue(approved);
    assertTrue(pendingLms.launch(fixture.server(), LaunchSpec.learner().deployment("42")).launched());
  }

  @Test
  void login_with_foreign_target_link_uri_is_rejected() {
    assertRefused(fixture.launch(LaunchSpec.learner().targetLink("https://phish.example/lti/launch")),
        "target-link-uri-foreign");
  }

  @Test
  void login_redirects_to_platform_with_every_oidc_parameter_and_the_hint_verbatim() {
    String hint = "{\"cmid\":2,\"launchid\":\"ltilaunch1_+/ =&é\"}";
    assertTrue(fixture.launch(LaunchSpec.learner().messageHint(hint)).launched());
    Map<String, String> q = query(fixture.lms().lastAuthQuery());
    assertEquals("openid", q.get("scope"));
    assertEquals("id_token", q.get("response_type"));
    assertEquals("form_post", q.get("response_mode"));
    assertEquals("none", q.get("prompt"));
    assertEquals(fixture.lms().clientId(), q.get("client_id"));
    assertEquals(fixture.server().url("/lti/launch"), q.get("redirect_uri"));
    assertEquals(hint, q.get("lti_message_hint"));
    assertTrue(q.get("state").length() >= 43 && q.get("nonce").length() >= 43);
    assertTrue(!q.get("state").equals(q.get("nonce")));
  }

  @Test
  void login_by_get_works_and_binds_the_state_with_a_cookie() {
    TestHttp http = fixture.server().http();
    Map<String, String> form = fixture.lms().loginForm(fixture.server(), LaunchSpec.learner(), "get-hint");
    HttpResponse<String> r = http.get("/lti/login?" + TestHttp.encode(form));
    assertEquals(302, r.statusCode());
    String setCookie = r.headers().firstValue("Set-Cookie").orElse("");
    assertTrue(setCookie.startsWith("isafe_lti_state="), setCookie);
    assertTrue(setCookie.contains("HttpOnly"));
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("/lti/login/check?state="));
    HttpResponse<String> check = http.get(location, "Cookie", "isafe_lti_state=" + uk.isafe.practice.testsupport.HtmlForms.cookie(r,
        "isafe_lti_state"));
    assertEquals(302, check.statusCode());
    assertTrue(check.headers().firstValue("Location").orElseThrow().startsWith(fixture.lms().authUrl() + "?"));
  }

  @Test
  void blocked_cookie_offers_to_open_the_login_in_a_new_window() {
    FakePlatform.Launch l = fixture.launch(LaunchSpec.learner().cookiesBlocked().messageHint("{\"x\":1}"));
    assertEquals(200, l.status());
    assertNull(l.sessionToken());
    String body = l.response().body();
    assertTrue(body.contains("target=\"_blank\""), body);
    assertTrue(body.contains("action=\"/lti/login\""));
    Map<String, String> fields = uk.isafe.practice.testsupport.HtmlForms.hiddenInputs(body);
    assertEquals("{\"x\":1}", fields.get("lti_message_hint"));
    assertEquals(fixture.lms().issuer(), fields.get("iss"));
  }

  @Test
  void cookie_check_with_unknown_state_is_rejected() {
    HttpResponse<String> r = fixture.server().http().get("/lti/login/check?state=nope", "Accept", "text/html");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("(state-unknown)"));
  }

  @Test
  void secure_partitioned_cookie_behind_an_https_proxy() {
    Map<String, String> form = fixture.lms().loginForm(fixture.server(), LaunchSpec.learner(), "proxy-hint");
    HttpResponse<String> r = fixture.server().http().get("/lti/login?" + TestHttp.encode(form),
        "X-Forwarded-Proto", "https");
    String setCookie = r.headers().firstValue("Set-Cookie").orElse("");
    assertTrue(setCookie.contains("Secure") && setCookie.contains("SameSite=None")
        && setCookie.contains("Partitioned"), setCookie);
  }

  static Map<String, String> query(String q) {
    Map<String, String> m = new HashMap<>();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

}
