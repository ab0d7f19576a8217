package uk.isafe.practice.scenario.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scenario as authored (format v1, see scenario.schema.json). Immutable; maps keep the authored order.
 *
 * @param weights weight per scored competency including {@link Competencies#MI_SPIRIT} (default 1)
 * @param safety the safety cap and any safety-critical state (default: cap 40)
 */
public record Scenario(String id, int version, String title, String summary, String sourceLocale,
    List<String> locales, int estimatedMinutes, List<String> competencies, Map<String, Double> weights,
    String briefing, List<CastMember> cast, Map<String, VarDecl> state, String start, Map<String, Node> nodes,
    Safety safety) {

  public Scenario {
    locales = List.copyOf(locales);
    competencies = List.copyOf(competencies);
    weights = Map.copyOf(weights);
    cast = List.copyOf(cast);
    state = ModelMaps.ordered(state);
    nodes = ModelMaps.ordered(nodes);
    safety = safety == null ? Safety.DEFAULT : safety;
  }

  public Optional<Node> node(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  public Optional<CastMember> castMember(String castId) {
    return cast.stream().filter(c -> c.id().equals(castId)).findFirst();
  }

  /** The authored competencies followed by C6 (always scored). */
  public List<String> scoredCompetencies() {
    return Competencies.scored(competencies);
  }

  public double weight(String competency) {
    return weights.getOrDefault(competency, 1.0);
  }
}
