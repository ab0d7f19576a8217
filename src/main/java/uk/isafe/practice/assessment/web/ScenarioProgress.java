package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A learner's progress through scenarios, read from the scenario feature's {@code scenario_attempt} table (contract
 * in CONTRACTS.md). Defensive: when that table does not exist (scenario feature not installed) the answer is empty,
 * meaning "unknown", and the pathway does not block on it.
 */
final class ScenarioProgress {
  static final String TABLE_EXISTS = "SELECT to_regclass('scenario_attempt') IS NOT NULL AS present";
  static final String STATUS = """
      SELECT scenario_id, bool_or(status = 'completed') AS completed
      FROM scenario_attempt
      WHERE course_id = $1 AND person_id = $2 AND scenario_id = ANY($3) AND COALESCE(resource_link_id, 0) = $4
      GROUP BY scenario_id""";

  enum Status { NOT_STARTED, IN_PROGRESS, COMPLETED }

  /**
   * Status per scenario id in one activity ({@code linkId}, the resource link; 0 for none): only attempts started in
   * that activity count. Absent ids: not started. Empty when scenario attempts are not recorded here.
   */
  Future<Optional<Map<String, Status>>> of(SqlClient sql, long courseId, long personId, long linkId,
      List<String> scenarioIds) {
    return sql.query(TABLE_EXISTS).execute().compose(rows -> {
      if (!rows.iterator().next().getBoolean("present")) {
        return Future.succeededFuture(Optional.empty());
      }
      return sql.preparedQuery(STATUS).execute(Tuple.of(courseId, personId, scenarioIds.toArray(String[]::new), linkId))
          .map(result -> {
            Map<String, Status> out = new HashMap<>();
            for (Row r : result) {
              out.put(r.getString("scenario_id"), r.getBoolean("completed") ? Status.COMPLETED : Status.IN_PROGRESS);
            }
            return Optional.of(out);
          });
    });
  }
}
