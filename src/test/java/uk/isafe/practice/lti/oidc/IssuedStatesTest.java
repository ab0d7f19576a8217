package uk.isafe.practice.lti.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssuedStatesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void an_issued_state_answers_one_check_only() {
    IssuedStates states = new IssuedStates(Clock.fixed(NOW, ZoneOffset.UTC));
    states.issued("s1", "https://lms/auth?state=s1", new JsonObject().put("iss", "https://lms"), NOW.plusSeconds(600));
    Optional<JsonObject> first = states.take("s1");
    assertTrue(first.isPresent());
    assertEquals("https://lms/auth?state=s1", first.get().getString("auth_redirect"));
    assertEquals("https://lms", first.get().getJsonObject("login_params").getString("iss"));
    assertEquals(Optional.empty(), states.take("s1"), "a second check reads the database");
  }

  @Test
  void an_expired_state_is_never_answered_from_memory() {
    IssuedStates states = new IssuedStates(Clock.fixed(NOW, ZoneOffset.UTC));
    states.issued("s2", "https://lms/auth", new JsonObject(), NOW);
    assertEquals(Optional.empty(), states.take("s2"));
    assertEquals(Optional.empty(), states.take("never-issued"));
  }
}
