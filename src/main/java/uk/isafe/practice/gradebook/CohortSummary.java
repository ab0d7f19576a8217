package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.gradebook.stats.Descriptive;
import uk.isafe.practice.gradebook.stats.PairedChange;
import uk.isafe.practice.gradebook.stats.PracticeBands;
import uk.isafe.practice.gradebook.stats.Suppression;

/**
 * The cohort summary, with the suppression rules already applied: a scale’s means are null below
 * {@link Suppression#PRIVACY_MIN} respondents, its paired change below that many pairs, and its effect sizes below
 * {@link Suppression#EFFECT_MIN} pairs. Always described as self-reported change.
 */
public record CohortSummary(int learners, List<ScaleSummary> scales, Indicators indicators) {

  /**
   * One scale's change from pre to one later wave.
   *
   * @param toWave     {@code post} or {@code follow-up}
   * @param nPost      learners with a score at the later wave; {@code postMean} its mean
   * @param change     paired change (null when suppressed for privacy); its d_av, g_av and CI are only to be shown
   *                   when {@code effectShown}
   * @param sharedOnly some pairs were compared on the items two versions share only
   */
  public record ScaleSummary(String key, String toWave, int nPre, Double preMean, int nPost, Double postMean,
      int nPaired, PairedChange change, boolean effectShown, Suppression.Reason meansSuppressed,
      Suppression.Reason changeSuppressed, Suppression.Reason effectSuppressed, boolean sharedOnly) {
  }

  /** Practice indicators over every completed attempt’s choices, or suppressed. */
  public record Indicators(int learners, boolean shown, long reflections, long questions, Double rq,
      PracticeBands.Band rqBand, Double percentComplex, PracticeBands.Band complexBand, long adherent,
      long nonAdherent) {
  }

  /**
   * Per scale: pre → post (when anyone has a post score, or nobody has a later one yet) and pre → follow-up (when
   * anyone has a follow-up score).
   */
  public static CohortSummary of(Cohort cohort, Map<String, Long> tagCounts) {
    List<ScaleSummary> scales = new ArrayList<>();
    for (String key : cohort.scaleKeys()) {
      boolean hasPost = cohort.rows().stream().anyMatch(r -> r.scales().get(key).post() != null);
      boolean hasFollowUp = cohort.rows().stream().anyMatch(r -> r.scales().get(key).followUp() != null);
      if (hasPost || !hasFollowUp) {
        scales.add(summary(cohort, key, "post"));
      }
      if (hasFollowUp) {
        scales.add(summary(cohort, key, "follow-up"));
      }
    }
    return new CohortSummary(cohort.rows().size(), List.copyOf(scales), indicators(cohort, tagCounts));
  }

  private static ScaleSummary summary(Cohort cohort, String key, String toWave) {
    boolean followUp = "follow-up".equals(toWave);
    List<Double> pre = new ArrayList<>();
    List<Double> later = new ArrayList<>();
    List<Cohort.Pair> pairs = new ArrayList<>();
    for (Cohort.Row r : cohort.rows()) {
      Cohort.ScaleCell c = r.scales().get(key);
      if (c.pre() != null) {
        pre.add(c.pre());
      }
      Double l = followUp ? c.followUp() : c.post();
      if (l != null) {
        later.add(l);
      }
      Cohort.Pair p = followUp ? c.toFollowUp() : c.toPost();
      if (p != null) {
        pairs.add(p);
      }
    }
    Suppression.Reason change = Suppression.forCohortFigures(pairs.size());
    Suppression.Reason effect = Suppression.forEffectSize(pairs.size());
    PairedChange pc = null;
    if (change == Suppression.Reason.NONE) {
      pc = PairedChange.of(pairs.stream().mapToDouble(Cohort.Pair::from).toArray(),
          pairs.stream().mapToDouble(Cohort.Pair::to).toArray());
    }
    boolean preShown = Suppression.forCohortFigures(pre.size()) == Suppression.Reason.NONE;
    boolean laterShown = Suppression.forCohortFigures(later.size()) == Suppression.Reason.NONE;
    return new ScaleSummary(key, toWave, pre.size(), preShown ? mean(pre) : null, later.size(),
        laterShown ? mean(later) : null, pairs.size(), pc, effect == Suppression.Reason.NONE,
        preShown && laterShown ? Suppression.Reason.NONE : Suppression.Reason.TOO_FEW_FOR_PRIVACY, change, effect,
        pairs.stream().anyMatch(Cohort.Pair::sharedOnly));
  }

  private static Indicators indicators(Cohort cohort, Map<String, Long> tags) {
    int learners = (int) cohort.rows().stream()
        .filter(r -> r.scenarios().values().stream().anyMatch(s -> s.completed() > 0)).count();
    boolean shown = Suppression.forCohortFigures(learners) == Suppression.Reason.NONE;
    long rs = tags.getOrDefault("RS", 0L);
    long rc = tags.getOrDefault("RC", 0L);
    long reflections = rs + rc + tags.getOrDefault("SU", 0L);
    long questions = tags.getOrDefault("OQ", 0L) + tags.getOrDefault("CQ", 0L);
    long adherent = tags.getOrDefault("AF", 0L) + tags.getOrDefault("SC", 0L) + tags.getOrDefault("EA", 0L);
    long non = tags.getOrDefault("CON", 0L) + tags.getOrDefault("PER", 0L) + tags.getOrDefault("RR", 0L)
        + tags.getOrDefault("WARN", 0L);
    Double rq = PracticeBands.reflectionToQuestion(reflections, questions);
    Double pct = PracticeBands.percentComplex(rs, rc);
    return new Indicators(learners, shown, reflections, questions, rq, PracticeBands.rqBand(rq), pct,
        PracticeBands.complexBand(pct), adherent, non);
  }

  private static Double mean(List<Double> xs) {
    return xs.isEmpty() ? null : Descriptive.mean(xs.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
