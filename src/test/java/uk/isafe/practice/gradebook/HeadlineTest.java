package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import uk.isafe.practice.gradebook.stats.ChangeReading;
import uk.isafe.practice.web.Messages;

/** The plain-English sentence per scale: rise, fall, no change, too few to show, too few for a size. */
class HeadlineTest {
  static final Messages.Catalog M = Messages.load().forLocale("en-GB");
  static final String OUT_OF_7 = M.get("gradebook.headline.outOf", 7);

  static String headline(double[] pre, double[] post) {
    return CohortView.headline(ChangeReading.of(pre, post), OUT_OF_7, M);
  }

  @Test
  void a_rise_says_how_many_rose_the_means_out_of_the_maximum_and_the_size_with_its_interval() {
    double[] pre = {2, 3, 4, 2.5, 3.5, 3, 2, 4, 3, 2.5, 3.5};
    double[] post = new double[pre.length];
    for (int i = 0; i < pre.length; i++) {
      post[i] = pre[i] + (i == 10 ? 0 : 0.6 + (i % 3) * 0.3);
    }
    uk.isafe.practice.gradebook.stats.PairedChange c = uk.isafe.practice.gradebook.stats.PairedChange.of(pre, post);
    assertEquals(String.format(java.util.Locale.UK, "rose for 10 of 11 learners, from %.1f to %.1f out of 7 on "
        + "average — a large self-reported change (effect size %.2f, likely between %.2f and %.2f).", c.preMean(),
        c.postMean(), c.gav(), c.davLow(), c.davHigh()), headline(pre, post));
  }

  @Test
  void a_very_large_figure_comes_with_a_caution_rather_than_alone() {
    double[] pre = {3, 3, 3.1, 3, 2.9, 3, 3, 3.1, 2.9, 3};
    double[] post = {5, 5.1, 5, 5, 4.9, 5, 5.1, 5, 5, 4.9};
    assertEquals(true, headline(pre, post).contains("a very large self-reported change (scores were close together, "
        + "so the size figure exaggerates; go by the change in points)"), headline(pre, post));
  }

  @Test
  void a_fall_is_said_as_a_fall() {
    double[] pre = {4, 5, 6, 5, 5.5, 5, 4.5, 5.5, 5, 4, 4.5};
    double[] post = {3.5, 4.5, 6, 4, 5, 4.5, 4, 5.5, 4, 3.5, 4};
    String h = headline(pre, post);
    assertEquals("fell for 9 of 11 learners, from 4.9 to 4.4 out of 7 on average — a moderate self-reported change",
        h.substring(0, h.indexOf(" (effect size")));
  }

  @Test
  void no_change_on_average_says_so_with_how_many_rose_and_fell() {
    double[] pre = {3, 4, 3, 4, 3, 4, 3, 4, 3, 4};
    double[] post = {4, 3, 4, 3, 4, 3, 4, 3, 3, 4};
    String h = headline(pre, post);
    assertEquals("no change on average: 3.5 before and 3.5 after out of 7 for 10 learners (4 rose, 4 fell) — "
        + "a negligible self-reported change", h.substring(0, h.indexOf(" (effect size")));
    assertEquals(true, h.endsWith("so it may be no real change)."), h);
  }

  @Test
  void too_few_learners_show_nothing_but_how_many_there_are() {
    assertEquals("not shown: fewer than 5 learners have both a before and an after score (3 so far), so that no one "
        + "can be identified.", headline(new double[] {1, 2, 3}, new double[] {2, 3, 4}));
  }

  @Test
  void from_five_to_nine_learners_the_change_is_told_without_a_size() {
    assertEquals("rose for 6 of 6 learners, from 3.5 to 4.5 out of 7 on average — self-reported; its size is not "
        + "given: fewer than 10 learners, too few for an effect size to mean much.",
        headline(new double[] {3, 4, 3, 4, 3, 4}, new double[] {4, 5, 4, 5, 4, 5}));
  }

  @Test
  void everyone_changing_by_the_same_amount_still_gets_a_sentence_and_no_impossible_number() {
    double[] pre = new double[11];
    double[] post = new double[11];
    for (int i = 0; i < 11; i++) {
      pre[i] = (13 + i * 3) / 6.0;
      post[i] = pre[i] + 0.4;
    }
    String h = headline(pre, post);
    assertEquals(true, h.startsWith("rose for 11 of 11 learners"), h);
    assertEquals(false, h.matches(".*\\d{5,}.*"), "no astronomical figure: " + h);
  }
}
