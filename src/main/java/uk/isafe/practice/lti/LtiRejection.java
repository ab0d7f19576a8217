package uk.isafe.practice.lti;

import uk.isafe.practice.web.HttpProblem;

/**
 * A refused login or launch. {@code code} is the reason code (logged, and shown on the page as a reference); the page
 * text comes from {@code error.<code>.detail} and the hint for administrators from {@code error.<code>.admin} in the
 * lti bundle. Never carries a token.
 */
public final class LtiRejection extends HttpProblem {
  private final String registration;

  public LtiRejection(int status, String code, String registration, Object... args) {
    super(status, code, "error.lti.title", "error." + code + ".detail", args);
    this.registration = registration == null ? "-" : registration;
  }

  public static LtiRejection of(String code, Object... args) {
    return new LtiRejection(400, code, null, args);
  }

  /** The same rejection, now known to concern {@code registrationName}. */
  public LtiRejection from(String registrationName) {
    return new LtiRejection(status(), code(), registrationName, args());
  }

  public String registration() {
    return registration;
  }
}
