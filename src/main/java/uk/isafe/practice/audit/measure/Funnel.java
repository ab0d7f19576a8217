package uk.isafe.practice.audit.measure;

/**
 * Funnel-plot control limits (Spiegelhalter 2005) for comparing teams' rates with the organisation's without a league
 * table: at n men a team's rate is expected within p0 ± z·√(p0(1−p0)/n), using the normal approximation to the
 * binomial, clipped to 0–1. Teams inside the 95% limits are not told apart; outside the 99.8% limits is worth a look.
 */
public final class Funnel {
  public static final double Z95 = 1.959963984540054;
  public static final double Z998 = 3.090232306167813;

  /** Where a team falls against the limits. */
  public enum Position { BELOW_998, BELOW_95, WITHIN, ABOVE_95, ABOVE_998 }

  /** The limits at one n. */
  public record Limits(double lower, double upper) {
  }

  private Funnel() {
  }

  public static Limits limits(double p0, int n, double z) {
    if (n <= 0) {
      return new Limits(0, 1);
    }
    double half = z * Math.sqrt(p0 * (1 - p0) / n);
    return new Limits(Math.max(0, p0 - half), Math.min(1, p0 + half));
  }

  public static Position position(int k, int n, double p0) {
    if (n <= 0) {
      return Position.WITHIN;
    }
    double p = (double) k / n;
    Limits l95 = limits(p0, n, Z95);
    Limits l998 = limits(p0, n, Z998);
    if (p < l998.lower()) {
      return Position.BELOW_998;
    }
    if (p > l998.upper()) {
      return Position.ABOVE_998;
    }
    if (p < l95.lower()) {
      return Position.BELOW_95;
    }
    if (p > l95.upper()) {
      return Position.ABOVE_95;
    }
    return Position.WITHIN;
  }
}
