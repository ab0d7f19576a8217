package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the delivery worker: claiming due scores (safe across instances), recording outcomes, line item cache. */
final class DeliveryRepository {
  /** Claims due scores (see the function {@code grade_outbox_due} in V5) for a lease, with what delivery needs. */
  static final String CLAIM = """
      WITH due AS (SELECT grade_outbox_due($1) AS id),
      claimed AS (
        UPDATE grade_outbox g SET claim_until = now() + make_interval(secs => $2), claimed_by = $3,
               attempts = g.attempts + 1
          FROM due WHERE g.id = due.id
        RETURNING g.*)
      SELECT c.id, c.course_id, c.resource_link_id, c.person_id, c.kind, c.line_item_label, c.activity_progress,
             c.grading_progress, c.score_given::float8 AS score_given, c.score_maximum::float8 AS score_maximum,
             c.comment, c.attempts, c.created_at, p.subject, co.registration_id, l.link_id, l.lineitem_url,
             l.lineitems_url, l.ags_scopes, s.last_timestamp
        FROM claimed c
        JOIN person p ON p.id = c.person_id
        JOIN course co ON co.id = c.course_id
        JOIN resource_link l ON l.id = c.resource_link_id
        LEFT JOIN grade_stream s
          ON s.resource_link_id = c.resource_link_id AND s.person_id = c.person_id AND s.kind = c.kind""";
  private static final String FINISH = """
      WITH o AS (
        UPDATE grade_outbox SET status = $3, next_attempt_at = now() + make_interval(secs => $4),
               claim_until = NULL, last_status = $5, last_error = $6,
               sent_timestamp = COALESCE($7, sent_timestamp),
               finished_at = CASE WHEN $3 = 'queued' THEN NULL ELSE now() END
         WHERE id = $1 AND claimed_by = $2 AND status = 'queued'
        RETURNING id, resource_link_id, person_id, kind),
      s AS (
        UPDATE grade_stream gs SET last_timestamp = GREATEST(gs.last_timestamp, $7)
          FROM o WHERE $7 IS NOT NULL AND gs.resource_link_id = o.resource_link_id AND gs.person_id = o.person_id
           AND gs.kind = o.kind)
      INSERT INTO grade_delivery_log (outbox_id, http_status, outcome, detail) SELECT o.id, $5, $8, $6 FROM o""";
  /** Many deliveries recorded at once: the common case, kept to one statement per batch. */
  private static final String DELIVERED = """
      WITH d AS (SELECT * FROM unnest($1::bigint[], $2::int[], $3::timestamptz[]) AS t(id, http_status, sent)),
      o AS (
        UPDATE grade_outbox g SET status = 'delivered', claim_until = NULL, last_status = d.http_status,
               last_error = NULL, sent_timestamp = d.sent, finished_at = now()
          FROM d WHERE g.id = d.id AND g.claimed_by = $4 AND g.status = 'queued'
        RETURNING g.id, g.resource_link_id, g.person_id, g.kind, d.sent, d.http_status),
      s AS (
        UPDATE grade_stream gs SET last_timestamp = GREATEST(gs.last_timestamp, o.sent)
          FROM o WHERE gs.resource_link_id = o.resource_link_id AND gs.person_id = o.person_id AND gs.kind = o.kind)
      INSERT INTO grade_delivery_log (outbox_id, http_status, outcome) SELECT o.id, o.http_status, 'delivered' FROM o""";
  private static final String RELEASE = """
      UPDATE grade_outbox SET claim_until = NULL, attempts = GREATEST(attempts - 1, 0)
       WHERE claimed_by = $1 AND status = 'queued' AND claim_until IS NOT NULL""";
  private static final String RENEW = """
      UPDATE grade_outbox SET claim_until = now() + make_interval(secs => $3)
       WHERE id = ANY($2) AND claimed_by = $1 AND status = 'queued' AND claim_until IS NOT NULL
      RETURNING id""";
  private static final String FIND_LINE_ITEM = "SELECT url FROM grade_line_item WHERE resource_link_id = $1 AND tag = $2";
  private static final String SAVE_LINE_ITEM = """
      INSERT INTO grade_line_item (resource_link_id, tag, url) VALUES ($1, $2, $3)
      ON CONFLICT (resource_link_id, tag) DO UPDATE SET url = excluded.url""";
  private static final String FORGET_LINE_ITEM = "DELETE FROM grade_line_item WHERE resource_link_id = $1 AND tag = $2";
  private static final String HEALTH = """
      SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
             COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'queued')), 0)::float8
               AS oldest,
             count(*) FILTER (WHERE status = 'failed') AS failed
        FROM grade_outbox WHERE status IN ('queued', 'failed')""";

