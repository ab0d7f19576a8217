package uk.isafe.practice.lti.keys;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWT;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the tool's JWTs (service-token assertions; deep linking responses) with a tool key, RS256, by vertx-auth-jwt's
 * JOSE layer. The header carries {@code typ=JWT}, {@code alg} and the key's {@code kid}; the claims are signed as
 * given ({@code iat} and {@code exp} are the caller's). Signing is CPU work (about a millisecond for RSA 2048): call it
 * off the event loop. Each key is read once and kept while it is in use.
 */
public final class ToolSigner {
  private static final JWTOptions RS256 = new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true);
  /** Keys in use at once: current and next, plus one retired after a rotation; older ones are simply re-read. */
  private static final int MAX_KEYS = 4;
  private static final Map<String, JWT> SIGNERS = new ConcurrentHashMap<>();

  private ToolSigner() {
  }

  /** The compact JWS of {@code claims} signed with {@code key}. */
  public static String sign(SigningKeys.SigningKey key, JsonObject claims) {
    JWT jwt = SIGNERS.get(key.kid());
    if (jwt == null) {
      if (SIGNERS.size() >= MAX_KEYS) {
        SIGNERS.clear();
      }
      jwt = SIGNERS.computeIfAbsent(key.kid(), kid -> new JWT().addJWK(new JWK(new PubSecKeyOptions()
          .setAlgorithm("RS256").setId(kid).setBuffer(pem(key)))));
    }
    return jwt.sign(claims.copy(), RS256);
  }

  /** The private key as PKCS#8 PEM, the form the library reads. Never logged. */
  private static String pem(SigningKeys.SigningKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(key.privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
