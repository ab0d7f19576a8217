package uk.isafe.practice.lti.v1p1;

/**
 * An LTI 1.1 consumer (a Totara or older Moodle site): its registration id, name, consumer key, shared secret and
 * the origin its pages are served from (learned from launches; for the frame-ancestors policy). The secret is never
 * logged or shown: {@link #toString()} leaves it out.
 */
public record Consumer(long registrationId, String name, String key, String secret, boolean enabled) {
  /** The synthetic issuer that keeps a consumer apart from LTI 1.3 registrations in the shared tables. */
  public static String issuerFor(String key) {
    return "urn:isafe:lti1p1:" + key;
  }

  @Override
  public String toString() {
    return "Consumer[" + name + ", key=" + key + ", enabled=" + enabled + "]";
  }
}
