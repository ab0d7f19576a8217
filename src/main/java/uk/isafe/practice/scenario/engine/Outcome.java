package uk.isafe.practice.scenario.engine;

import java.util.List;
import java.util.Map;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;

/**
 * The result at an ending. {@code competencyScores}: 0..1 fraction per scored competency (C6 included), points
 * (each choice once) over the best reachable path's points, clamped. {@code overall}: weighted mean × 100, one
 * decimal, at most the scenario's safety cap when {@code unsafe}. {@code rawPoints}: the points behind each
 * fraction; {@code maxPoints}: the maxima. {@code unsafeMoments}: every {@code SAFE-} choice made, in order (the
 * debrief names them first); {@code unsafe}: a SAFE- choice, an unsafe ending or the declared unsafe state.
 */
public record Outcome(Node ending, String outcome, Map<String, Double> competencyScores,
    Map<String, Integer> rawPoints, Map<String, Integer> maxPoints, double overall, Indicators indicators,
    List<Entry> transcript, List<Entry> unsafeMoments, boolean unsafe, int cap) {

  /** One line of the conversation: the node shown and the learner's choice (null for a narration continue). */
  public record Entry(Node node, Choice choice) {
  }

  public Outcome {
    competencyScores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(competencyScores));
    rawPoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rawPoints));
    maxPoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(maxPoints));
    transcript = List.copyOf(transcript);
    unsafeMoments = List.copyOf(unsafeMoments);
  }

  /** True when the safety cap lowered the score. */
  public boolean capped(double uncapped) {
    return unsafe && uncapped > cap;
  }
}
