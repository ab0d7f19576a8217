package uk.isafe.practice.gradebook.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The design’s worked example and the edge cases, checked against values computed by hand. */
class PairedChangeTest {
  private static final double EPS = 1e-9;

  /** n = 20, pre 4.1 (sd 1.0), post 4.9 (sd 0.9), sd of differences 0.8. */
  private static PairedChange workedExample() {
    return PairedChange.fromSummary(20, 4.1, 1.0, 4.9, 0.9, 0.8);
  }

  @Test
  void worked_example_gives_the_design_effect_sizes() {
    PairedChange c = workedExample();
    assertEquals(0.8, c.meanDiff(), EPS);
    assertEquals(1.00, c.dz(), 0.005);
    assertEquals(0.84, c.dav(), 0.005);
    assertEquals(0.81, c.gav(), 0.005);
    // by hand: d_av = 0.8 / 0.95 = 0.842105…; J = 1 − 3/75 = 0.96; g_av = 0.808421…
    assertEquals(0.8 / 0.95, c.dav(), EPS);
    assertEquals(0.8 / 0.95 * 0.96, c.gav(), EPS);
  }

  @Test
  void worked_example_interval_for_the_mean_difference_uses_t_with_19_df() {
    PairedChange c = workedExample();
    // t(0.975, 19) = 2.093024; half-width = 2.093024 × 0.8 / √20 = 0.374412
    assertEquals(2.093024, PairedChange.tCritical(19), 1e-6);
    assertEquals(0.8 - 0.374412, c.diffLow(), 1e-5);
    assertEquals(0.8 + 0.374412, c.diffHigh(), 1e-5);
  }

  @Test
  void worked_example_interval_for_d_av_follows_the_stated_delta_method() {
    PairedChange c = workedExample();
    // r = (1 + 0.81 − 0.64) / (2 × 0.9) = 0.65; S = 0.95
    // Var = 0.64 / (20 × 0.9025) + 0.842105² × (1 + 0.81 + 2 × 0.4225 × 0.9) / (8 × 19 × 0.9025)
    double dav = 0.8 / 0.95;
    double var = 0.64 / (20 * 0.9025) + dav * dav * (1.81 + 2 * 0.4225 * 0.9) / (8 * 19 * 0.9025);
    double half = 1.959964 * Math.sqrt(var);
    assertEquals(0.65, c.correlation(), EPS);
    assertEquals(dav - half, c.davLow(), 1e-5);
    assertEquals(dav + half, c.davHigh(), 1e-5);
    assertTrue(c.davLow() > 0.40 && c.davLow() < 0.42, "lower " + c.davLow());
    assertTrue(c.davHigh() > 1.26 && c.davHigh() < 1.28, "upper " + c.davHigh());
  }

  @Test
  void raw_scores_built_with_the_worked_example_moments_give_the_same_figures() {
    // Two orthogonal, centred, unit-SD vectors; pre = 4.1 + 1.0·e1, post = 4.9 + 0.9·(0.65·e1 + √(1 − 0.65²)·e2)
    int n = 20;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
      b[i] = (i * 7 % 11) - 3.0 * Math.sin(i);
    }
    double[] e1 = standardise(a);
    double[] e2 = standardise(orthogonalise(centre(b), e1));
    double[] pre = new double[n];
    double[] post = new double[n];
    double k = Math.sqrt(1 - 0.65 * 0.65);
    for (int i = 0; i < n; i++) {
      pre[i] = 4.1 + 1.0 * e1[i];
      post[i] = 4.9 + 0.9 * (0.65 * e1[i] + k * e2[i]);
    }
    PairedChange raw = PairedChange.of(pre, post);
    PairedChange summary = workedExample();
    assertEquals(20, raw.n());
    assertEquals(4.1, raw.preMean(), 1e-9);
    assertEquals(1.0, raw.preSd(), 1e-9);
    assertEquals(0.9, raw.postSd(), 1e-9);
    assertEquals(0.8, raw.sdDiff(), 1e-9);
    assertEquals(summary.dz(), raw.dz(), 1e-9);
    assertEquals(summary.dav(), raw.dav(), 1e-9);
    assertEquals(summary.gav(), raw.gav(), 1e-9);
    assertEquals(summary.davLow(), raw.davLow(), 1e-9);
  }

  @Test
  void a_single_learner_has_a_difference_but_no_spread_interval_or_effect_size() {
    PairedChange c = PairedChange.of(new double[] {3.0}, new double[] {4.5});
    assertEquals(1.5, c.meanDiff(), EPS);
    assertNull(c.preSd());
    assertNull(c.sdDiff());
    assertNull(c.dz());
    assertNull(c.dav());
    assertNull(c.gav());
    assertNull(c.diffLow());
    assertNull(c.davLow());
  }

  @Test
  void identical_changes_have_zero_sd_of_differences_so_no_d_z_and_a_zero_width_interval() {
    PairedChange c = PairedChange.of(new double[] {2, 3, 4, 5}, new double[] {3, 4, 5, 6});
    assertEquals(0.0, c.sdDiff(), EPS);
    assertNull(c.dz());
    assertEquals(1.0, c.diffLow(), EPS);
    assertEquals(1.0, c.diffHigh(), EPS);
    // sd_pre = sd_post = 1.290994; d_av = 1 / 1.290994
    assertEquals(1 / Math.sqrt(5.0 / 3.0), c.dav(), 1e-9);
  }

  @Test
  void everyone_giving_the_same_answers_has_no_standardised_effect() {
    PairedChange c = PairedChange.of(new double[] {4, 4, 4}, new double[] {4, 4, 4});
    assertEquals(0.0, c.meanDiff(), EPS);
    assertNull(c.dz());
    assertNull(c.dav());
    assertNull(c.gav());
    assertNull(c.davLow());
  }

  @Test
  void unpaired_or_empty_input_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> PairedChange.of(new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> PairedChange.of(new double[0], new double[0]));
  }

  @Test
  void hedges_correction_matches_hand_values() {
    assertEquals(0.96, PairedChange.hedgesCorrection(20), EPS);
    assertEquals(1 - 3.0 / 35, PairedChange.hedgesCorrection(10), EPS);
  }

  private static double[] centre(double[] x) {
    double m = Descriptive.mean(x);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] - m;
    }
    return out;
  }

  private static double[] standardise(double[] x) {
    double[] c = centre(x);
    double sd = Descriptive.sd(c);
    for (int i = 0; i < c.length; i++) {
      c[i] /= sd;
    }
    return c;
  }

  private static double[] orthogonalise(double[] x, double[] unitSdBasis) {
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * unitSdBasis[i];
      norm += unitSdBasis[i] * unitSdBasis[i];
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] - dot / norm * unitSdBasis[i];
    }
    return out;
  }
}
