package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grade delivery status for trainers: per (person, resource link, kind) of a course, where the counted result stands
 * (for the gradebook), the scores the platform refused (for the status page), and a retry once the cause is fixed.
 * Every query is scoped by course.
 */
public final class GradeStatusRepository {
  /** Where a counted result stands with the LMS. */
  public enum Status { QUEUED, DELIVERED, FAILED, NOT_SENT }

  /**
   * @param attempts  delivery attempts so far (0 when not sent)
   * @param lastError the platform's last answer or the network error, when there was one
   */
  public record GradeStatus(long personId, long resourceLinkId, String kind, Status status, int attempts,
      Optional<String> lastError, Optional<Instant> deliveredAt) {
  }

  /** A score the platform refused for good, as shown on the status page. */
  public record Failure(long outboxId, String learner, String activity, String kind, int attempts, Integer httpStatus,
      String answer, Instant failedAt) {
  }

  private static final String FOR_COURSE = """
      SELECT DISTINCT ON (r.person_id, r.resource_link_id, r.kind)
             r.person_id, r.resource_link_id, r.kind, o.status, o.attempts, o.last_error, o.finished_at
        FROM grade_result r
        LEFT JOIN grade_outbox o ON o.result_id = r.id AND o.status <> 'superseded'
       WHERE r.course_id = $1 AND r.counted
       ORDER BY r.person_id, r.resource_link_id, r.kind, o.id DESC NULLS LAST""";
  private static final String FAILURES = """
      SELECT o.id, COALESCE(NULLIF(p.name, ''), p.subject) AS learner, COALESCE(l.title, l.link_id) AS activity,
             o.kind, o.attempts, o.last_status, o.last_error, o.finished_at
        FROM grade_outbox o
        JOIN person p ON p.id = o.person_id
        JOIN resource_link l ON l.id = o.resource_link_id
       WHERE o.course_id = $1 AND o.status = 'failed'
       ORDER BY o.finished_at DESC, o.id DESC
       LIMIT 500""";
  /**
   * Puts a refused score back in the queue; if a newer score of its stream exists, the old one is superseded instead
   * (it must never overwrite a newer grade).
   */
  private static final String RETRY = """
      UPDATE grade_outbox o
         SET status = CASE WHEN EXISTS (SELECT 1 FROM grade_outbox n
                                         WHERE n.resource_link_id = o.resource_link_id AND n.person_id = o.person_id
                                           AND n.kind = o.kind AND n.id > o.id
                                           AND n.status IN ('queued', 'delivered', 'failed'))
                      THEN 'superseded' ELSE 'queued' END,
             next_attempt_at = now(), attempts = 0, claim_until = NULL, finished_at = NULL
       WHERE o.id = $1 AND o.course_id = $2 AND o.status = 'failed'
      RETURNING o.status""";

  public Future<List<GradeStatus>> forCourse(SqlClient db, long courseId) {
    return db.preparedQuery(FOR_COURSE).execute(Tuple.of(courseId)).map(rows -> {
      List<GradeStatus> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        String s = r.getString("status");
        Status status = s == null ? Status.NOT_SENT : switch (s) {
          case "delivered" -> Status.DELIVERED;
          case "failed" -> Status.FAILED;
          default -> Status.QUEUED;
        };
        Integer attempts = r.getInteger("attempts");
        OffsetDateTime finished = r.getOffsetDateTime("finished_at");
        out.add(new GradeStatus(r.getLong("person_id"), r.getLong("resource_link_id"), r.getString("kind"), status,
            attempts == null ? 0 : attempts, Optional.ofNullable(r.getString("last_error")),
            status == Status.DELIVERED ? Optional.ofNullable(finished).map(OffsetDateTime::toInstant)
                : Optional.empty()));
      }
      return out;
    });
  }

  public Future<List<Failure>> failures(SqlClient db, long courseId) {
    return db.preparedQuery(FAILURES).execute(Tuple.of(courseId)).map(rows -> {
      List<Failure> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        OffsetDateTime at = r.getOffsetDateTime("finished_at");
        out.add(new Failure(r.getLong("id"), r.getString("learner"), r.getString("activity"), r.getString("kind"),
            r.getInteger("attempts"), r.getInteger("last_status"), r.getString("last_error"),
            at == null ? null : at.toInstant()));
      }
      return out;
    });
  }

  /** Requeues a refused score of this course; false when there is no such refused score. */
  public Future<Boolean> retry(SqlClient db, long courseId, long outboxId) {
    return db.preparedQuery(RETRY).execute(Tuple.of(outboxId, courseId)).map(rows -> rows.rowCount() > 0);
  }
}
