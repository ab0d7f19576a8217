package uk.isafe.practice.gradebook.stats;

/** Means and sample standard deviations (n − 1 denominator), computed in two passes for accuracy. */
public final class Descriptive {
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

  /** Sample standard deviation, or null for fewer than two values. */
  public static Double sd(double[] xs) {
    if (xs.length < 2) {
      return null;
    }
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (xs.length - 1));
  }
}
