package uk.isafe.practice.scenario.play;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Scenario attempts and their append-only choice events. Every read is scoped by course and person; every write
 * that moves a learner on is conditional on the step token they were shown, so a form can count only once.
 */
public final class AttemptRepository {
  static final String LATEST = "SELECT " + AttemptRow.COLUMNS + """
       FROM scenario_attempt a
      WHERE a.course_id = $1 AND a.person_id = $2 AND a.scenario_id = $3
      ORDER BY a.attempt_no DESC LIMIT 1""";

  static final String BY_ID = "SELECT " + AttemptRow.COLUMNS + """
       FROM scenario_attempt a
      WHERE a.id = $1 AND a.course_id = $2 AND a.person_id = $3 AND a.scenario_id = $4""";

  static final String HISTORY = "SELECT " + AttemptRow.SUMMARY_COLUMNS + """
       FROM scenario_attempt a
      WHERE a.course_id = $1 AND a.person_id = $2 AND a.scenario_id = $3
      ORDER BY a.attempt_no DESC LIMIT 20""";

  /** A new attempt numbered after the latest, only if the latest is still the one the learner saw. */
  static final String INSERT_AFTER = """
      INSERT INTO scenario_attempt (id, course_id, resource_link_id, person_id, scenario_id, scenario_version,
        content_hash, attempt_no, status, current_node, started_at, updated_at, step_token, feedback_mode)
      SELECT $1, $2, $3, $4, $5, $6, $7, coalesce(max(attempt_no), 0) + 1, 'in_progress', $8, $9, $9, $10, $11
        FROM scenario_attempt
       WHERE course_id = $2 AND person_id = $4 AND scenario_id = $5
      HAVING coalesce(max(attempt_no), 0) = $12
      ON CONFLICT (course_id, person_id, scenario_id, attempt_no) DO NOTHING
      RETURNING attempt_no""";

  /** Moves the attempt on and appends the event in one statement, only when the step token still matches. */
  static final String RECORD_STEP = """
      WITH moved AS (
        UPDATE scenario_attempt SET step_token = $3, current_node = $4, updated_at = $5
         WHERE id = $1 AND step_token = $2 AND status = 'in_progress'
        RETURNING id)
      INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, tags, points, chosen_at)
      SELECT id, $6, $7, $8, $9, $10, $5 FROM moved
      ON CONFLICT (attempt_id, seq) DO NOTHING
      RETURNING seq""";

  static final String COMPLETE = """
      UPDATE scenario_attempt SET status = 'completed', completed_at = $2, updated_at = $2, ending_node = $3,
        outcome = $4, score = $5, competency_scores = $6, indicators = $7, delivery = $8
       WHERE id = $1 AND status = 'in_progress'""";

  /** What a new attempt starts with. */
  public record NewAttempt(UUID id, long courseId, Long resourceLinkId, long personId, String scenarioId,
      int scenarioVersion, String contentHash, String startNode, OffsetDateTime at, String stepToken,
      String feedbackMode) {
  }

  /** One recorded step: the token it consumes, the token of the next step, and the event. */
  public record StepWrite(UUID attemptId, String expectedToken, String nextToken, String nextNode, OffsetDateTime at,
      int seq, String nodeId, String choiceId, List<String> tags, Map<String, Integer> points) {
  }

  /** The completed result. */
  public record Completion(UUID attemptId, OffsetDateTime at, String endingNode, String outcome, double score,
      Map<String, Double> competencyScores, Map<String, Integer> indicators, String delivery) {
  }

  public Future<Optional<AttemptRow>> latest(SqlClient db, long courseId, long personId, String scenarioId) {
    return db.preparedQuery(LATEST).execute(Tuple.of(courseId, personId, scenarioId)).map(AttemptRepository::one);
  }

  public Future<Optional<AttemptRow>> find(SqlClient db, UUID id, long courseId, long personId, String scenarioId) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id, courseId, personId, scenarioId)).map(AttemptRepository::one);
  }

  /** The learner's attempts at a scenario, newest first (at most 20), without their steps. */
  public Future<List<AttemptRow>> history(SqlClient db, long courseId, long personId, String scenarioId) {
    return db.preparedQuery(HISTORY).execute(Tuple.of(courseId, personId, scenarioId)).map(rows -> {
      List<AttemptRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(AttemptRow.map(r)));
      return out;
    });
  }

  /** Inserts the attempt unless another was started since {@code latestSeen}; answers whether it was inserted. */
  public Future<Boolean> insertAfter(SqlClient db, NewAttempt a, int latestSeen) {
    return db.preparedQuery(INSERT_AFTER).execute(Tuple.from(new Object[] {a.id(), a.courseId(), a.resourceLinkId(),
        a.personId(), a.scenarioId(), a.scenarioVersion(), a.contentHash(), a.startNode(), a.at(), a.stepToken(),
        a.feedbackMode(), latestSeen})).map(rows -> rows.rowCount() == 1);
  }

  /** Records a step; false when the token no longer matches (a double submit or a stale form): nothing written. */
  public Future<Boolean> recordStep(SqlClient db, StepWrite w) {
    JsonObject points = new JsonObject();
    w.points().forEach(points::put);
    return db.preparedQuery(RECORD_STEP).execute(Tuple.from(new Object[] {w.attemptId(), w.expectedToken(),
        w.nextToken(), w.nextNode(), w.at(), w.seq(), w.nodeId(), w.choiceId(), w.tags().toArray(String[]::new),
        points})).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> complete(SqlClient db, Completion c) {
    JsonObject scores = new JsonObject();
    c.competencyScores().forEach(scores::put);
    JsonObject indicators = new JsonObject();
    c.indicators().forEach(indicators::put);
    return db.preparedQuery(COMPLETE).execute(Tuple.from(new Object[] {c.attemptId(), c.at(), c.endingNode(),
        c.outcome(), java.math.BigDecimal.valueOf(c.score()), scores, indicators, c.delivery()})).mapEmpty();
  }

  private static Optional<AttemptRow> one(io.vertx.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(AttemptRow.map(it.next())) : Optional.empty();
  }
}
