package uk.isafe.practice.scenario.play;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
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
      WHERE a.course_id = $1 AND a.person_id = $2 AND a.scenario_id = $3 AND COALESCE(a.resource_link_id, 0) = $4
      ORDER BY a.attempt_no DESC LIMIT 1""";

  static final String BY_ID = "SELECT " + AttemptRow.COLUMNS + """
       FROM scenario_attempt a
      WHERE a.id = $1 AND a.course_id = $2 AND a.person_id = $3 AND a.scenario_id = $4
        AND COALESCE(a.resource_link_id, 0) = $5""";

  /** {@link #BY_ID} with the number of the activity's latest attempt (for the end page: one read, not two). */
  static final String BY_ID_AND_LATEST_NO = "SELECT " + AttemptRow.COLUMNS + """
      ,
      (SELECT max(n.attempt_no) FROM scenario_attempt n
        WHERE n.course_id = a.course_id AND n.person_id = a.person_id AND n.scenario_id = a.scenario_id
          AND COALESCE(n.resource_link_id, 0) = COALESCE(a.resource_link_id, 0)) AS latest_no
       FROM scenario_attempt a
      WHERE a.id = $1 AND a.course_id = $2 AND a.person_id = $3 AND a.scenario_id = $4
        AND COALESCE(a.resource_link_id, 0) = $5""";

  static final String HISTORY = "SELECT " + AttemptRow.SUMMARY_COLUMNS + """
       FROM scenario_attempt a
      WHERE a.course_id = $1 AND a.person_id = $2 AND a.scenario_id = $3 AND COALESCE(a.resource_link_id, 0) = $4
      ORDER BY a.attempt_no DESC LIMIT 20""";

  /**
   * A new attempt numbered after the latest of the same activity (resource link), only if the latest is still the
   * one the learner saw. ({@code $3} is typed: untyped, PostgreSQL deduced integer in one place and bigint in the
   * other and refused to prepare it, so every start cost a failed prepare and an ERROR in its log.)
   */
  static final String INSERT_AFTER = """
      INSERT INTO scenario_attempt (id, course_id, resource_link_id, person_id, scenario_id, scenario_version,
        content_hash, attempt_no, status, current_node, started_at, updated_at, step_token, feedback_mode, activity)
      SELECT $1, $2, $3::bigint, $4, $5, $6, $7, coalesce(max(attempt_no), 0) + 1, 'in_progress', $8, $9, $9, $10,
        $11, $13
        FROM scenario_attempt
       WHERE course_id = $2 AND person_id = $4 AND scenario_id = $5
         AND COALESCE(resource_link_id, 0) = COALESCE($3::bigint, 0)
      HAVING coalesce(max(attempt_no), 0) = $12
      ON CONFLICT (course_id, person_id, scenario_id, (COALESCE(resource_link_id, 0)), attempt_no) DO NOTHING
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

  /**
   * {@link #RECORD_STEP} for several learners' steps in one statement (see {@code store.GroupCommit}), given as one
   * JSON array; answers the {@code ord} of each step recorded. Two steps on one attempt in one group (a double submit
   * arriving together) are taken in arrival order: the first moves the attempt, the second no longer matches.
   */
  static final String RECORD_STEPS = """
      WITH given AS (
        SELECT DISTINCT ON (g.attempt_id) g.*
          FROM jsonb_to_recordset($1::jsonb) AS g(ord int, attempt_id uuid, expected text, next_token text,
               next_node text, at timestamptz, seq int, node_id text, choice_id text, tags text[], points jsonb)
         ORDER BY g.attempt_id, g.ord),
      moved AS (
        UPDATE scenario_attempt a SET step_token = g.next_token, current_node = g.next_node, updated_at = g.at
          FROM given g
         WHERE a.id = g.attempt_id AND a.step_token = g.expected AND a.status = 'in_progress'
        RETURNING g.ord, g.attempt_id, g.seq, g.node_id, g.choice_id, g.tags, g.points, g.at),
      recorded AS (
        INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, tags, points, chosen_at)
        SELECT attempt_id, seq, node_id, choice_id, tags, points, at FROM moved
        ON CONFLICT (attempt_id, seq) DO NOTHING
        RETURNING attempt_id)
      SELECT m.ord FROM moved m JOIN recorded r USING (attempt_id)""";

  static final String COMPLETE = """
      UPDATE scenario_attempt SET status = 'completed', completed_at = $2, updated_at = $2, ending_node = $3,
        outcome = $4, score = $5, competency_scores = $6, indicators = $7, delivery = $8
       WHERE id = $1 AND status = 'in_progress'""";

  /** What became of a completed attempt's result, once its activity has recorded it. */
  static final String DELIVERY = "UPDATE scenario_attempt SET delivery = $2 WHERE id = $1";

  /** What a new attempt starts with. */
  public record NewAttempt(UUID id, long courseId, Long resourceLinkId, long personId, String scenarioId,
      int scenarioVersion, String contentHash, String startNode, OffsetDateTime at, String stepToken,
      String feedbackMode, String activity) {
    /** The attempt as inserted with number {@code attemptNo}: in progress at its first step, nothing chosen yet. */
    public AttemptRow inserted(int attemptNo) {
      return new AttemptRow(id, courseId, resourceLinkId, personId, scenarioId, scenarioVersion, contentHash, attemptNo,
          "in_progress", startNode, at, null, null, null, null, null, stepToken, feedbackMode, null, List.of());
    }
  }

  /** One recorded step: the token it consumes, the token of the next step, and the event. */
  public record StepWrite(UUID attemptId, String expectedToken, String nextToken, String nextNode, OffsetDateTime at,
      int seq, String nodeId, String choiceId, List<String> tags, Map<String, Integer> points) {
    /** The step's points as stored ({@code jsonb}). */
    JsonObject pointsJson() {
      JsonObject json = new JsonObject();
      points.forEach(json::put);
      return json;
    }
  }

  /** The completed result. */
  public record Completion(UUID attemptId, OffsetDateTime at, String endingNode, String outcome, double score,
      Map<String, Double> competencyScores, Map<String, Integer> indicators, String delivery) {
  }

  /**
   * Where an attempt belongs: the course, the learner and the activity (resource link; 0 for a launch without one).
   * Every read is scoped by all three, so an attempt started in one activity is never seen from another.
   */
  public record Owner(long courseId, long personId, long linkId) {
    public static Owner of(uk.isafe.practice.lti.LaunchContext launch) {
      return new Owner(launch.courseId(), launch.personId().orElseThrow(), launch.resourceLinkId().orElse(0L));
    }
  }

  public Future<Optional<AttemptRow>> latest(SqlClient db, Owner o, String scenarioId) {
    return db.preparedQuery(LATEST).execute(Tuple.of(o.courseId(), o.personId(), scenarioId, o.linkId()))
        .map(AttemptRepository::one);
  }

  public Future<Optional<AttemptRow>> find(SqlClient db, UUID id, Owner o, String scenarioId) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id, o.courseId(), o.personId(), scenarioId, o.linkId()))
        .map(AttemptRepository::one);
  }

  /** An attempt and the number of its activity's latest attempt. */
  public record WithLatest(AttemptRow attempt, int latestNo) {
  }

  /** The learner's own attempt {@code id} (as {@link #find}) with the number of the activity's latest attempt. */
  public Future<Optional<WithLatest>> findWithLatestNo(SqlClient db, UUID id, Owner o, String scenarioId) {
    return db.preparedQuery(BY_ID_AND_LATEST_NO)
        .execute(Tuple.of(id, o.courseId(), o.personId(), scenarioId, o.linkId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
            .map(r -> new WithLatest(AttemptRow.map(r), r.getInteger("latest_no"))));
  }

  /** The learner's attempts at a scenario in this activity, newest first (at most 20), without their steps. */
  public Future<List<AttemptRow>> history(SqlClient db, Owner o, String scenarioId) {
    return db.preparedQuery(HISTORY).execute(Tuple.of(o.courseId(), o.personId(), scenarioId, o.linkId()))
        .map(rows -> {
      List<AttemptRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(AttemptRow.map(r)));
      return out;
    });
  }

  /**
   * Inserts the attempt unless another was started since {@code latestSeen}; answers the attempt as inserted, or
   * empty when it was not.
   */
  public Future<Optional<AttemptRow>> insertAfter(SqlClient db, NewAttempt a, int latestSeen) {
    return db.preparedQuery(INSERT_AFTER).execute(Tuple.from(new Object[] {a.id(), a.courseId(), a.resourceLinkId(),
        a.personId(), a.scenarioId(), a.scenarioVersion(), a.contentHash(), a.startNode(), a.at(), a.stepToken(),
        a.feedbackMode(), latestSeen, a.activity()})).map(rows -> rows.rowCount() == 1
            ? Optional.of(a.inserted(rows.iterator().next().getInteger("attempt_no"))) : Optional.empty());
  }

  /** Records a step; false when the token no longer matches (a double submit or a stale form): nothing written. */
  public Future<Boolean> recordStep(SqlClient db, StepWrite w) {
    return db.preparedQuery(RECORD_STEP).execute(Tuple.from(new Object[] {w.attemptId(), w.expectedToken(),
        w.nextToken(), w.nextNode(), w.at(), w.seq(), w.nodeId(), w.choiceId(), w.tags().toArray(String[]::new),
        w.pointsJson()})).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Records several steps in one statement: for each, in their order, whether it was recorded (false when its token
   * no longer matched). The steps are of different attempts or, for a double submit, the same one.
   */
  public Future<List<Boolean>> recordSteps(SqlClient db, List<StepWrite> steps) {
    JsonArray given = new JsonArray(new ArrayList<>(steps.size()));
    for (int i = 0; i < steps.size(); i++) {
      StepWrite w = steps.get(i);
      given.add(new JsonObject().put("ord", i).put("attempt_id", w.attemptId().toString())
          .put("expected", w.expectedToken()).put("next_token", w.nextToken()).put("next_node", w.nextNode())
          .put("at", w.at().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)).put("seq", w.seq())
          .put("node_id", w.nodeId()).put("choice_id", w.choiceId())
          .put("tags", new JsonArray(new ArrayList<Object>(w.tags()))).put("points", w.pointsJson()));
    }
    return db.preparedQuery(RECORD_STEPS).execute(Tuple.of(given)).map(rows -> {
      Boolean[] recorded = new Boolean[steps.size()];
      java.util.Arrays.fill(recorded, Boolean.FALSE);
      rows.forEach(r -> recorded[r.getInteger(0)] = Boolean.TRUE);
      return List.of(recorded);
    });
  }

  public Future<Void> complete(SqlClient db, Completion c) {
    JsonObject scores = new JsonObject();
    c.competencyScores().forEach(scores::put);
    JsonObject indicators = new JsonObject();
    c.indicators().forEach(indicators::put);
    return db.preparedQuery(COMPLETE).execute(Tuple.from(new Object[] {c.attemptId(), c.at(), c.endingNode(),
        c.outcome(), java.math.BigDecimal.valueOf(c.score()), scores, indicators, c.delivery()})).mapEmpty();
  }

  public Future<Void> delivery(SqlClient db, UUID attemptId, String delivery) {
    return db.preparedQuery(DELIVERY).execute(Tuple.of(attemptId, delivery)).mapEmpty();
  }

  private static Optional<AttemptRow> one(io.vertx.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(AttemptRow.map(it.next())) : Optional.empty();
  }
}
