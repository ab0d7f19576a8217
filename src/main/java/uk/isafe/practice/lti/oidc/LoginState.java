package uk.isafe.practice.lti.oidc;

import java.util.Optional;
import uk.isafe.practice.lti.registration.PlatformRegistration;

/**
 * An OIDC login in flight, as consumed by the launch: its signed state ({@link LoginStates.Signed}), with the
 * registration it names as it is now.
 *
 * @param loginDeploymentStatus the status, now, of the {@code lti_deployment_id} the login named (UNKNOWN when none)
 */
public record LoginState(LoginStates.Signed signed, PlatformRegistration registration,
    PlatformRegistration.DeploymentStatus loginDeploymentStatus) {

  public static final String COOKIE_BINDING = "cookie";
  public static final String STORAGE_BINDING = "storage";

  public String nonce() {
    return signed.nonce();
  }

  /** The {@code lti_deployment_id} the login named, which the token must repeat. */
  public Optional<String> deploymentId() {
    return signed.deploymentId();
  }
}
