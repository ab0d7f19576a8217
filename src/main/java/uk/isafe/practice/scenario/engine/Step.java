package uk.isafe.practice.scenario.engine;

import java.util.List;
import java.util.Map;

/** One recorded step: a learner choice, or a narration continue ({@code choiceId} "" with no tags or points). */
public record Step(String nodeId, String choiceId, List<String> tags, Map<String, Integer> points) {
  public Step {
    tags = List.copyOf(tags);
    points = Map.copyOf(points);
  }

  public boolean isContinue() {
    return choiceId.isEmpty();
  }
}
