package uk.isafe.practice.scenario.play;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts this instance has just shown to learners, keyed by attempt id, so that the step posted from the page
 * does not read the attempt again. An entry is only used for the exact step token it was shown with: a step token
 * is random and replaced by every step, so the attempt's steps at that token cannot have changed, and the step
 * write itself is conditional on the token still being current in the database (a stale or double submission,
 * here or on another instance, writes nothing and is then answered from a fresh read). Entries are taken once;
 * bounded by dropping everything past {@link #MAX_ENTRIES} (a miss only costs the read).
 */
final class RecentAttempts {
  static final int MAX_ENTRIES = 20_000;

  private final Map<UUID, AttemptRow> shown = new ConcurrentHashMap<>();

  void shown(AttemptRow a) {
    if (a.completed()) {
      return;
    }
    if (shown.size() >= MAX_ENTRIES) {
      shown.clear();
    }
    shown.put(a.id(), a);
  }

  /** The attempt as shown with {@code token}, if it is the learner's own, in this course and scenario. */
  Optional<AttemptRow> take(UUID id, String token, long courseId, long personId, String scenarioId) {
    AttemptRow a = shown.remove(id);
    if (a == null || token == null || !token.equals(a.stepToken()) || a.courseId() != courseId
        || a.personId() != personId || !a.scenarioId().equals(scenarioId)) {
      return Optional.empty();
    }
    return Optional.of(a);
  }
}
