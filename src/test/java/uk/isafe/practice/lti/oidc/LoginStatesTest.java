package uk.isafe.practice.lti.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.store.Database;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.TestDatabase;

/** Login states signed instead of stored: what a forger, a replay and a slow login run into. */
class LoginStatesTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final String SECRET = "k7Qd1n2c0gZr8wq3VYb6mXJtP4sLhA9eFuKoN5iTzRE";
  private static final JsonObject PARAMS = new JsonObject().put("iss", "https://moodle.example.org")
      .put("login_hint", "42").put("client_id", "abc").put("lti_deployment_id", "1")
      .put("target_link_uri", "https://tool.example.org/activity");

  private static LoginStates at(Instant now) {
    return new LoginStates(Clock.fixed(now, ZoneOffset.UTC), SECRET);
  }

  @Test
  void a_state_opens_to_what_the_login_found() {
    LoginStates.Issued issued = at(NOW).issue(7, Optional.of("1"), false, PARAMS);
    LoginStates.Signed s = at(NOW.plusSeconds(60)).open(issued.state());
    assertEquals(issued.nonce(), s.nonce());
    assertEquals(7, s.registrationId());
    assertEquals(Optional.of("1"), s.deploymentId());
    assertEquals(LoginState.COOKIE_BINDING, s.binding());
    assertEquals(PARAMS, s.loginParams());
    assertEquals(NOW.plus(LoginStates.TTL), s.expiresAt());
    assertEquals(Optional.empty(), issued.storageSecret());
    assertFalse(s.storageSecretIs("anything"), "a cookie-bound state accepts no storage secret");
  }

  @Test
  void every_state_and_nonce_is_new() {
    LoginStates states = at(NOW);
    LoginStates.Issued a = states.issue(7, Optional.empty(), false, PARAMS);
    LoginStates.Issued b = states.issue(7, Optional.empty(), false, PARAMS);
    assertFalse(a.state().equals(b.state()));
    assertFalse(a.nonce().equals(b.nonce()));
    assertTrue(a.nonce().length() >= 43, "256 bits");
  }

  @Test
  void a_state_past_its_ten_minutes_is_refused_as_expired() {
    String state = at(NOW).issue(7, Optional.empty(), false, PARAMS).state();
    at(NOW.plus(LoginStates.TTL).minusSeconds(1)).open(state);
    assertEquals("state-expired", refusal(at(NOW.plus(LoginStates.TTL)), state));
  }

  @Test
  void a_changed_state_is_refused_as_unknown() {
    String state = at(NOW).issue(7, Optional.empty(), false, PARAMS).state();
    String[] parts = state.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    // another registration, the same signature
    String changed = parts[0] + "." + b64(claims.copy().put("r", 8).encode()) + "." + parts[2];
    assertEquals("state-unknown", refusal(at(NOW), changed));
    // unsigned, as "alg": "none" allows
    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    assertEquals("state-unknown", refusal(at(NOW), unsigned));
    // signed with another secret (another installation, or a guess)
    String foreign = new LoginStates(Clock.fixed(NOW, ZoneOffset.UTC), SECRET.replace('k', 'j'))
        .issue(7, Optional.empty(), false, PARAMS).state();
    assertEquals("state-unknown", refusal(at(NOW), foreign));
    for (String junk : new String[] {"made-up", "a.b.c", "", "x".repeat(LoginStates.MAX_LENGTH + 1)}) {
      assertEquals("state-unknown", refusal(at(NOW), junk), junk);
    }
    at(NOW).open(state);
  }

  @Test
  void platform_storage_proves_the_browser_by_a_secret_the_state_does_not_carry() {
    LoginStates.Issued issued = at(NOW).issue(7, Optional.empty(), true, PARAMS);
    String secret = issued.storageSecret().orElseThrow();
    LoginStates.Signed s = at(NOW).open(issued.state());
    assertEquals(LoginState.STORAGE_BINDING, s.binding());
    assertTrue(s.storageSecretIs(secret));
    assertFalse(s.storageSecretIs(secret.substring(1)));
    assertFalse(s.storageSecretIs(issued.nonce()));
    assertFalse(s.storageSecretIs(null));
    String payload = new String(Base64.getUrlDecoder().decode(issued.state().split("\\.")[1]), StandardCharsets.UTF_8);
    assertFalse(payload.contains(secret), "the state is readable: it must not hold the secret");
  }

  @Test
  void a_nonce_is_kept_until_its_state_has_expired_or_for_a_tokens_lifetime_whichever_is_later() {
    LoginStates states = at(NOW);
    LoginStates.Signed s = states.open(states.issue(7, Optional.empty(), false, PARAMS).state());
    assertEquals(LoginStates.TTL, states.keepNonce(s, Duration.ofMinutes(5)));
    assertEquals(Duration.ofMinutes(15), states.keepNonce(s, Duration.ofMinutes(15)));
  }

  @Test
  void every_instance_signs_with_the_one_shared_secret_and_spends_a_state_once() throws Exception {
    DbSettings db = TestDatabase.fresh();
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.pool(vertx, db, 2);
      LoginStates one = new LoginStates(Clock.fixed(NOW, ZoneOffset.UTC));
      LoginStates two = new LoginStates(Clock.fixed(NOW, ZoneOffset.UTC));
      one.start(pool).await(10, TimeUnit.SECONDS);
      two.start(pool).await(10, TimeUnit.SECONDS);
      LoginStates.Issued issued = one.issue(1, Optional.empty(), false, PARAMS);
      assertEquals(issued.nonce(), two.open(issued.state()).nonce(), "another instance opens it");
      TestDatabase.execute(db, """
          INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url)
          VALUES ('p', 'https://moodle.example.org', 'abc', 'https://m/a', 'https://m/t', 'https://m/k')""");
      long reg = pool.query("SELECT id FROM platform_registration").execute().await(10, TimeUnit.SECONDS)
          .iterator().next().getLong(0);
      assertTrue(one.spend(pool, reg, issued.nonce(), Duration.ofMinutes(10)).await(10, TimeUnit.SECONDS));
      assertFalse(two.spend(pool, reg, issued.nonce(), Duration.ofMinutes(10)).await(10, TimeUnit.SECONDS),
          "spent once, for every instance");
      pool.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String refusal(LoginStates states, String state) {
    return assertThrows(LtiRejection.class, () -> states.open(state)).code();
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
