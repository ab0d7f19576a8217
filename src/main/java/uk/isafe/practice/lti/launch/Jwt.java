package uk.isafe.practice.lti.launch;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import uk.isafe.practice.lti.LtiRejection;

/**
 * A compact JWS split into its parts (RFC 7515 §7.1). Only parsing: the signature is checked by
 * {@link IdTokenValidator}.
 */
record Jwt(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature) {
  private static final int MAX_LENGTH = 64 * 1024;

  /** Parses {@code token}, or rejects it as {@code token-malformed}. */
  static Jwt parse(String token) {
    if (token.length() > MAX_LENGTH) {
      throw LtiRejection.of("token-malformed");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw LtiRejection.of("token-malformed");
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      JsonObject header = new JsonObject(new String(d.decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject payload = new JsonObject(new String(d.decode(parts[1]), StandardCharsets.UTF_8));
      byte[] sig = d.decode(parts[2]);
      byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      return new Jwt(header, payload, input, sig);
    } catch (RuntimeException e) {
      throw LtiRejection.of("token-malformed");
    }
  }
}
