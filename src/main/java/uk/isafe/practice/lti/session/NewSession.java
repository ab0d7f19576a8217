package uk.isafe.practice.lti.session;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.lti.Role;

/**
 * What a valid launch hands to {@link LaunchSessions#create}: the tool's ids for everything the launch named (already
 * upserted), the mapped role, the locale and the claims later requests need.
 *
 * @param claims extra launch data kept with the session, e.g. {@code return_url}, {@code nrps_url},
 *               {@code lti_version}, LTI 1.1 outcome service and sourcedid
 */
public record NewSession(
    long registrationId,
    String deploymentId,
    long courseId,
    Optional<Long> resourceLinkId,
    Optional<Long> personId,
    Role role,
    List<String> roles,
    String locale,
    JsonObject claims) {
}
