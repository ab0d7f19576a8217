package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.gradebook.stats.ChangeReading;
import uk.isafe.practice.gradebook.stats.PracticeBands;
import uk.isafe.practice.gradebook.stats.Suppression;

/**
 * The cohort summary, with the suppression rules already applied (see {@link ChangeReading}): below
 * {@link Suppression#PRIVACY_MIN} pairs nothing about a scale is shown, below {@link Suppression#EFFECT_MIN} no effect
 * size. Always described as self-reported change.
 */
public record CohortSummary(int learners, List<ScaleSummary> scales, Indicators indicators) {

  /**
   * One scale: how many learners answered before and after, and the reading of the change for those with both.
   * A follow-up wave adds a second reading (before → follow-up) beside this one.
   */
  public record ScaleSummary(String key, String toWave, int nPre, int nPost, ChangeReading change,
      boolean sharedOnly) {
    public ScaleSummary(String key, int nPre, int nPost, ChangeReading change) {
      this(key, "post", nPre, nPost, change, false);
    }

    public boolean followUp() {
      return "follow-up".equals(toWave);
    }
  }

  /** Practice indicators over every completed attempt’s choices, or suppressed. */
  public record Indicators(int learners, boolean shown, long reflections, long questions, Double rq,
      PracticeBands.Band rqBand, Double percentComplex, PracticeBands.Band complexBand, long adherent,
      long nonAdherent) {
  }

  public static CohortSummary of(Cohort cohort, Map<String, Long> tagCounts) {
    List<ScaleSummary> scales = new ArrayList<>();
    for (String key : cohort.scaleKeys()) {
      boolean hasPost = cohort.rows().stream().anyMatch(r -> r.scales().get(key).post() != null);
      boolean hasFollowUp = cohort.rows().stream().anyMatch(r -> r.scales().get(key).followUp() != null);
      if (hasPost || !hasFollowUp) {
        scales.add(summary(cohort, key, false));
      }
      if (hasFollowUp) {
        scales.add(summary(cohort, key, true));
      }
    }
    return new CohortSummary(cohort.rows().size(), List.copyOf(scales), indicators(cohort, tagCounts));
  }

  /** Before → after (or before → follow-up) of one scale, for the learners with a comparable pair. */
  private static ScaleSummary summary(Cohort cohort, String key, boolean followUp) {
    int nPre = 0;
    int nLater = 0;
    List<Cohort.Pair> pairs = new ArrayList<>();
    for (Cohort.Row r : cohort.rows()) {
      Cohort.ScaleCell c = r.scales().get(key);
      nPre += c.pre() != null ? 1 : 0;
      nLater += (followUp ? c.followUp() : c.post()) != null ? 1 : 0;
      Cohort.Pair p = followUp ? c.toFollowUp() : c.toPost();
      if (p != null) {
        pairs.add(p);
      }
    }
    double[] a = pairs.stream().mapToDouble(Cohort.Pair::from).toArray();
    double[] b = pairs.stream().mapToDouble(Cohort.Pair::to).toArray();
    return new ScaleSummary(key, followUp ? "follow-up" : "post", nPre, nLater, ChangeReading.of(a, b),
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
}
