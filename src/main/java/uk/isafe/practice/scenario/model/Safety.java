package uk.isafe.practice.scenario.model;

/**
 * How safety decides a score. Any attempt with a {@code SAFE-} choice, an {@code unsafe} ending, or (when declared)
 * a final state where {@code unsafeWhen} holds scores at most {@code cap} out of 100, whatever else happened.
 *
 * @param unsafeWhen safety-critical state declared by the scenario, or null
 */
public record Safety(int cap, Condition unsafeWhen) {
  public static final int DEFAULT_CAP = 40;
  public static final Safety DEFAULT = new Safety(DEFAULT_CAP, null);
}
