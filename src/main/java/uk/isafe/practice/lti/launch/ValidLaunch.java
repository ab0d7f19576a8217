package uk.isafe.practice.lti.launch;

import io.vertx.core.json.JsonObject;
import uk.isafe.practice.lti.registration.PlatformRegistration;

/** An id_token that passed every check: its claims, the registration and the (active) deployment. */
public record ValidLaunch(PlatformRegistration registration, String deploymentId, JsonObject claims) {
}
