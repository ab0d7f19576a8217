package uk.isafe.practice.scenario.model;

/**
 * A typed, bounded state variable. Booleans are held as 0 (false) and 1 (true) with bounds 0..1, so a whole state is
 * a small vector of ints.
 */
public record VarDecl(String name, Type type, int min, int max, int initial) {
  public enum Type {
    INT, BOOL
  }

  public boolean isBool() {
    return type == Type.BOOL;
  }

  public int clamp(int value) {
    return Math.max(min, Math.min(max, value));
  }

  /** Display form of a held value: true/false for booleans. */
  public String show(int value) {
    return isBool() ? String.valueOf(value != 0) : String.valueOf(value);
  }
}
