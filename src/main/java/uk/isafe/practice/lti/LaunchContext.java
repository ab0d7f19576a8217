package uk.isafe.practice.lti;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is here and from where: what a valid launch established, kept in a server-side session. Every query a feature
 * makes on behalf of a request is scoped by {@link #courseId()} (platform + deployment + context) and, for learners,
 * by {@link #personId()}.
 *
 * @param sessionId      the session's id (never the token)
 * @param courseId       the tool's id for (registration, deployment, context)
 * @param resourceLinkId the tool's id for the resource link, absent for launches without one
 * @param personId       the tool's id for the user; absent for an anonymous launch (no {@code sub}): no grades
 * @param custom         the link's custom parameters (keys as the platform sent them)
 * @param ags            the Assignment and Grade Services endpoint of the launch, if the platform offers one
 * @param csrfToken      must accompany every form post made in this session
 */
public record LaunchContext(
    UUID sessionId,
    long registrationId,
    String issuer,
    String clientId,
    String deploymentId,
    long courseId,
    String contextId,
    String contextTitle,
    Optional<Long> resourceLinkId,
    String resourceLinkExternalId,
    String resourceLinkTitle,
    Optional<Long> personId,
    String subject,
    String displayName,
    Role role,
    List<String> roles,
    String locale,
    Map<String, String> custom,
    Optional<AgsEndpoint> ags,
    Optional<String> nrpsUrl,
    Optional<String> returnUrl,
    String csrfToken,
    Instant expiresAt) {

  /** The AGS claim: where line items live and what the tool may do there. An empty lineitem counts as absent. */
  public record AgsEndpoint(Optional<String> lineItemsUrl, Optional<String> lineItemUrl, List<String> scopes) {
  }

  public boolean anonymous() {
    return personId.isEmpty();
  }

  public boolean isTrainer() {
    return role.canTeach();
  }

  /** The custom parameter {@code name}, looked up as sent and in Moodle's lower-cased form. */
  public Optional<String> custom(String name) {
    String v = custom.get(name);
    if (v == null) {
      v = custom.get(name.toLowerCase(java.util.Locale.ROOT));
    }
    return Optional.ofNullable(v).filter(s -> !s.isBlank());
  }
}
