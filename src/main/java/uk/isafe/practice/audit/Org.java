package uk.isafe.practice.audit;

/**
 * An organisation (a local authority): one platform deployment. Everything in the audit is scoped by it, taken from
 * the session, never from a URL.
 */
public record Org(long registrationId, String deploymentId) {
  /** The id case-reference keys are derived from. */
  public String keyId() {
    return registrationId + "/" + deploymentId;
  }
}
