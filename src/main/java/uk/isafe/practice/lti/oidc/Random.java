package uk.isafe.practice.lti.oidc;

import java.security.SecureRandom;
import java.util.Base64;

/** State, nonce and storage secrets: 256 bits from a CSPRNG, base64url. */
final class Random {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Random() {
  }

  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
