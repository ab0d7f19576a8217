package uk.isafe.practice.gradebook;

import java.util.List;
import java.util.Optional;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.Scenario;

/**
 * The authored words behind recorded ids: a scenario’s title, what the character said at a node, the text,
 * reaction and feedback of a choice, an ending’s title. Where the scenario (or that version of it) is not in the
 * library, callers show the ids instead, so history stays readable after content changes.
 */
public final class ScenarioTexts {
  private final ScenarioLibrary library;

  public ScenarioTexts(ScenarioLibrary library) {
    this.library = library;
  }

  public Optional<Scenario> scenario(String id) {
    return library == null ? Optional.empty() : library.get(id).map(s -> s.scenario());
  }

  public String title(String scenarioId) {
    return scenario(scenarioId).map(Scenario::title).orElse(scenarioId);
  }

  /** The version the library serves, to warn when an attempt was made on another version. */
  public Optional<Integer> version(String scenarioId) {
    return scenario(scenarioId).map(Scenario::version);
  }

  public Optional<Node> node(String scenarioId, String nodeId) {
    return scenario(scenarioId).flatMap(s -> s.node(nodeId));
  }

  public Optional<Choice> choice(String scenarioId, String nodeId, String choiceId) {
    return node(scenarioId, nodeId).flatMap(n -> n.choice(choiceId));
  }

  /** “Dan: Who is this?” for a turn; the narration text; or empty. */
  public Optional<String> prompt(String scenarioId, String nodeId) {
    return scenario(scenarioId).flatMap(s -> s.node(nodeId).map(n -> {
      String who = n.speaker() == null ? null : s.castMember(n.speaker()).map(c -> c.name()).orElse(n.speaker());
      return who == null ? n.text() : who + ": " + n.text();
    }));
  }

  public String endingTitle(String scenarioId, String nodeId) {
    return nodeId == null ? "" : node(scenarioId, nodeId).map(Node::title).filter(t -> t != null).orElse(nodeId);
  }

  /** The scenario’s nodes in authored order that offer choices (for the distribution page). */
  public List<Node> turns(String scenarioId) {
    return scenario(scenarioId).map(s -> s.nodes().values().stream().filter(n -> !n.choices().isEmpty()).toList())
        .orElse(List.of());
  }
}
