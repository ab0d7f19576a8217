package uk.isafe.practice.gradebook.stats;

/**
 * A scale's self-reported change between two waves, read for a non-statistician: how many learners rose, fell or
 * stayed the same, the means, the size of the change in words, and every statistic either defined or with the reason
 * it is not ({@link Why}). Suppression is applied here, so a page never shows a figure this record does not hold.
 * Pure: no I/O. The waves are whatever the caller pairs (before → after now; before → follow-up slots in the same way).
 *
 * @param pairs  learners with a score at both waves
 * @param rose   learners whose score went up (null when suppressed for privacy); likewise {@code fell}, {@code same}
 */
public record ChangeReading(int pairs, Integer rose, Integer fell, Integer same, Figure before, Figure after,
    Figure beforeSd, Figure afterSd, Figure change, Figure changeLow, Figure changeHigh, Figure dav, Figure davLow,
    Figure davHigh, Figure gav, Figure dz, Direction direction, Size size) {

  /** Why a figure is not shown. */
  public enum Why {
    /** Fewer than {@link Suppression#PRIVACY_MIN} learners: a cohort figure could point at someone. */
    TOO_FEW_FOR_PRIVACY,
    /** Fewer than {@link Suppression#EFFECT_MIN} learners: an effect size would be mostly noise. */
    TOO_FEW_FOR_EFFECT_SIZE,
    /** Fewer than two learners: there is no spread to measure. */
    TOO_FEW_FOR_SPREAD,
    /** Everyone gave the same score before and the same after: there is no spread to compare the change with. */
    NO_SPREAD,
    /** Everyone changed by exactly the same amount: the changes have no spread to divide by. */
    SAME_CHANGE_FOR_EVERYONE,
    /** Hedges' correction needs at least three learners. */
    TOO_FEW_FOR_CORRECTION
  }

  /** Which way the average moved (by at least 0.05 of a scale point), or unknown when suppressed. */
  public enum Direction {
    ROSE, FELL, NO_CHANGE, UNKNOWN
  }

  /** The size of the change in words, from Hedges' g_av (Cohen's conventional cut-offs 0.2, 0.5, 0.8). */
  public enum Size {
    NEGLIGIBLE, SMALL, MEDIUM, LARGE,
    /** 2 or more: usually a sign that scores were tightly bunched, so the standardised figure exaggerates. */
    VERY_LARGE,
    UNKNOWN
  }

  /** A number, or the reason there is none. */
  public record Figure(Double value, Why why) {
    static Figure of(Double v, Why otherwise) {
      return v == null ? new Figure(null, otherwise) : new Figure(v, null);
    }

    static Figure none(Why why) {
      return new Figure(null, why);
    }

    public boolean shown() {
      return value != null;
    }
  }

  /** A change this small (in scale points) counts as no change on average. */
  public static final double NO_CHANGE_BELOW = 0.05;

  /** Paired scores: {@code before[i]} and {@code after[i]} belong to the same learner. */
  public static ChangeReading of(double[] before, double[] after) {
    if (before.length != after.length) {
      throw new IllegalArgumentException("scores must be paired: " + before.length + " vs " + after.length);
    }
    int n = before.length;
    if (Suppression.forCohortFigures(n) != Suppression.Reason.NONE) {
      Figure p = Figure.none(Why.TOO_FEW_FOR_PRIVACY);
      return new ChangeReading(n, null, null, null, p, p, p, p, p, p, p, p, p, p, p, p, Direction.UNKNOWN,
          Size.UNKNOWN);
    }
    int rose = 0;
    int fell = 0;
    for (int i = 0; i < n; i++) {
      double d = after[i] - before[i];
      if (d > Descriptive.NOISE) {
        rose++;
      } else if (d < -Descriptive.NOISE) {
        fell++;
      }
    }
    PairedChange c = PairedChange.of(before, after);
    Why spread = n < 2 ? Why.TOO_FEW_FOR_SPREAD : null;
    Figure changeLow = Figure.of(c.diffLow(), spread);
    Figure changeHigh = Figure.of(c.diffHigh(), spread);
    Figure dav;
    Figure davLow;
    Figure davHigh;
    Figure gav;
    Figure dz;
    if (Suppression.forEffectSize(n) != Suppression.Reason.NONE) {
      Figure e = Figure.none(Why.TOO_FEW_FOR_EFFECT_SIZE);
      dav = e;
      davLow = e;
      davHigh = e;
      gav = e;
      dz = e;
    } else {
      Why noDav = spread != null ? spread : Why.NO_SPREAD;
      dav = Figure.of(c.dav(), noDav);
      davLow = Figure.of(c.davLow(), noDav);
      davHigh = Figure.of(c.davHigh(), noDav);
      gav = Figure.of(c.gav(), c.dav() == null ? noDav : Why.TOO_FEW_FOR_CORRECTION);
      dz = Figure.of(c.dz(), spread != null ? spread : Why.SAME_CHANGE_FOR_EVERYONE);
    }
    Direction direction = c.meanDiff() >= NO_CHANGE_BELOW ? Direction.ROSE
        : c.meanDiff() <= -NO_CHANGE_BELOW ? Direction.FELL : Direction.NO_CHANGE;
    Double effect = gav.shown() ? gav.value() : dav.value();
    return new ChangeReading(n, rose, fell, n - rose - fell, Figure.of(c.preMean(), null),
        Figure.of(c.postMean(), null), Figure.of(c.preSd(), spread), Figure.of(c.postSd(), spread),
        Figure.of(c.meanDiff(), null), changeLow, changeHigh, dav, davLow, davHigh, gav, dz, direction, size(effect));
  }

  /** The size word for an effect size (sign ignored); unknown when there is none. */
  public static Size size(Double effect) {
    if (effect == null) {
      return Size.UNKNOWN;
    }
    double a = Math.abs(effect);
    return a < 0.2 ? Size.NEGLIGIBLE : a < 0.5 ? Size.SMALL : a < 0.8 ? Size.MEDIUM : a < 2.0 ? Size.LARGE
        : Size.VERY_LARGE;
  }

  /** True when the interval for d_av is shown and runs from below zero to above it: it may be no real change. */
  public boolean intervalIncludesNoChange() {
    return davLow.shown() && davHigh.shown() && davLow.value() < 0 && davHigh.value() > 0;
  }
}
