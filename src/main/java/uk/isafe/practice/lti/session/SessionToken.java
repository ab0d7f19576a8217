package uk.isafe.practice.lti.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Session tokens: 256 random bits from a CSPRNG; only their SHA-256 hash is stored. */
public final class SessionToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionToken() {
  }

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code s} could be a token at all (cheap check before touching the database). */
  public static boolean wellFormed(String s) {
    return s != null && s.length() == 43 && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }
}
