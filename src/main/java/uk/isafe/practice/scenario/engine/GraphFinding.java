package uk.isafe.practice.scenario.engine;

/** A structural fact found by exploring node × state; the validator turns these into problems with lines. */
public record GraphFinding(Kind kind, String nodeId, String choiceId, String detail) {
  public enum Kind {
    UNREACHABLE_NODE, CHOICE_NEVER_OFFERED, ROUTE_NEVER_TAKEN, DEAD_END, EXITLESS_LOOP, NO_ENDING,
    COUNT_ONCE_APPROXIMATED, NO_SAFE_PATH
  }
}
