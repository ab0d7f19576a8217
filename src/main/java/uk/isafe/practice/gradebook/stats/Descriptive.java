package uk.isafe.practice.gradebook.stats;

/** Means and sample standard deviations (n − 1 denominator), computed in two passes for accuracy. */
public final class Descriptive {
  /** Relative size below which a spread is rounding noise, not a spread. */
  static final double NOISE = 1e-9;

  private Descriptive() {
  }

  public static double mean(double[] xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  /**
   * Sample standard deviation, or null for fewer than two values. A spread below floating-point noise (relative to
   * the values' size) is exactly zero: when every learner changes by the same 0.4, the differences of scale means
   * such as 3.1666… and 3.5666… differ in the last bit, and dividing by that noise gave effect sizes in the
   * quadrillions.
   */
  public static Double sd(double[] xs) {
    if (xs.length < 2) {
      return null;
    }
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    double sd = Math.sqrt(ss / (xs.length - 1));
    double size = 0;
    for (double x : xs) {
      size = Math.max(size, Math.abs(x));
    }
    return sd <= NOISE * Math.max(1.0, size) ? 0.0 : sd;
  }
}
