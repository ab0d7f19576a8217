package uk.isafe.practice.lti.token;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;

/**
 * The signed JWT a tool presents to a platform's token endpoint (1EdTech Security Framework 1.0, §4.1: client
 * credentials with a JWT assertion, RFC 7523): {@code iss} = {@code sub} = the client id, {@code aud} the token URL
 * (or the registration's token audience) as a single string, a fresh {@code jti}, {@code iat} back-dated for clock
 * skew, a short {@code exp}, and the key id in the header. Never logged.
 */
public final class ClientAssertion {
  /** How far {@code iat} is back-dated: platforms whose clock runs a little behind still accept it. */
  static final Duration BACKDATE = Duration.ofSeconds(5);
  /** Lifetime of an assertion: used once, immediately. */
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ClientAssertion() {
  }

  public static String sign(SigningKey key, String clientId, String audience, Instant now) {
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", "RS256").put("kid", key.kid());
    JsonObject claims = new JsonObject()
        .put("iss", clientId)
        .put("sub", clientId)
        .put("aud", audience)
        .put("jti", UUID.randomUUID().toString())
        .put("iat", now.minus(BACKDATE).getEpochSecond())
        .put("exp", now.plus(LIFETIME).getEpochSecond());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign client assertion kid=" + key.kid(), e);
    }
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
