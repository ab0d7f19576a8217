package uk.isafe.practice.scenario.model;

import java.util.List;
import java.util.Optional;

/**
 * A node of any kind; fields that do not apply to the kind are null (strings) or empty (lists).
 * turn: speaker, text, scene?, choices. narration: text, scene?, speaker?, next. branch: routes.
 * end: outcome, title, text, scene?, debrief.
 */
public record Node(String id, NodeKind kind, String speaker, String text, String scene, List<Choice> choices,
    String next, List<Route> routes, String outcome, String title, String debrief) {

  public Node {
    choices = choices == null ? List.of() : List.copyOf(choices);
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  public boolean isEnd() {
    return kind == NodeKind.END;
  }

  public Optional<Choice> choice(String choiceId) {
    return choices.stream().filter(c -> c.id().equals(choiceId)).findFirst();
  }
}
