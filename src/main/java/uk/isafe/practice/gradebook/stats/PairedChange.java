package uk.isafe.practice.gradebook.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Self-reported change on one scale for learners with both a pre and a post score (a paired design). Never call it
 * "impact": an uncontrolled pre/post change is much larger than a trial's controlled effect.
 *
 * <p>Figures that a sample cannot define are {@code null}: standard deviations need n ≥ 2, d_z needs a non-zero
 * SD of differences, d_av a non-zero average SD, the CI for the mean difference n ≥ 2.
 *
 * @param n          learners with both scores
 * @param meanDiff   mean of (post − pre)
 * @param sdDiff     sample SD of the differences
 * @param dz         mean(diff) / sd(diff)
 * @param dav        mean(diff) / ((sd_pre + sd_post) / 2)
 * @param gav        Hedges’ g_av = d_av × (1 − 3 / (4(n − 1) − 1))
 * @param diffLow    lower end of the 95% CI for the mean difference (t distribution, n − 1 df)
 * @param davLow     lower end of an approximate 95% CI for d_av (see {@link #davVariance})
 */
public record PairedChange(int n, double preMean, Double preSd, double postMean, Double postSd, double meanDiff,
    Double sdDiff, Double dz, Double dav, Double gav, Double diffLow, Double diffHigh, Double davLow,
    Double davHigh) {

  public static final double CONFIDENCE = 0.95;

  /** From raw paired scores ({@code pre[i]} and {@code post[i]} belong to the same learner). */
  public static PairedChange of(double[] pre, double[] post) {
    if (pre.length != post.length) {
      throw new IllegalArgumentException("pre and post must be paired: " + pre.length + " vs " + post.length);
    }
    if (pre.length == 0) {
      throw new IllegalArgumentException("no paired scores");
    }
    double[] diff = new double[pre.length];
    for (int i = 0; i < pre.length; i++) {
      diff[i] = post[i] - pre[i];
    }
    return fromSummary(pre.length, Descriptive.mean(pre), Descriptive.sd(pre), Descriptive.mean(post),
        Descriptive.sd(post), Descriptive.sd(diff));
  }

  /**
   * From summary statistics (as in a report): n, pre and post means and SDs, and the SD of the differences. SDs
   * may be null when n < 2.
   */
  public static PairedChange fromSummary(int n, double preMean, Double preSd, double postMean, Double postSd,
      Double sdDiff) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    double meanDiff = postMean - preMean;
    Double dz = sdDiff == null || sdDiff == 0 ? null : meanDiff / sdDiff;
    Double avgSd = preSd == null || postSd == null ? null : (preSd + postSd) / 2;
    Double dav = avgSd == null || avgSd == 0 ? null : meanDiff / avgSd;
    Double gav = dav == null || n < 3 ? null : dav * hedgesCorrection(n);
    Double diffLow = null;
    Double diffHigh = null;
    if (n >= 2 && sdDiff != null) {
      double half = tCritical(n - 1) * sdDiff / Math.sqrt(n);
      diffLow = meanDiff - half;
      diffHigh = meanDiff + half;
    }
    Double davLow = null;
    Double davHigh = null;
    if (dav != null && n >= 2 && sdDiff != null) {
      double half = zCritical() * Math.sqrt(davVariance(n, dav, preSd, postSd, sdDiff));
      davLow = dav - half;
      davHigh = dav + half;
    }
    return new PairedChange(n, preMean, preSd, postMean, postSd, meanDiff, sdDiff, dz, dav, gav, diffLow, diffHigh,
        davLow, davHigh);
  }

  /** Hedges’ small-sample correction J = 1 − 3 / (4(n − 1) − 1), as the design specifies for g_av. */
  public static double hedgesCorrection(int n) {
    return 1 - 3.0 / (4.0 * (n - 1) - 1);
  }

  /**
   * The two-sided 95% critical value of Student’s t with {@code df} degrees of freedom. Remembered per df: the
   * inverse distribution is solved iteratively, and the learning team’s view asks for it once per course and scale.
   */
  public static double tCritical(int df) {
    return T_CRITICAL.computeIfAbsent(df,
        d -> new TDistribution(null, d).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2));
  }

  private static final java.util.Map<Integer, Double> T_CRITICAL = new java.util.concurrent.ConcurrentHashMap<>();
  private static final double Z_CRITICAL =
      new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);

  static double zCritical() {
    return Z_CRITICAL;
  }

  /**
   * Approximate sampling variance of d_av in the paired design, by the delta method under bivariate normality
   * (the approach of Bonett, 2008, “Confidence intervals for standardized linear contrasts of means”, Psychological
   * Methods 13(2), adapted to the average-SD standardiser S = (s_pre + s_post) / 2):
   *
   * <pre>
   *   Var(d_av) ≈ s_D² / (n S²) + d_av² (s_pre² + s_post² + 2 r² s_pre s_post) / (8 (n − 1) S²)
   * </pre>
   *
   * The first term is the variance of the mean difference over S²; the second is the uncertainty of S itself, with
   * Var(s) ≈ σ² / (2(n − 1)) and Cov(s_pre, s_post) ≈ ρ² σ_pre σ_post / (2(n − 1)). The pre–post correlation r is
   * recovered from s_D² = s_pre² + s_post² − 2 r s_pre s_post. The interval is d_av ± z₀.₉₇₅ √Var: a normal
   * approximation, adequate for the cohort sizes (n ≥ 10) at which effect sizes are shown at all.
   */
  static double davVariance(int n, double dav, double preSd, double postSd, double sdDiff) {
    double s = (preSd + postSd) / 2;
    double r = preSd == 0 || postSd == 0 ? 0
        : (preSd * preSd + postSd * postSd - sdDiff * sdDiff) / (2 * preSd * postSd);
    r = Math.max(-1, Math.min(1, r));
    double meanTerm = sdDiff * sdDiff / (n * s * s);
    double sdTerm = dav * dav * (preSd * preSd + postSd * postSd + 2 * r * r * preSd * postSd)
        / (8.0 * (n - 1) * s * s);
    return meanTerm + sdTerm;
  }

  /** The pre–post correlation implied by the SDs, or null when it is undefined. */
  public Double correlation() {
    if (preSd == null || postSd == null || sdDiff == null || preSd == 0 || postSd == 0) {
      return null;
    }
    return (preSd * preSd + postSd * postSd - sdDiff * sdDiff) / (2 * preSd * postSd);
  }
}
