package uk.isafe.practice.lti.token;

/**
 * The platform did not give a service token. {@code status} is the token endpoint's HTTP status (0 when it could not
 * be reached); {@code detail} its answer, trimmed (never the assertion we sent).
 */
public final class TokenException extends RuntimeException {
  private final int status;

  public TokenException(int status, String detail) {
    super("service token refused status=" + status + " detail=" + detail);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
