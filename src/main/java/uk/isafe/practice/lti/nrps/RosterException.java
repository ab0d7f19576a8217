package uk.isafe.practice.lti.nrps;

/** The course list could not be read; {@link #getMessage()} is a reason code (logged, and keyed in the bundle). */
final class RosterException extends RuntimeException {
  RosterException(String code) {
    super(code, null, false, false);
  }
}
