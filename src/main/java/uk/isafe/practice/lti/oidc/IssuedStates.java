package uk.isafe.practice.lti.oidc;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login states this instance has just issued, so the cookie check that follows ({@code /lti/login/check}) does
 * not read back what was just written. Each entry answers one check only (taken once), never after the state's
 * expiry; any later or other check reads the database. The check only decides where to send the browser (to the
 * platform, or to the new-window page): the launch itself always checks the state in the database (live, unused,
 * spent once), so an entry never lets anything through that the launch would not check again. Bounded: past
 * {@link #MAX_ENTRIES}, everything is dropped (a miss only costs the read).
 */
final class IssuedStates {
  static final int MAX_ENTRIES = 20_000;

  private record Issued(String authRedirect, JsonObject loginParams, Instant expiresAt) {
  }

  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final Clock clock;

  IssuedStates(Clock clock) {
    this.clock = clock;
  }

  void issued(String state, String authRedirect, JsonObject loginParams, Instant expiresAt) {
    if (issued.size() >= MAX_ENTRIES) {
      issued.clear();
    }
    issued.put(state, new Issued(authRedirect, loginParams, expiresAt));
  }

  /** As {@code LoginStateRepository.pending}: the redirect and login parameters, once, while not expired. */
  Optional<JsonObject> take(String state) {
    Issued i = issued.remove(state);
    if (i == null || !clock.instant().isBefore(i.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(new JsonObject().put("auth_redirect", i.authRedirect()).put("login_params", i.loginParams()));
  }
}
