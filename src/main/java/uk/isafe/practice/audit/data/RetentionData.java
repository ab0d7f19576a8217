package uk.isafe.practice.audit.data;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Retention of raw answers: once a round has been closed for longer than its organisation's
 * {@code retention_months} (24 when unset), its answers, moderators' agreed values and comments are deleted. The
 * counted results per man and indicator ({@code audit_man_result}) are aggregates and are kept, so the views and
 * trends still work.
 */
public final class RetentionData {
  private static final String EXPIRED = "SELECT r.id FROM audit_round r LEFT JOIN audit_settings s ON "
      + "s.registration_id = r.registration_id AND s.deployment_id = r.deployment_id WHERE r.state = 'closed' AND "
      + "r.closed_at < now() - make_interval(months => COALESCE(s.retention_months, 24))";

  /** Rows removed by one purge. */
  public record Purged(int answers, int moderations, int comments) {
  }

  public Future<Purged> purge(SqlClient db) {
    Future<Integer> answers = db.query("DELETE FROM audit_answer WHERE assignment_id IN (SELECT a.id FROM "
        + "audit_assignment a JOIN audit_case c ON c.id = a.case_id WHERE c.round_id IN (" + EXPIRED + "))").execute()
        .map(rows -> rows.rowCount());
    Future<Integer> moderations = db.query("DELETE FROM audit_moderation WHERE case_id IN (SELECT c.id FROM "
        + "audit_case c WHERE c.round_id IN (" + EXPIRED + "))").execute().map(rows -> rows.rowCount());
    Future<Integer> comments = db.query("UPDATE audit_assignment SET comment = NULL WHERE comment IS NOT NULL AND "
        + "case_id IN (SELECT c.id FROM audit_case c WHERE c.round_id IN (" + EXPIRED + "))").execute()
        .map(rows -> rows.rowCount());
    return Future.all(answers, moderations, comments).map(x -> new Purged(answers.result(), moderations.result(),
        comments.result()));
  }
}
