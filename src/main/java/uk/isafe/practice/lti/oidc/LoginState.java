package uk.isafe.practice.lti.oidc;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import uk.isafe.practice.lti.registration.PlatformRegistration;

/**
 * An OIDC login in flight, as consumed by the launch.
 *
 * @param deploymentId  the {@code lti_deployment_id} the login named, which the token must repeat
 * @param binding       {@code cookie} or {@code storage} (platform storage through postMessage)
 * @param loginParams   the login request's parameters (to restart the login in a new window)
 * @param loginDeploymentStatus the status, when consumed, of {@code deploymentId} (UNKNOWN when none was named)
 */
public record LoginState(
    String state,
    String nonce,
    PlatformRegistration registration,
    Optional<String> deploymentId,
    String binding,
    Optional<String> storageSecret,
    String authRedirect,
    JsonObject loginParams,
    PlatformRegistration.DeploymentStatus loginDeploymentStatus) {

  public static final String COOKIE_BINDING = "cookie";
  public static final String STORAGE_BINDING = "storage";
}
