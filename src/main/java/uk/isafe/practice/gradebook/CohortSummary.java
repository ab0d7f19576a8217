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
   * @param change     paired change (null when suppressed for privacy); its d_av, g_av and CI are only to be shown
   *                   when {@code effectShown}
   */
  public record ScaleSummary(String key, int nPre, Double preMean, int nPost, Double postMean, int nPaired,
      PairedChange change, boolean effectShown, Suppression.Reason meansSuppressed,
      Suppression.Reason changeSuppressed, Suppression.Reason effectSuppressed) {
  }

  /** Practice indicators over every completed attempt’s choices, or suppressed. */
  public record Indicators(int learners, boolean shown, long reflections, long questions, Double rq,
      PracticeBands.Band rqBand, Double percentComplex, PracticeBands.Band complexBand, long adherent,
      long nonAdherent) {
  }

  public static CohortSummary of(Cohort cohort, Map<String, Long> tagCounts) {
    List<ScaleSummary> scales = new ArrayList<>();
    for (String key : cohort.scaleKeys()) {
      List<Double> pre = new ArrayList<>();
      List<Double> post = new ArrayList<>();
      List<double[]> pairs = new ArrayList<>();
      for (Cohort.Row r : cohort.rows()) {
        Cohort.ScaleCell c = r.scales().get(key);
        if (c.pre() != null) {
          pre.add(c.pre());
        }
        if (c.post() != null) {
          post.add(c.post());
        }
        if (c.change() != null) {
          pairs.add(new double[] {c.pre(), c.post()});
        }
      }
      Suppression.Reason change = Suppression.forCohortFigures(pairs.size());
      Suppression.Reason effect = Suppression.forEffectSize(pairs.size());
      PairedChange pc = null;
      if (change == Suppression.Reason.NONE) {
        double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        pc = PairedChange.of(a, b);
      }
      boolean preShown = Suppression.forCohortFigures(pre.size()) == Suppression.Reason.NONE;
      boolean postShown = Suppression.forCohortFigures(post.size()) == Suppression.Reason.NONE;
      scales.add(new ScaleSummary(key, pre.size(), preShown ? mean(pre) : null, post.size(),
          postShown ? mean(post) : null, pairs.size(), pc, effect == Suppression.Reason.NONE,
          preShown && postShown ? Suppression.Reason.NONE : Suppression.Reason.TOO_FEW_FOR_PRIVACY, change,
          effect));
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

  private static Double mean(List<Double> xs) {
    return xs.isEmpty() ? null : Descriptive.mean(xs.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
