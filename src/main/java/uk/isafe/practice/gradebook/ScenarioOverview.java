package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.List;
import uk.isafe.practice.gradebook.stats.Suppression;

/** Per scenario: how many learners completed it and their mean best score (suppressed below five learners). */
record ScenarioOverview(String title, long completedBy, String meanBest) {

  static List<ScenarioOverview> of(Cohort cohort, ScenarioTexts texts) {
    List<ScenarioOverview> out = new ArrayList<>();
    for (String id : cohort.scenarioIds()) {
      List<Double> best = new ArrayList<>();
      for (Cohort.Row r : cohort.rows()) {
        Cohort.ScenarioCell c = r.scenarios().get(id);
        if (c != null && c.best() != null) {
          best.add(c.best());
        }
      }
      boolean shown = Suppression.forCohortFigures(best.size()) == Suppression.Reason.NONE;
      out.add(new ScenarioOverview(texts.title(id), best.size(),
          shown ? Fmt.score(best.stream().mapToDouble(Double::doubleValue).average().orElse(0)) : null));
    }
    return out;
  }
}
