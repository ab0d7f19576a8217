package uk.isafe.practice.scenario.engine;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.Tags;

/**
 * Whether the best option can be found without reading: per reachable turn, is the top-scored option (weighted
 * points, C6 included; a SAFE- option never counts as top) also the longest, or the first as written; and where
 * do the strategies "always the first option" and "always the longest option" end.
 *
 * @param turns reachable learner turns
 * @param longestIsTop turns where the longest option is a top-scored one
 * @param firstIsTop turns where the first written option is a top-scored one
 * @param best the best path's score (100 when the maxima are reachable)
 */
public record Balance(int turns, int longestIsTop, int firstIsTop, double best, Strategy first, Strategy longest,
    String bestOutcome) {

  /** Where a strategy ends: ending id, outcome, overall score, learner turns. */
  public record Strategy(String endingId, String outcome, double overall, int turns, boolean unsafe) {
  }

  public double longestShare() {
    return turns == 0 ? 0 : (double) longestIsTop / turns;
  }

  /** Does this strategy end with the best path's outcome, safely? */
  public boolean reachesBest(Strategy s) {
    return s != null && bestOutcome != null && s.outcome().equals(bestOutcome) && !s.unsafe();
  }

  public static Balance measure(LoadedScenario loaded) {
    Scenario sc = loaded.scenario();
    ScenarioAnalysis analysis = loaded.analysis();
    int turns = 0;
    int longestTop = 0;
    int firstTop = 0;
    for (Node n : sc.nodes().values()) {
      if (n.kind() != NodeKind.TURN || !analysis.reachableNodes().contains(n.id()) || n.choices().isEmpty()) {
        continue;
      }
      turns++;
      double top = n.choices().stream().mapToDouble(c -> value(sc, c)).max().orElse(0);
      if (value(sc, longest(n.choices())) == top) {
        longestTop++;
      }
      if (value(sc, n.choices().get(0)) == top) {
        firstTop++;
      }
    }
    Engine engine = new Engine(loaded);
    BestPath bp = analysis.bestPath();
    double best = bp == null ? 0 : walk(engine, bp.steps()).overall();
    return new Balance(turns, longestTop, firstTop, best, strategy(engine, cs -> cs.get(0)),
        strategy(engine, Balance::longest), bp == null ? null : bp.outcome());
  }

  /** Σ weight × points (C6 included); a SAFE- option is never the top one. */
  static double value(Scenario sc, Choice c) {
    if (c.tags().contains(Tags.SAFE_MINUS)) {
      return Double.NEGATIVE_INFINITY;
    }
    double v = 0;
    for (String comp : sc.scoredCompetencies()) {
      int p = comp.equals(Competencies.MI_SPIRIT) ? c.miSpiritPoints() : c.points().getOrDefault(comp, 0);
      v += sc.weight(comp) * p;
    }
    return v;
  }

  /** The longest option by text length (the first of equals). */
  static Choice longest(List<Choice> choices) {
    return choices.stream().max(Comparator.comparingInt((Choice c) -> c.text().length())
        .thenComparing(c -> -choices.indexOf(c))).orElseThrow();
  }

  private static Strategy strategy(Engine engine, Function<List<Choice>, Choice> pick) {
    PlayState s = engine.start();
    java.util.Set<String> seen = new java.util.HashSet<>();
    // a strategy is deterministic: back in a (node, state) it has been in, it loops for ever
    while (seen.add(s.nodeId() + s.vars())) {
      TurnView v = engine.view(s);
      if (v.isEnd()) {
        Outcome o = engine.outcome(s);
        return new Strategy(o.ending().id(), o.outcome(), o.overall(), s.turnsTaken(), o.unsafe());
      }
      s = v.kind() == NodeKind.NARRATION ? engine.advance(s) : engine.choose(s, pick.apply(v.enabledChoices()).id());
    }
    return null;
  }

  private static Outcome walk(Engine engine, List<String> steps) {
    PlayState s = engine.start();
    for (String step : steps) {
      while (engine.view(s).kind() == NodeKind.NARRATION) {
        s = engine.advance(s);
      }
      s = engine.choose(s, step.substring(step.indexOf('/') + 1));
    }
    while (engine.view(s).kind() == NodeKind.NARRATION) {
      s = engine.advance(s);
    }
    return engine.outcome(s);
  }
}