  /** A claimed score with everything needed to deliver it. */
  record Due(long id, long courseId, long resourceLinkId, long personId, String kind, String label,
      String activityProgress, String gradingProgress, Double scoreGiven, Double scoreMaximum, String comment,
      int attempts, Instant createdAt, String userId, long registrationId, String linkId,
      Optional<String> lineItemUrl, Optional<String> lineItemsUrl, List<String> scopes, Optional<Instant> lastTimestamp) {

    static Due map(Row r) {
      String[] scopes = r.getArrayOfStrings("ags_scopes");
      OffsetDateTime last = r.getOffsetDateTime("last_timestamp");
      return new Due(r.getLong("id"), r.getLong("course_id"), r.getLong("resource_link_id"), r.getLong("person_id"),
          r.getString("kind"), r.getString("line_item_label"), r.getString("activity_progress"),
          r.getString("grading_progress"), r.getDouble("score_given"), r.getDouble("score_maximum"),
          r.getString("comment"), r.getInteger("attempts"), r.getOffsetDateTime("created_at").toInstant(),
          r.getString("subject"), r.getLong("registration_id"), r.getString("link_id"),
          Optional.ofNullable(r.getString("lineitem_url")).filter(s -> !s.isBlank()),
          Optional.ofNullable(r.getString("lineitems_url")).filter(s -> !s.isBlank()),
          scopes == null ? List.of() : List.of(scopes),
          Optional.ofNullable(last).map(OffsetDateTime::toInstant));
    }

    Stream key() {
      return new Stream(resourceLinkId, personId, kind);
    }
  }

  record Stream(long resourceLinkId, long personId, String kind) {
  }

  /** How one delivery attempt ended, as stored. */
  record Finish(String status, Duration retryIn, int httpStatus, String error, Optional<Instant> sentTimestamp,
      String outcome) {
  }

  Future<List<Due>> claim(SqlClient db, int limit, Duration lease, String worker) {
    return db.preparedQuery(CLAIM).execute(Tuple.of(limit, (double) lease.toMillis() / 1000.0, worker))
        .map(rows -> {
          List<Due> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(Due.map(r)));
          return out;
        });
  }

  Future<Void> finish(SqlClient db, long id, String worker, Finish f) {
    return db.preparedQuery(FINISH).execute(Tuple.from(new Object[] {
        id, worker, f.status(), (double) f.retryIn().toMillis() / 1000.0, f.httpStatus() == 0 ? null : f.httpStatus(),
        f.error(), f.sentTimestamp().map(t -> OffsetDateTime.ofInstant(t, ZoneOffset.UTC)).orElse(null),
        f.outcome()})).mapEmpty();
  }

  /** A score the platform accepted. */
  record Delivered(long id, int httpStatus, Instant sentTimestamp) {
  }

  Future<Void> delivered(SqlClient db, String worker, List<Delivered> batch) {
    Long[] ids = new Long[batch.size()];
    Integer[] statuses = new Integer[batch.size()];
    OffsetDateTime[] sent = new OffsetDateTime[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      ids[i] = batch.get(i).id();
      statuses[i] = batch.get(i).httpStatus();
      sent[i] = OffsetDateTime.ofInstant(batch.get(i).sentTimestamp(), ZoneOffset.UTC);
    }
    return db.preparedQuery(DELIVERED).execute(Tuple.of(ids, statuses, sent, worker)).mapEmpty();
  }

  Future<Integer> release(SqlClient db, String worker) {
    return db.preparedQuery(RELEASE).execute(Tuple.of(worker)).map(rows -> rows.rowCount());
  }

  /** Extends this worker's leases on {@code ids}; answers the ids still held (not finished or taken over). */
  Future<List<Long>> renew(SqlClient db, String worker, Long[] ids, Duration lease) {
    return db.preparedQuery(RENEW).execute(Tuple.of(worker, ids, (double) lease.toMillis() / 1000.0))
        .map(rows -> {
          List<Long> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  Future<Optional<String>> lineItem(SqlClient db, long resourceLinkId, String tag) {
    return db.preparedQuery(FIND_LINE_ITEM).execute(Tuple.of(resourceLinkId, tag))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  Future<Void> saveLineItem(SqlClient db, long resourceLinkId, String tag, String url) {
    return db.preparedQuery(SAVE_LINE_ITEM).execute(Tuple.of(resourceLinkId, tag, url)).mapEmpty();
  }

  Future<Void> forgetLineItem(SqlClient db, long resourceLinkId, String tag) {
    return db.preparedQuery(FORGET_LINE_ITEM).execute(Tuple.of(resourceLinkId, tag)).mapEmpty();
  }

  Future<JsonObject> health(SqlClient db) {
    return db.query(HEALTH).execute().map(rows -> {
      Row r = rows.iterator().next();
      return new JsonObject().put("queued", r.getLong("queued"))
          .put("oldestQueuedSeconds", Math.round(r.getDouble("oldest")))
          .put("failed", r.getLong("failed"));
    });
  }
}
