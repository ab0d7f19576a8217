package uk.isafe.practice.gradebook.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SuppressionTest {
  @Test
  void cohort_figures_are_hidden_below_five_learners() {
    assertEquals(Suppression.Reason.TOO_FEW_FOR_PRIVACY, Suppression.forCohortFigures(0));
    assertEquals(Suppression.Reason.TOO_FEW_FOR_PRIVACY, Suppression.forCohortFigures(4));
    assertEquals(Suppression.Reason.NONE, Suppression.forCohortFigures(5));
  }

  @Test
  void effect_sizes_are_hidden_below_ten_paired_learners() {
    assertEquals(Suppression.Reason.TOO_FEW_FOR_PRIVACY, Suppression.forEffectSize(4));
    assertEquals(Suppression.Reason.TOO_FEW_FOR_EFFECT_SIZE, Suppression.forEffectSize(5));
    assertEquals(Suppression.Reason.TOO_FEW_FOR_EFFECT_SIZE, Suppression.forEffectSize(9));
    assertEquals(Suppression.Reason.NONE, Suppression.forEffectSize(10));
  }

  @Test
  void practice_indicators_fall_into_the_guideline_bands() {
    assertEquals(PracticeBands.Band.BELOW, PracticeBands.rqBand(PracticeBands.reflectionToQuestion(9, 10)));
    assertEquals(PracticeBands.Band.FAIR, PracticeBands.rqBand(PracticeBands.reflectionToQuestion(10, 10)));
    assertEquals(PracticeBands.Band.GOOD, PracticeBands.rqBand(PracticeBands.reflectionToQuestion(20, 10)));
    assertEquals(PracticeBands.Band.NOT_APPLICABLE, PracticeBands.rqBand(PracticeBands.reflectionToQuestion(3, 0)));
    assertEquals(PracticeBands.Band.BELOW, PracticeBands.complexBand(PracticeBands.percentComplex(61, 39)));
    assertEquals(PracticeBands.Band.FAIR, PracticeBands.complexBand(PracticeBands.percentComplex(6, 4)));
    assertEquals(PracticeBands.Band.GOOD, PracticeBands.complexBand(PracticeBands.percentComplex(1, 1)));
    assertEquals(PracticeBands.Band.NOT_APPLICABLE, PracticeBands.complexBand(PracticeBands.percentComplex(0, 0)));
  }
}
