package uk.isafe.practice.scenario.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a learner is: the resting node (never a branch), the variables (booleans as 0/1, in declaration order) and
 * every step taken. {@code chosen.stream().map(Step::choiceId)} replays to the same state.
 */
public record PlayState(String nodeId, Map<String, Integer> vars, List<Step> chosen) {
  public PlayState {
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    chosen = List.copyOf(chosen);
  }

  /** The ids to pass to {@link Engine#replay(List)}. */
  public List<String> choiceIds() {
    return chosen.stream().map(Step::choiceId).toList();
  }

  /** Learner turns taken (narration continues excluded). */
  public int turnsTaken() {
    return (int) chosen.stream().filter(s -> !s.isContinue()).count();
  }
}
