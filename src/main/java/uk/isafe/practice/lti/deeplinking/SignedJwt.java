package uk.isafe.practice.lti.deeplinking;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;

/** A compact RS256 JWS over {@code claims} with the tool's current key, its kid in the header. Blocking (RSA). */
final class SignedJwt {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private SignedJwt() {
  }

  static String sign(SigningKey key, JsonObject claims) {
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", "RS256").put("kid", key.kid());
    String input = encode(header) + "." + encode(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key.privateKey());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign deep linking response kid=" + key.kid(), e);
    }
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
