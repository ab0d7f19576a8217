package uk.isafe.practice.gradebook.stats;

/**
 * Practice indicators of a cohort against MITI 4.2.1’s guideline bands, shown for orientation only (menu choices are
 * not a coded conversation: never call these MITI scores). R:Q = reflections (RS + RC + SU) per question (OQ + CQ):
 * 1:1 fair, 2:1 good. % complex = RC / (RS + RC): 40% fair, 50% good.
 */
public final class PracticeBands {
  public static final double RQ_FAIR = 1.0;
  public static final double RQ_GOOD = 2.0;
  public static final double COMPLEX_FAIR = 40.0;
  public static final double COMPLEX_GOOD = 50.0;

  public enum Band {
    NOT_APPLICABLE, BELOW, FAIR, GOOD
  }

  private PracticeBands() {
  }

  /** Reflections per question, null when no question was chosen. */
  public static Double reflectionToQuestion(long reflections, long questions) {
    return questions == 0 ? null : (double) reflections / questions;
  }

  /** Complex reflections as a percentage of simple + complex reflections, null when there were none. */
  public static Double percentComplex(long simple, long complex) {
    long all = simple + complex;
    return all == 0 ? null : 100.0 * complex / all;
  }

  public static Band rqBand(Double ratio) {
    return ratio == null ? Band.NOT_APPLICABLE : ratio >= RQ_GOOD ? Band.GOOD : ratio >= RQ_FAIR ? Band.FAIR
        : Band.BELOW;
  }

  public static Band complexBand(Double percent) {
    return percent == null ? Band.NOT_APPLICABLE : percent >= COMPLEX_GOOD ? Band.GOOD
        : percent >= COMPLEX_FAIR ? Band.FAIR : Band.BELOW;
  }
}
