package uk.isafe.practice.scenario.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.scenario.model.Tags;

/**
 * Practice indicators over the chosen tags (never "MITI scores"): reflections = RS+RC+SU, questions = OQ+CQ,
 * adherent = AF+SC+EA, non-adherent = PER+CON+RR+WARN.
 */
public record Indicators(int reflections, int questions, int simpleReflections, int complexReflections,
    int adherent, int nonAdherent, int safePlus, int safeMinus) {

  /** Guideline bands for orientation (MITI: R:Q 1:1 fair, 2:1 good; complex 40% fair, 50% good). */
  public enum Band {
    NOT_APPLICABLE, BELOW, FAIR, GOOD
  }

  public static Indicators of(List<Step> steps) {
    int r = 0;
    int q = 0;
    int rs = 0;
    int rc = 0;
    int ad = 0;
    int non = 0;
    int sp = 0;
    int sm = 0;
    for (Step s : steps) {
      for (String t : s.tags()) {
        r += Tags.REFLECTIONS.contains(t) ? 1 : 0;
        q += Tags.QUESTIONS.contains(t) ? 1 : 0;
        rs += t.equals("RS") ? 1 : 0;
        rc += t.equals("RC") ? 1 : 0;
        ad += Tags.ADHERENT.contains(t) ? 1 : 0;
        non += Tags.INCONSISTENT.contains(t) ? 1 : 0;
        sp += t.equals(Tags.SAFE_PLUS) ? 1 : 0;
        sm += t.equals(Tags.SAFE_MINUS) ? 1 : 0;
      }
    }
    return new Indicators(r, q, rs, rc, ad, non, sp, sm);
  }

  /** Reflections per question; null when no question was asked. */
  public Double reflectionToQuestion() {
    return questions == 0 ? null : (double) reflections / questions;
  }

  /** Complex reflections as a percentage of RS+RC; null when there were none. */
  public Double percentComplex() {
    int all = simpleReflections + complexReflections;
    return all == 0 ? null : 100.0 * complexReflections / all;
  }

  public Band reflectionToQuestionBand() {
    if (questions == 0) {
      return reflections == 0 ? Band.NOT_APPLICABLE : Band.GOOD;
    }
    double ratio = reflectionToQuestion();
    return ratio >= 2 ? Band.GOOD : ratio >= 1 ? Band.FAIR : Band.BELOW;
  }

  public Band complexBand() {
    Double pct = percentComplex();
    return pct == null ? Band.NOT_APPLICABLE : pct >= 50 ? Band.GOOD : pct >= 40 ? Band.FAIR : Band.BELOW;
  }

  /** The shape stored in scenario_attempt.indicators. */
  public Map<String, Integer> asMap() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("reflections", reflections);
    m.put("questions", questions);
    m.put("complexReflections", complexReflections);
    m.put("adherent", adherent);
    m.put("nonAdherent", nonAdherent);
    m.put("safePlus", safePlus);
    m.put("safeMinus", safeMinus);
    return m;
  }
}
