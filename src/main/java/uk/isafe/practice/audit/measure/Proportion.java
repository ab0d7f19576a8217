package uk.isafe.practice.audit.measure;

/**
 * {@code k} of {@code n} with its Wilson score 95% interval (without continuity correction). Unlike the Wald interval
 * it stays inside 0–1 and behaves at small n and at 0% or 100%, which is where audit samples live: at n = 10 a 50%
 * rate spans about 24–76%.
 */
public record Proportion(int k, int n, double rate, double lower, double upper) {
  /** The 97.5th percentile of the standard normal distribution. */
  public static final double Z95 = 1.959963984540054;

  public static Proportion of(int k, int n) {
    return of(k, n, Z95);
  }

  public static Proportion of(int k, int n, double z) {
    if (n < 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("need 0 <= k <= n, got " + k + " of " + n);
    }
    if (n == 0) {
      return new Proportion(0, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    double p = (double) k / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    double lower = k == 0 ? 0.0 : Math.max(0.0, centre - half);
    double upper = k == n ? 1.0 : Math.min(1.0, centre + half);
    return new Proportion(k, n, p, lower, upper);
  }

  public boolean empty() {
    return n == 0;
  }

  /** Percent (0–100) rounded to a whole number, for display. */
  public static long percent(double fraction) {
    return Math.round(fraction * 100);
  }
}
