package uk.isafe.practice.scenario.play;

import java.util.ArrayList;
import java.util.List;
import uk.isafe.practice.web.HttpProblem;

/**
 * A preview's place, carried in the page's links and forms instead of the database: the steps taken so far as
 * comma-separated choice ids, {@code _} for a narration continue. The engine re-derives the state from it
 * ({@code Engine.replay}), so a tampered path can only reach places the scenario allows; nothing is recorded.
 */
final class PreviewPath {
  static final String CONTINUE = "_";
  private static final int MAX_STEPS = 500;

  private PreviewPath() {
  }

  static List<String> parse(String raw) {
    List<String> steps = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      return steps;
    }
    for (String part : raw.split(",", -1)) {
      if (!part.equals(CONTINUE) && !part.matches("[a-z0-9][a-z0-9-]{1,63}")) {
        throw HttpProblem.badRequest("bad-preview-path", "scenario.error.previewPath");
      }
      steps.add(part.equals(CONTINUE) ? "" : part);
    }
    if (steps.size() > MAX_STEPS) {
      throw HttpProblem.badRequest("bad-preview-path", "scenario.error.previewPath");
    }
    return steps;
  }

  static String format(List<String> steps) {
    return String.join(",", steps.stream().map(s -> s.isEmpty() ? CONTINUE : s).toList());
  }
}
