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
  public record ScaleSummary(String key, int nPre, int nPost, ChangeReading change) {
  }

  /** Practice indicators over every completed attempt’s choices, or suppressed. */
  public record Indicators(int learners, boolean shown, long reflections, long questions, Double rq,
      PracticeBands.Band rqBand, Double percentComplex, PracticeBands.Band complexBand, long adherent,
      long nonAdherent) {
  }

  public static CohortSummary of(Cohort cohort, Map<String, Long> tagCounts) {
    List<ScaleSummary> scales = new ArrayList<>();
    for (String key : cohort.scaleKeys()) {
      int nPre = 0;
      int nPost = 0;
      List<double[]> pairs = new ArrayList<>();
      for (Cohort.Row r : cohort.rows()) {
        Cohort.ScaleCell c = r.scales().get(key);
        nPre += c.pre() != null ? 1 : 0;
        nPost += c.post() != null ? 1 : 0;
        if (c.change() != null) {
          pairs.add(new double[] {c.pre(), c.post()});
        }
      }
      double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
      scales.add(new ScaleSummary(key, nPre, nPost, ChangeReading.of(a, b)));
    }
    return new CohortSummary(cohort.rows().size(), List.copyOf(scales), indicators(cohort, tagCounts));
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
