package uk.isafe.practice.audit.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Percentage agreement and Gwet's AC1 against a published worked example and hand-computed values. */
class AgreementTest {

  private static List<Agreement.Pair> pairs(Object... spec) {
    List<Agreement.Pair> out = new ArrayList<>();
    for (int i = 0; i < spec.length; i += 3) {
      for (int n = 0; n < (int) spec[i + 2]; n++) {
        out.add(new Agreement.Pair((Answer) spec[i], (Answer) spec[i + 1]));
      }
    }
    return out;
  }

  /**
   * Gwet's irrCAC package (R), dataset cont3x3abstractors (two abstractors, 100 pregnancies, 3 categories):
   * percent agreement 0.89, Gwet's AC1 0.8493305 (while Cohen's kappa is 0.796).
   */
  @Test
  void ac1_matches_the_irrcac_abstractors_example() {
    Agreement a = Agreement.ofTable(new int[][] {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}});
    assertEquals(100, a.pairs());
    assertEquals(0.89, a.percent(), 1e-12);
    assertEquals(0.8493305, a.ac1(), 0.0000005);
  }

  /**
   * Hand-computed, four answers (q = 4): 6 Yes/Yes, 2 No/No, 1 Yes/Partly, 1 N/A/No. pa = 0.8; marginal shares
   * Yes 13/20, No 5/20, Partly 1/20, N/A 1/20; pe = (0.2275 + 0.1875 + 0.0475 + 0.0475) / 3 = 0.17;
   * AC1 = (0.8 − 0.17) / 0.83 = 0.759036.
   */
  @Test
  void ac1_over_the_four_answers_matches_hand_computation() {
    Agreement a = Agreement.of(pairs(Answer.YES, Answer.YES, 6, Answer.NO, Answer.NO, 2, Answer.YES, Answer.PARTLY,
        1, Answer.NA, Answer.NO, 1));
    assertEquals(10, a.pairs());
    assertEquals(0.8, a.percent(), 1e-12);
    assertEquals(0.759036, a.ac1(), 0.000001);
    assertFalse(a.flagged());
  }

  /**
   * The kappa paradox the design note warns of: 18 Yes/Yes, 1 Yes/No, 1 No/Yes, two answers. Agreement is 90% and
   * Cohen's kappa would be −0.05, but AC1 = (0.9 − 2·0.95·0.05) / (1 − 0.095) = 0.889503.
   */
  @Test
  void ac1_stays_high_when_one_answer_is_very_common() {
    Agreement a = Agreement.of(pairs(Answer.YES, Answer.YES, 18, Answer.YES, Answer.NO, 1, Answer.NO, Answer.YES, 1),
        2);
    assertEquals(0.9, a.percent(), 1e-12);
    assertEquals(0.889503, a.ac1(), 0.000001);
  }

  @Test
  void poor_agreement_is_flagged_for_rewording_and_no_pairs_is_not() {
    Agreement a = Agreement.of(pairs(Answer.YES, Answer.NO, 3, Answer.NO, Answer.YES, 2, Answer.YES, Answer.YES, 2,
        Answer.PARTLY, Answer.NO, 3));
    assertTrue(a.ac1() < Agreement.FLAG_BELOW, "ac1 " + a.ac1());
    assertTrue(a.flagged());
    assertFalse(Agreement.of(List.of()).flagged());
  }

  @Test
  void calibration_counts_matches_against_the_agreed_answers() {
    Map<String, Answer> agreed = Map.of("1:m-seen", Answer.YES, "1:m-pr", Answer.NO, "0:c-household", Answer.PARTLY,
        "1:m-plan", Answer.NA, "2:m-seen", Answer.NO, "2:m-pr", Answer.NO, "2:m-plan", Answer.NO, "1:m-risk",
        Answer.YES, "2:m-risk", Answer.PARTLY, "0:c-challenge", Answer.NO);
    Map<String, Answer> nine = new java.util.HashMap<>(agreed);
    nine.put("2:m-risk", Answer.YES);
    Calibration c = Calibration.score(agreed, nine, 90);
    assertEquals(9, c.matched());
    assertTrue(c.passed(), "9 of 10 reaches 90%");
    nine.remove("1:m-plan");
    assertFalse(Calibration.score(agreed, nine, 90).passed(), "an unanswered agreed item is a mismatch");
  }
}
