package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;

/**
 * Where the gradebook learns whether each learner’s results reached the LMS. The grades (AGS) branch provides
 * {@code GradeStatusRepository.forCourse(SqlClient, courseId)}; an adapter to it replaces {@link #notAvailable()}
 * when that branch is merged. Values are summary keys: {@code sent}, {@code queued}, {@code failed},
 * {@code not_sent} (anonymous launch or no grade service).
 */
@FunctionalInterface
public interface GradeDeliveryStatuses {
  Future<Map<Long, String>> forCourse(SqlClient client, long courseId);

  /** Until the grades branch lands: no learner has a known delivery status. */
  static GradeDeliveryStatuses notAvailable() {
    return (client, courseId) -> Future.succeededFuture(Map.of());
  }
}
