package uk.isafe.practice.scenario.engine;

/** A choice or continue that does not fit the state: unknown, not offered, at an end, or the wrong kind of node. */
public final class InvalidChoiceException extends RuntimeException {
  public enum Reason {
    UNKNOWN_CHOICE, NOT_OFFERED, AT_END, NOT_A_TURN, NOT_NARRATION, BAD_STATE
  }

  private final Reason reason;

  public InvalidChoiceException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
