package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.grades.GradeOutbox.Score;
import uk.isafe.practice.grades.GradeOutbox.Stream;

/** SQL for recording results and writing the outbox, inside the caller's transaction. */
final class OutboxRepository {
  /** Creates the stream row if needed and locks it: results of one stream are decided one at a time. */
  private static final String LOCK_STREAM = """
      INSERT INTO grade_stream (resource_link_id, person_id, kind) VALUES ($1, $2, $3)
      ON CONFLICT (resource_link_id, person_id, kind) DO UPDATE SET kind = excluded.kind
      RETURNING has_result, started_queued""";
  private static final String COUNTED_FRACTION = """
      SELECT (score_given / score_maximum)::float8 AS fraction FROM grade_result
       WHERE resource_link_id = $1 AND person_id = $2 AND kind = $3 AND counted LIMIT 1""";
  /**
   * Stores a result in one statement: when it counts, the previous counted result stops counting; when it is also to
   * be sent, an undelivered older score of the stream is superseded (unless a worker holds it right now) and the new
   * score is queued.
   */
  private static final String STORE = """
      WITH uncount AS (
        UPDATE grade_result SET counted = false
         WHERE $11 AND resource_link_id = $2 AND person_id = $3 AND kind = $4 AND counted),
      stream AS (
        UPDATE grade_stream SET has_result = true WHERE resource_link_id = $2 AND person_id = $3 AND kind = $4),
      result AS (
        INSERT INTO grade_result (course_id, resource_link_id, person_id, kind, activity_key, score_given,
          score_maximum, comment, completed_at, attempt_ref, counted)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id),
      superseded AS (
        UPDATE grade_outbox SET status = 'superseded', finished_at = now()
         WHERE $12 AND resource_link_id = $2 AND person_id = $3 AND kind = $4 AND status IN ('queued', 'failed')
           AND (claim_until IS NULL OR claim_until < now())),
      queued AS (
        INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, result_id, line_item_label,
          activity_progress, grading_progress, score_given, score_maximum, comment)
        SELECT $1, $2, $3, $4, result.id, $13, 'Completed', 'FullyGraded', $6, $7, $14 FROM result WHERE $12)
      SELECT id FROM result""";
  /** Queues a progress-only score (superseding an undelivered older one of the stream). */
  private static final String ENQUEUE = """
      WITH superseded AS (
        UPDATE grade_outbox SET status = 'superseded', finished_at = now()
         WHERE resource_link_id = $2 AND person_id = $3 AND kind = $4 AND status IN ('queued', 'failed')
           AND (claim_until IS NULL OR claim_until < now()))
      INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, result_id, line_item_label,
        activity_progress, grading_progress, score_given, score_maximum, comment)
      VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, NULL, NULL, NULL)""";
  private static final String MARK_STARTED = """
      UPDATE grade_stream SET started_queued = true WHERE resource_link_id = $1 AND person_id = $2 AND kind = $3""";

  record StreamState(boolean hasResult, boolean startedQueued) {
  }

  Future<StreamState> lockStream(SqlClient tx, Stream s) {
    return tx.preparedQuery(LOCK_STREAM).execute(key(s)).map(rows -> {
      Row r = rows.iterator().next();
      return new StreamState(r.getBoolean("has_result"), r.getBoolean("started_queued"));
    });
  }

  Future<StreamState> streamState(SqlClient tx, Stream s) {
    return lockStream(tx, s);
  }

  Future<Optional<Double>> countedFraction(SqlClient tx, Stream s) {
    return tx.preparedQuery(COUNTED_FRACTION).execute(key(s))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getDouble(0)));
  }

  /**
   * Stores {@code r}; {@code counted} says whether it now counts, {@code send} whether its score is queued (with
   * {@code label} for a line item the tool may have to create).
   */
  Future<Long> store(SqlClient tx, long courseId, Stream s, GradeResult r, boolean counted, boolean send,
      String label, Score score) {
    return tx.preparedQuery(STORE).execute(Tuple.from(new Object[] {
        courseId, s.resourceLinkId(), s.personId(), s.kind(), r.activityKey(), r.scoreGiven(), r.scoreMaximum(),
        r.comment(), OffsetDateTime.ofInstant(r.completedAt(), ZoneOffset.UTC), r.attemptRef(), counted,
        counted && send, label, score.comment()}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Queues a progress-only score. */
  Future<Void> enqueueProgress(SqlClient tx, long courseId, Stream s, String label, Score score) {
    return tx.preparedQuery(ENQUEUE).execute(Tuple.of(courseId, s.resourceLinkId(), s.personId(), s.kind(), label,
        score.activityProgress(), score.gradingProgress())).mapEmpty();
  }

  Future<Void> markStarted(SqlClient tx, Stream s) {
    return tx.preparedQuery(MARK_STARTED).execute(key(s)).mapEmpty();
  }

  private static Tuple key(Stream s) {
    return Tuple.of(s.resourceLinkId(), s.personId(), s.kind());
  }
}
