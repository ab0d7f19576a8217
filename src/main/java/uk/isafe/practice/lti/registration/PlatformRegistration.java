package uk.isafe.practice.lti.registration;

import java.util.Optional;

/**
 * A platform (LMS) registration as stored: one per (issuer, client_id). One issuer may have several (Moodle uses its
 * site URL as the issuer for every tool and tells tools apart by client_id).
 *
 * @param tokenAudience the {@code aud} of our service-token assertions when the platform wants something other than
 *                      its token URL
 */
public record PlatformRegistration(
    long id,
    String name,
    String issuer,
    String clientId,
    String authLoginUrl,
    String authTokenUrl,
    String keySetUrl,
    Optional<String> tokenAudience,
    DeploymentPolicy unknownDeploymentPolicy,
    boolean enabled) {

  /** What happens to a launch from a deployment of this registration that nobody has listed yet. */
  public enum DeploymentPolicy {
    REJECT, PENDING;

    public String dbValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DeploymentPolicy parse(String s) {
      return switch (s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "reject" -> REJECT;
        case "pending" -> PENDING;
        default -> throw new IllegalArgumentException("must be reject or pending, got '" + s + "'");
      };
    }
  }

  /** The status of one deployment of a registration. */
  public enum DeploymentStatus {
    ACTIVE, PENDING, DISABLED, UNKNOWN
  }
}
