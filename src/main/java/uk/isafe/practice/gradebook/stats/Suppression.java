package uk.isafe.practice.gradebook.stats;

/**
 * When cohort figures may be shown. Below {@link #PRIVACY_MIN} learners any cohort figure (means, distributions,
 * percentages) could point at an individual, so none is shown; below {@link #EFFECT_MIN} paired learners an effect
 * size is mostly noise, so means are shown but d_av, g_av and their interval are not.
 */
public final class Suppression {
  public static final int PRIVACY_MIN = 5;
  public static final int EFFECT_MIN = 10;

  /** Why a figure is not shown; {@code NONE} when it is. */
  public enum Reason {
    NONE, TOO_FEW_FOR_PRIVACY, TOO_FEW_FOR_EFFECT_SIZE
  }

  private Suppression() {
  }

  public static Reason forCohortFigures(int n) {
    return n < PRIVACY_MIN ? Reason.TOO_FEW_FOR_PRIVACY : Reason.NONE;
  }

  public static Reason forEffectSize(int n) {
    if (n < PRIVACY_MIN) {
      return Reason.TOO_FEW_FOR_PRIVACY;
    }
    return n < EFFECT_MIN ? Reason.TOO_FEW_FOR_EFFECT_SIZE : Reason.NONE;
  }
}
