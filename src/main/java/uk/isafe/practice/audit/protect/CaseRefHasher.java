package uk.isafe.practice.audit.protect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an organisation's case reference into the only form the audit stores: HMAC-SHA256 under a key of that
 * organisation. The organisation's key is derived from the configured secret and the organisation's id (HMAC as a
 * key-derivation function), so the same reference in two organisations gives unrelated values, and a copy of the
 * database without the configured secret cannot be searched by guessing short references. References are compared
 * after trimming, removing inner spaces and upper-casing ("ab 123" and "AB123" are the same case). Pure Java.
 */
public final class CaseRefHasher {
  private static final String ALGORITHM = "HmacSHA256";
  /** Shortest configured secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  private final byte[] organisationKey;

  private CaseRefHasher(byte[] organisationKey) {
    this.organisationKey = organisationKey;
  }

  /** A hasher for one organisation ({@code organisationId}: e.g. the platform registration and deployment). */
  public static CaseRefHasher forOrganisation(byte[] secret, String organisationId) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the case reference secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    return new CaseRefHasher(mac(secret, "isafe-audit-case-ref-key\n" + organisationId));
  }

  /** The normalised form references are compared in. Empty when the reference has no usable characters. */
  public static String normalise(String reference) {
    if (reference == null) {
      return "";
    }
    return reference.strip().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  /** The keyed hash of a reference (32 bytes). */
  public byte[] hash(String reference) {
    String n = normalise(reference);
    if (n.isEmpty()) {
      throw new IllegalArgumentException("empty case reference");
    }
    return mac(organisationKey, n);
  }

  private static byte[] mac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "CaseRefHasher[key hidden]";
  }
}
