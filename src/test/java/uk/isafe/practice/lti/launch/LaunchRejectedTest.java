package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.LaunchFixture.assertRefused;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.FakePlatform.Signing;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;

/** Launch checks 1–17 of LTI.md: every refusal names its reason, and nothing of it reaches learner records. */
class LaunchRejectedTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture();

  static void refused(LaunchSpec spec, String reason) {
    assertRefused(fixture.launch(spec), 400, reason);
  }

  // 1. platform error post
  @Test
  void platform_error_post_is_shown_not_launched() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner());
    FakePlatform.Launch l = fixture.post(p.with("id_token", null).with("error", "login_required")
        .with("error_description", "User <b>not</b> logged in"));
    assertRefused(l, 400, "platform-error");
    assertTrue(l.response().body().contains("login_required"));
    assertTrue(l.response().body().contains("&lt;b&gt;not"), "platform text escaped");
  }

  // 2. state
  @Test
  void launch_without_state_is_rejected() {
    assertRefused(fixture.post(fixture.prepare(LaunchSpec.learner()).with("state", null)), 400,
        "state-missing");
  }

  @Test
  void launch_with_unknown_state_is_rejected() {
    assertRefused(fixture.post(fixture.prepare(LaunchSpec.learner()).with("state", "made-up")), 400,
        "state-unknown");
  }

  @Test
  void launch_with_reused_state_is_rejected() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner());
    assertTrue(fixture.post(p).launched());
    assertRefused(fixture.post(p), 400, "state-reused");
  }

  @Test
  void refused_launch_spends_its_state() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner().claim("nonce", "wrong"));
    assertRefused(fixture.post(p), 400, "nonce-mismatch");
    assertRefused(fixture.post(p), 400, "state-reused");
  }

  @Test
  void launch_with_another_logins_state_cookie_is_rejected() {
    FakePlatform.Prepared a = fixture.prepare(LaunchSpec.learner());
    FakePlatform.Prepared b = fixture.prepare(LaunchSpec.learner());
    assertRefused(fixture.post(a.withCookie(b.stateCookie())), 400, "state-mismatch");
  }

  @Test
  void launch_without_state_cookie_is_re_posted_from_the_tools_origin_not_launched() {
    FakePlatform.Launch l = fixture.post(fixture.prepare(LaunchSpec.learner()).withCookie(null));
    assertEquals(200, l.status());
    assertFalse(l.launched());
    assertTrue(l.response().body().contains("isafe_repost"));
  }

  // 3. token shape
  @Test
  void launch_without_id_token_is_rejected() {
    assertRefused(fixture.post(fixture.prepare(LaunchSpec.learner()).with("id_token", null)), 400,
        "token-missing");
  }

  @Test
  void token_with_two_parts_is_rejected() {
    refused(LaunchSpec.learner().tamper(t -> t.substring(0, t.lastIndexOf('.'))), "token-malformed");
  }

  @Test
  void token_that_does_not_decode_is_rejected() {
    refused(LaunchSpec.learner().tamper(t -> "!!!." + t.substring(t.indexOf('.') + 1)), "token-malformed");
  }

  // 4. algorithm
  @Test
  void alg_none_is_rejected() {
    refused(LaunchSpec.learner().signing(Signing.NONE), "alg-none");
  }

  @Test
  void hs256_signed_with_the_public_key_is_rejected() {
    refused(LaunchSpec.learner().signing(Signing.HS256), "alg-not-allowed");
  }

  @Test
  void alg_that_does_not_fit_the_key_is_rejected() {
    refused(LaunchSpec.learner().signing(Signing.RS384), "alg-mismatch");
  }

  // 5. kid
  @Test
  void token_without_kid_is_rejected() {
    refused(LaunchSpec.learner().withoutHeader("kid"), "kid-missing");
  }

  @Test
  void token_signed_with_a_key_not_in_the_key_set_is_rejected() {
    refused(LaunchSpec.learner().signing(Signing.OTHER_KEY), "kid-unknown");
  }

  // 6. signature
  @Test
  void token_with_broken_signature_is_rejected() {
    refused(LaunchSpec.learner().signing(Signing.BROKEN_SIGNATURE), "signature-invalid");
  }

  // 7. issuer
  @Test
  void token_from_another_issuer_is_rejected() {
    refused(LaunchSpec.learner().claim("iss", "https://evil.example"), "iss-mismatch");
  }

  // 8. audience
  @Test
  void token_for_another_client_is_rejected() {
    refused(LaunchSpec.learner().claim("aud", "someone-else"), "aud-mismatch");
  }

  @Test
  void audience_array_without_our_client_is_rejected() {
    refused(LaunchSpec.learner().claim("aud", new JsonArray().add("a").add("b")).claim("azp", "a"), "aud-mismatch");
  }

  @Test
  void several_audiences_without_azp_are_rejected() {
    refused(LaunchSpec.learner().claim("aud", new JsonArray().add(fixture.lms().clientId()).add("other")),
        "azp-missing");
  }

  @Test
  void several_audiences_with_foreign_azp_are_rejected() {
    refused(LaunchSpec.learner().claim("aud", new JsonArray().add(fixture.lms().clientId()).add("other"))
        .claim("azp", "other"),
        "azp-mismatch");
  }

  // 9. times
  @Test
  void token_without_exp_is_rejected() {
    refused(LaunchSpec.learner().without("exp"), "exp-missing");
  }

  @Test
  void token_without_iat_is_rejected() {
    refused(LaunchSpec.learner().without("iat"), "iat-missing");
  }

  @Test
  void expired_token_beyond_the_skew_is_rejected() {
    refused(LaunchSpec.learner().issuedAt(-200).lifetime(60), "token-expired");
  }

  @Test
  void token_issued_in_the_future_beyond_the_skew_is_rejected() {
    refused(LaunchSpec.learner().issuedAt(120), "iat-in-future");
  }

  @Test
  void token_older_than_the_maximum_age_is_rejected() {
    refused(LaunchSpec.learner().issuedAt(-400).lifetime(3600), "token-too-old");
  }

  @Test
  void token_not_yet_valid_is_rejected() {
    refused(LaunchSpec.learner().claim("nbf", System.currentTimeMillis() / 1000 + 600), "token-not-yet-valid");
  }

  // 10. nonce
  @Test
  void token_without_nonce_is_rejected() {
    refused(LaunchSpec.learner().without("nonce"), "nonce-missing");
  }

  @Test
  void token_with_another_nonce_is_rejected() {
    refused(LaunchSpec.learner().claim("nonce", "not-the-one"), "nonce-mismatch");
  }

  @Test
  void token_replayed_with_a_fresh_state_is_rejected() {
    FakePlatform.Prepared first = fixture.prepare(LaunchSpec.learner());
    assertTrue(fixture.post(first).launched());
    FakePlatform.Prepared second = fixture.prepare(LaunchSpec.learner());
    assertRefused(fixture.post(second.with("id_token", first.form().get("id_token"))), 400, "nonce-mismatch");
  }

  @Test
  void a_state_whose_nonce_another_instance_recorded_is_refused_as_used() throws Exception {
    // Single use is shared through the database: the nonce recorded by any instance spends the state everywhere.
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner());
    String nonce = payload(p.form().get("id_token")).getString("nonce");
    fixture.server().core().pool().preparedQuery("""
        INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at)
        SELECT id, $1, now() + interval '10 minutes' FROM platform_registration WHERE client_id = $2""")
        .execute(Tuple.of(nonce, fixture.lms().clientId())).await(10, TimeUnit.SECONDS);
    assertRefused(fixture.post(p), 400, "state-reused");
  }

  // 11. version and message type
  @Test
  void token_without_version_is_rejected() {
    refused(LaunchSpec.learner().without(Claims.VERSION), "version-missing");
  }

  @Test
  void lti_1_1_version_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.VERSION, "1.1"), "version-unsupported");
  }

  @Test
  void token_without_message_type_is_rejected() {
    refused(LaunchSpec.learner().without(Claims.MESSAGE_TYPE), "message-type-missing");
  }

  @Test
  void unsupported_message_type_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.MESSAGE_TYPE, "LtiSubmissionReviewRequest"), "message-type-unsupported");
  }

  // 12. deployment
  @Test
  void token_without_deployment_is_rejected() {
    refused(LaunchSpec.learner().without(Claims.DEPLOYMENT_ID), "deployment-missing");
  }

  @Test
  void token_deployment_differing_from_the_login_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.DEPLOYMENT_ID, "2"), "deployment-mismatch");
  }

  @Test
  void unknown_deployment_in_the_token_is_rejected() {
    refused(LaunchSpec.learner().withoutLoginParam("lti_deployment_id").claim(Claims.DEPLOYMENT_ID, "99"),
        "deployment-unknown");
  }

  // 13–17. claims one by one
  @Test
  void token_without_roles_is_rejected() {
    refused(LaunchSpec.learner().without(Claims.ROLES), "roles-missing");
  }

  @Test
  void roles_that_are_not_a_list_are_rejected() {
    refused(LaunchSpec.learner().claim(Claims.ROLES, "Learner"), "roles-invalid");
  }

  @Test
  void token_without_resource_link_is_rejected() {
    refused(LaunchSpec.learner().without(Claims.RESOURCE_LINK), "resource-link-missing");
  }

  @Test
  void resource_link_without_id_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.RESOURCE_LINK, new JsonObject().put("title", "x")),
        "resource-link-missing");
  }

  @Test
  void token_without_target_link_uri_is_rejected() {
    refused(LaunchSpec.learner().without(Claims.TARGET_LINK_URI), "target-link-uri-missing");
  }

  @Test
  void token_with_foreign_target_link_uri_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.TARGET_LINK_URI, "https://elsewhere.example/lti"),
        "target-link-uri-foreign");
  }

  @Test
  void empty_sub_is_rejected() {
    refused(LaunchSpec.learner().sub(""), "sub-empty");
  }

  @Test
  void context_that_is_not_an_object_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.CONTEXT, "course-1"), "claim-invalid");
  }

  @Test
  void deep_linking_request_without_settings_is_rejected() {
    refused(LaunchSpec.learner().claim(Claims.MESSAGE_TYPE, Claims.DEEP_LINKING_REQUEST), "deep-linking-settings-missing");
  }

  @Test
  void valid_deep_linking_request_opens_the_catalogue_and_its_state_is_spent() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.trainer()
        .claim(Claims.MESSAGE_TYPE, Claims.DEEP_LINKING_REQUEST).without(Claims.RESOURCE_LINK)
        .claim(Claims.DL_SETTINGS, new JsonObject().put("deep_link_return_url", fixture.lms().issuer() + "/dl")
            .put("accept_types", new JsonArray().add("ltiResourceLink"))));
    FakePlatform.Launch l = fixture.post(p);
    assertEquals(303, l.status());
    assertTrue(l.location().startsWith("/lti/deep-linking/"), l.location());
    assertRefused(fixture.post(p), 400, "state-reused");
  }

  @Test
  void deep_linking_request_without_resource_link_type_is_rejected() {
    refused(LaunchSpec.trainer().claim(Claims.MESSAGE_TYPE, Claims.DEEP_LINKING_REQUEST)
        .claim(Claims.DL_SETTINGS, new JsonObject().put("deep_link_return_url", fixture.lms().issuer() + "/dl")
            .put("accept_types", new JsonArray().add("file"))), "deep-linking-type-unsupported");
  }

  @Test
  void rejected_launch_leaves_no_learner_records() throws Exception {
    refused(LaunchSpec.learner().sub("never-stored").context("never-course", "x").claim("nonce", "wrong"),
        "nonce-mismatch");
    var rows = fixture.server().core().pool().preparedQuery("""
        SELECT (SELECT count(*) FROM person WHERE subject = 'never-stored')
             + (SELECT count(*) FROM course WHERE context_id = 'never-course')""")
        .execute().await(10, TimeUnit.SECONDS);
    assertEquals(0L, rows.iterator().next().getLong(0));
  }

  @Test
  void jwks_is_not_fetched_again_for_a_known_key() {
    assertTrue(fixture.launch(LaunchSpec.learner()).launched());
    long before = fixture.lms().jwksFetches();
    assertTrue(fixture.launch(LaunchSpec.learner()).launched());
    assertEquals(before, fixture.lms().jwksFetches());
    assertFalse(before == 0);
  }

  static JsonObject payload(String token) {
    String part = token.split("\\.")[1];
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(part),
        java.nio.charset.StandardCharsets.UTF_8));
  }
}
