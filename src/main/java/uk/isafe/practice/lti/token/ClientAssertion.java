package uk.isafe.practice.lti.token;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.lti.keys.ToolSigner;

/**
 * The signed JWT a tool presents to a platform's token endpoint (1EdTech Security Framework 1.0, §4.1: client
 * credentials with a JWT assertion, RFC 7523): {@code iss} = {@code sub} = the client id, {@code aud} the token URL
 * (or the registration's token audience) as a single string, a fresh {@code jti}, {@code iat} back-dated for clock
 * skew, a short {@code exp}, and the key id in the header ({@link ToolSigner}). Never logged. Signing is CPU work:
 * callers on an event loop sign in executeBlocking.
 */
public final class ClientAssertion {
  /** How far {@code iat} is back-dated: platforms whose clock runs a little behind still accept it. */
  static final Duration BACKDATE = Duration.ofSeconds(5);
  /** Lifetime of an assertion: used once, immediately. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private ClientAssertion() {
  }

  public static String sign(SigningKey key, String clientId, String audience, Instant now) {
    return ToolSigner.sign(key, new JsonObject()
        .put("iss", clientId)
        .put("sub", clientId)
        .put("aud", audience)
        .put("jti", UUID.randomUUID().toString())
        .put("iat", now.minus(BACKDATE).getEpochSecond())
        .put("exp", now.plus(LIFETIME).getEpochSecond()));
  }
}
