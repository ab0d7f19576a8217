package uk.isafe.practice.scenario.engine;

import java.util.List;
import uk.isafe.practice.scenario.model.CastMember;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;

/**
 * What to show now. {@code speaker} is null when the node has none. {@code previousChoice} is the choice just made
 * (its reaction and feedback belong on this page), null at the start or after a narration continue.
 * {@code progress} is 0..1.
 */
public record TurnView(Node node, CastMember speaker, List<Choice> enabledChoices, boolean isEnd, double progress,
    int turnsTaken, Choice previousChoice) {
  public TurnView {
    enabledChoices = List.copyOf(enabledChoices);
  }

  public NodeKind kind() {
    return node.kind();
  }

  public String text() {
    return node.text();
  }

  public String scene() {
    return node.scene();
  }
}
