package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.isafe.practice.grades.GradeStatusRepository;

/**
 * Whether each learner’s results reached the LMS, summarised per learner for the cohort table as one key:
 * {@code failed} (any refused for good), {@code queued} (any waiting), {@code sent} (all delivered),
 * {@code not_sent} (kept in the tool: anonymous launch or no grade service); learners with no counted result are
 * absent.
 */
@FunctionalInterface
public interface GradeDeliveryStatuses {
  Future<Map<Long, String>> forCourse(SqlClient client, long courseId);

  /** From the grades outbox ({@link GradeStatusRepository#forCourse}), one query for the whole course. */
  static GradeDeliveryStatuses fromGradesOutbox() {
    GradeStatusRepository repo = new GradeStatusRepository();
    return (client, courseId) -> repo.forCourse(client, courseId).map(GradeDeliveryStatuses::summarise);
  }

  /** For tests or a deployment without grades: no learner has a known delivery status. */
  static GradeDeliveryStatuses notAvailable() {
    return (client, courseId) -> Future.succeededFuture(Map.of());
  }

  static Map<Long, String> summarise(List<GradeStatusRepository.GradeStatus> statuses) {
    Map<Long, Set<GradeStatusRepository.Status>> byPerson = new HashMap<>();
    for (GradeStatusRepository.GradeStatus s : statuses) {
      byPerson.computeIfAbsent(s.personId(), k -> EnumSet.noneOf(GradeStatusRepository.Status.class))
          .add(s.status());
    }
    Map<Long, String> out = new HashMap<>();
    byPerson.forEach((person, set) -> out.put(person,
        set.contains(GradeStatusRepository.Status.FAILED) ? "failed"
            : set.contains(GradeStatusRepository.Status.QUEUED) ? "queued"
            : set.contains(GradeStatusRepository.Status.DELIVERED) ? "sent" : "not_sent"));
    return out;
  }
}
