package uk.isafe.practice.scenario.model;

/**
 * {@code add} (ints, clamped to the variable's bounds) or {@code set} (booleans held as 0/1; {@code boolValue} says
 * the authored value was a boolean, so the validator can match it to the variable's type).
 */
public record Effect(String var, Op op, int value, boolean boolValue) {
  public enum Op {
    ADD, SET
  }

  /** The new value of the variable, clamped to its bounds. */
  public int apply(VarDecl decl, int current) {
    return decl.clamp(op == Op.ADD ? current + value : value);
  }
}
