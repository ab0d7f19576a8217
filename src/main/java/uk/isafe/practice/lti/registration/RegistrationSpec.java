package uk.isafe.practice.lti.registration;

import java.util.List;
import java.util.Optional;

/** A registration as written in a file or on the command line, before it is stored. */
public record RegistrationSpec(
    String name,
    String issuer,
    String clientId,
    String authLoginUrl,
    String authTokenUrl,
    String keySetUrl,
    List<String> deploymentIds,
    Optional<String> tokenAudience,
    PlatformRegistration.DeploymentPolicy unknownDeploymentPolicy,
    String source) {
}
