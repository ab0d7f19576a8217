package uk.isafe.practice.lti.keys;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The tool's RSA public keys written as JSON Web Keys (RFC 7517/7518) with their RFC 7638 thumbprints: what the
 * JWKS endpoint publishes. Reading keys and signing are vertx-auth-jwt's ({@link PlatformKey}, {@link ToolSigner}),
 * which has no writer for either.
 */
public final class Jwk {
  private Jwk() {
  }

  /** The RFC 7638 thumbprint: SHA-256 over {"e","kty","n"} in that order, no spaces, base64url without padding. */
  public static String thumbprint(RSAPublicKey key) {
    String canonical = "{\"e\":\"" + b64(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + b64(key.getModulus()) + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK for a signing key: kty, use=sig, alg=RS256, kid, n, e. */
  public static JsonObject publicJwk(String kid, RSAPublicKey key) {
    return new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
        .put("n", b64(key.getModulus())).put("e", b64(key.getPublicExponent()));
  }

  /** Unsigned big-endian bytes, base64url without padding (JWA §6.3.1). */
  public static String b64(BigInteger v) {
    byte[] bytes = v.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
