package uk.isafe.practice.gradebook.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import uk.isafe.practice.gradebook.stats.ChangeReading.Direction;
import uk.isafe.practice.gradebook.stats.ChangeReading.Size;
import uk.isafe.practice.gradebook.stats.ChangeReading.Why;

/** Every statistic is a number or a reason, never an impossible number; the size word follows g_av. */
class ChangeReadingTest {

  /** Scale means of six items (k/6), as the questionnaire records them: the case that gave 2563493848555746.50. */
  private static double[] sixths(int n) {
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (13 + i * 3) / 6.0;
    }
    return xs;
  }

  @Test
  void everyone_changing_by_the_same_amount_leaves_d_z_undefined_not_astronomical() {
    double[] pre = sixths(11);
    double[] post = new double[11];
    for (int i = 0; i < 11; i++) {
      post[i] = pre[i] + 0.4;
    }
    // the differences differ only in their last bits: the old code divided 0.4 by about 1.6e-16
    ChangeReading r = ChangeReading.of(pre, post);
    assertFalse(r.dz().shown());
    assertEquals(Why.SAME_CHANGE_FOR_EVERYONE, r.dz().why());
    assertEquals(0.4, r.change().value(), 1e-9);
    assertEquals(0.4, r.changeLow().value(), 1e-9, "no spread in the changes: the interval is the change itself");
    assertEquals(0.4, r.changeHigh().value(), 1e-9);
    assertEquals(11, r.rose());
    assertEquals(0, r.fell());
    assertTrue(r.dav().shown(), "the spread of scores is not zero, so d_av is defined");
    assertTrue(Math.abs(r.dav().value()) < 10, "d_av " + r.dav().value());
  }

  @Test
  void the_standard_deviation_of_rounding_noise_is_zero() {
    double[] diffs = {0.3999999999999999, 0.40000000000000036, 0.4, 0.40000000000000013};
    assertEquals(0.0, Descriptive.sd(diffs));
    assertTrue(Descriptive.sd(new double[] {0.4, 0.41}) > 0);
  }

  @Test
  void zero_variance_before_and_after_leaves_every_effect_size_undefined_with_its_reason() {
    double[] pre = new double[12];
    double[] post = new double[12];
    java.util.Arrays.fill(pre, 4.0);
    java.util.Arrays.fill(post, 5.0);
    ChangeReading r = ChangeReading.of(pre, post);
    assertEquals(Why.NO_SPREAD, r.dav().why());
    assertEquals(Why.NO_SPREAD, r.davLow().why());
    assertEquals(Why.NO_SPREAD, r.gav().why());
    assertEquals(Why.SAME_CHANGE_FOR_EVERYONE, r.dz().why());
    assertEquals(0.0, r.beforeSd().value());
    assertEquals(Direction.ROSE, r.direction());
    assertEquals(Size.UNKNOWN, r.size());
  }

  @Test
  void fewer_than_two_learners_have_no_spread() {
    PairedChange one = PairedChange.of(new double[] {3}, new double[] {4});
    assertNull(one.preSd());
    assertNull(one.sdDiff());
    assertNull(one.dz());
    assertNull(one.dav());
    assertNull(one.diffLow());
    ChangeReading r = ChangeReading.of(new double[] {3}, new double[] {4});
    assertEquals(Why.TOO_FEW_FOR_PRIVACY, r.change().why(), "and one learner is far below the privacy floor");
    assertNull(r.rose(), "counts could point at someone too");
    assertEquals(Direction.UNKNOWN, r.direction());
  }

  @Test
  void below_five_pairs_nothing_is_shown() {
    ChangeReading r = ChangeReading.of(new double[] {1, 2, 3, 4}, new double[] {2, 3, 4, 6});
    for (ChangeReading.Figure f : new ChangeReading.Figure[] {r.before(), r.after(), r.change(), r.changeLow(),
        r.dav(), r.gav(), r.dz()}) {
      assertEquals(Why.TOO_FEW_FOR_PRIVACY, f.why());
    }
  }

  @Test
  void from_five_to_nine_pairs_means_and_change_are_shown_but_no_effect_size() {
    ChangeReading r = ChangeReading.of(new double[] {1, 2, 3, 4, 5, 3}, new double[] {2, 3, 3.5, 6, 5, 4});
    assertTrue(r.change().shown());
    assertTrue(r.changeLow().shown());
    assertEquals(Why.TOO_FEW_FOR_EFFECT_SIZE, r.dav().why());
    assertEquals(Why.TOO_FEW_FOR_EFFECT_SIZE, r.dz().why());
    assertEquals(Size.UNKNOWN, r.size());
    assertEquals(5, r.rose());
    assertEquals(0, r.fell());
    assertEquals(1, r.same());
  }

  @Test
  void direction_and_size_follow_the_mean_change_and_g_av() {
    double[] pre = {2, 3, 4, 2.5, 3.5, 3, 2, 4, 3, 2.5, 3.5};
    double[] up = new double[pre.length];
    double[] down = new double[pre.length];
    double[] flat = new double[pre.length];
    for (int i = 0; i < pre.length; i++) {
      up[i] = pre[i] + 0.8 + (i % 3) * 0.3;
      down[i] = pre[i] - 0.2 - (i % 2) * 0.3;
      flat[i] = pre[i] + (i % 2 == 0 ? 0.5 : -0.5) + (i == 10 ? -0.5 : 0);
    }
    ChangeReading rise = ChangeReading.of(pre, up);
    assertEquals(Direction.ROSE, rise.direction());
    assertEquals(Size.LARGE, rise.size(), "g_av " + rise.gav().value());
    ChangeReading fall = ChangeReading.of(pre, down);
    assertEquals(Direction.FELL, fall.direction());
    assertEquals(11, fall.fell());
    ChangeReading none = ChangeReading.of(pre, flat);
    assertEquals(Direction.NO_CHANGE, none.direction(), "mean change " + none.change().value());
    assertTrue(none.intervalIncludesNoChange());
  }

  @Test
  void size_words_use_the_conventional_cut_offs() {
    assertEquals(Size.NEGLIGIBLE, ChangeReading.size(0.1));
    assertEquals(Size.SMALL, ChangeReading.size(-0.3));
    assertEquals(Size.MEDIUM, ChangeReading.size(0.6));
    assertEquals(Size.LARGE, ChangeReading.size(1.1));
    assertEquals(Size.VERY_LARGE, ChangeReading.size(8.04));
    assertEquals(Size.UNKNOWN, ChangeReading.size(null));
  }
}
