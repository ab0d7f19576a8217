package uk.isafe.practice.audit.data;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.round.RoundState;
import uk.isafe.practice.audit.sheet.AnswerSheet;

/**
 * Assignments and answer sheets. A save names the version of the sheet the form was made from; a save from an older
 * version (a form posted twice, or a tab left open while something else changed the sheet) is refused as
 * {@link Stale} so the caller can show the auditor their unsaved answers with the current state.
 */
public final class SheetData {

  /** The sheet changed since the form was made (or was already submitted). */
  public static final class Stale extends RuntimeException {
    public Stale() {
      super("the answer sheet changed since the form was made", null, false, false);
    }
  }

  public record Assignment(long id, long caseId, int caseNumber, long roundId, String roundTitle, String roundKind,
      RoundState roundState, String bankId, int bankVersion, long teamId, String teamName, Optional<String> stage,
      Optional<String> ageBand, long auditorId, String kind, String status, Optional<String> comment, int version) {
    public boolean submitted() {
      return "submitted".equals(status);
    }
  }

  private static final String SELECT = "SELECT a.id, a.case_id, c.number, r.id AS round_id, r.title, r.kind AS "
      + "round_kind, r.state, r.bank_id, r.bank_version, t.id AS team_id, t.name AS team_name, c.stage, c.age_band, "
      + "a.auditor_id, a.kind, a.status, a.comment, a.version FROM audit_assignment a "
      + "JOIN audit_case c ON c.id = a.case_id JOIN audit_round r ON r.id = c.round_id "
      + "JOIN audit_team t ON t.id = c.team_id WHERE r.registration_id = $1 AND r.deployment_id = $2";

  public Future<Optional<Assignment>> assignment(SqlClient db, Org org, long id) {
    return db.preparedQuery(SELECT + " AND a.id = $3").execute(Tuple.of(org.registrationId(), org.deploymentId(), id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(assignment(rows.iterator().next())));
  }

  /** The person's assignments, newest round first. */
  public Future<List<Assignment>> mine(SqlClient db, Org org, long personId) {
    return db.preparedQuery(SELECT + " AND a.auditor_id = $3 ORDER BY r.created_at DESC, "
        + "c.number").execute(Tuple.of(org.registrationId(), org.deploymentId(), personId)).map(SheetData::list);
  }

  /** Every assignment on the case whose reference hashes to {@code hash}, in the organisation's rounds. */
  public Future<List<Assignment>> byReference(SqlClient db, Org org, byte[] hash) {
    return db.preparedQuery(SELECT + " AND c.ref_hash = $3 ORDER BY r.created_at DESC")
        .execute(Tuple.of(org.registrationId(), org.deploymentId(), Buffer.buffer(hash))).map(SheetData::list);
  }

  /** The assignments of one case (for moderation and calibration keys). */
  public Future<List<Assignment>> ofCase(SqlClient db, Org org, long caseId) {
    return db.preparedQuery(SELECT + " AND c.id = $3 ORDER BY a.id")
        .execute(Tuple.of(org.registrationId(), org.deploymentId(), caseId)).map(SheetData::list);
  }

  public Future<List<Assignment>> ofRound(SqlClient db, Org org, long roundId) {
    return db.preparedQuery(SELECT + " AND r.id = $3 ORDER BY c.number, a.id")
        .execute(Tuple.of(org.registrationId(), org.deploymentId(), roundId)).map(SheetData::list);
  }

  public Future<AnswerSheet> sheet(SqlClient db, long assignmentId) {
    Tuple id = Tuple.of(assignmentId);
    Future<Map<Integer, String>> men = db.preparedQuery("SELECT ordinal, role FROM audit_man WHERE assignment_id = $1 "
        + "ORDER BY ordinal").execute(id).map(rows -> {
          Map<Integer, String> out = new LinkedHashMap<>();
          rows.forEach(r -> out.put(r.getInteger(0), r.getString(1)));
          return out;
        });
    Future<Map<AnswerSheet.Key, AnswerSheet.Given>> answers = db.preparedQuery("SELECT man_ordinal, item_id, answer, "
        + "na_reason FROM audit_answer WHERE assignment_id = $1").execute(id).map(rows -> {
          Map<AnswerSheet.Key, AnswerSheet.Given> out = new HashMap<>();
          rows.forEach(r -> out.put(new AnswerSheet.Key(r.getInteger(0), r.getString(1)), new AnswerSheet.Given(
              Answer.parse(r.getString(2)).orElseThrow(), Optional.ofNullable(r.getString(3)))));
          return out;
        });
    Future<Optional<String>> judgement = db.preparedQuery("SELECT judgement FROM audit_assignment WHERE id = $1")
        .execute(id).map(rows -> Optional.ofNullable(rows.iterator().next().getString(0)));
    return Future.all(men, answers, judgement).map(x -> new AnswerSheet(men.result(), answers.result(),
        judgement.result()));
  }

  /** Claims the next version of an unsubmitted sheet; fails with {@link Stale} if {@code expected} is not current. */
  public Future<Integer> claim(SqlClient tx, long assignmentId, int expected) {
    return tx.preparedQuery("UPDATE audit_assignment SET version = version + 1, status = 'in_progress', updated_at = "
        + "now() WHERE id = $1 AND version = $2 AND status <> 'submitted' RETURNING version")
        .execute(Tuple.of(assignmentId, expected))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(new Stale())
            : Future.succeededFuture(rows.iterator().next().getInteger(0)));
  }

  public Future<Void> saveAnswers(SqlClient tx, long assignmentId, Map<AnswerSheet.Key, AnswerSheet.Given> answers) {
    if (answers.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    answers.forEach((k, g) -> rows.add(Tuple.of(assignmentId, k.man(), k.itemId(), g.answer().code(),
        g.naReason().orElse(null))));
    return tx.preparedQuery("INSERT INTO audit_answer (assignment_id, man_ordinal, item_id, answer, na_reason) VALUES "
        + "($1, $2, $3, $4, $5) ON CONFLICT (assignment_id, man_ordinal, item_id) DO UPDATE SET answer = $4, "
        + "na_reason = $5, updated_at = now()").executeBatch(rows).mapEmpty();
  }

  public Future<Integer> addMan(SqlClient tx, long assignmentId, String role) {
    return tx.preparedQuery("INSERT INTO audit_man (assignment_id, ordinal, role) SELECT $1, COALESCE(max(ordinal), 0)"
        + " + 1, $2 FROM audit_man WHERE assignment_id = $1 RETURNING ordinal").execute(Tuple.of(assignmentId, role))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Removes a man and his answers; the men after him keep their numbers. */
  public Future<Void> removeMan(SqlClient tx, long assignmentId, int ordinal) {
    return tx.preparedQuery("DELETE FROM audit_answer WHERE assignment_id = $1 AND man_ordinal = $2")
        .execute(Tuple.of(assignmentId, ordinal))
        .compose(x -> tx.preparedQuery("DELETE FROM audit_man WHERE assignment_id = $1 AND ordinal = $2")
            .execute(Tuple.of(assignmentId, ordinal))).mapEmpty();
  }

  public Future<Void> saveOverall(SqlClient tx, long assignmentId, Optional<String> judgement,
      Optional<String> comment) {
    return tx.preparedQuery("UPDATE audit_assignment SET judgement = $2, comment = $3 WHERE id = $1")
        .execute(Tuple.of(assignmentId, judgement.orElse(null), comment.orElse(null))).mapEmpty();
  }

  public Future<Void> submit(SqlClient tx, long assignmentId) {
    return tx.preparedQuery("UPDATE audit_assignment SET status = 'submitted', submitted_at = now(), version = "
        + "version + 1 WHERE id = $1").execute(Tuple.of(assignmentId)).mapEmpty();
  }

  /**
   * Calibration before live auditing: empty when the organisation has no calibration round on this bank version
   * (nothing to pass); otherwise the auditor's agreed answers matched and the agreed answers given, over their
   * submitted calibration copies whose agreed answers are in.
   */
  public Future<Optional<int[]>> calibrationRecord(SqlClient db, Org org, String bankId, int version, long person) {
    Tuple key = Tuple.of(org.registrationId(), org.deploymentId(), bankId, version, person);
    return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM audit_round WHERE registration_id = $1 AND deployment_id = $2"
        + " AND kind = 'calibration' AND bank_id = $3 AND bank_version = $4 AND state <> 'planned' AND $5::bigint > 0), "
        + "count(*) FILTER (WHERE x.answer = y.answer), count(y.item_id) FROM audit_round r "
        + "JOIN audit_case c ON c.round_id = r.id "
        + "JOIN audit_assignment ay ON ay.case_id = c.id AND ay.kind = 'agreed' AND ay.status = 'submitted' "
        + "JOIN audit_assignment ax ON ax.case_id = c.id AND ax.kind = 'calibration' AND ax.status = 'submitted' "
        + "AND ax.auditor_id = $5 JOIN audit_answer y ON y.assignment_id = ay.id LEFT JOIN audit_answer x ON "
        + "x.assignment_id = ax.id AND x.man_ordinal = y.man_ordinal AND x.item_id = y.item_id "
        + "WHERE r.registration_id = $1 AND r.deployment_id = $2 AND r.kind = 'calibration' AND r.bank_id = $3 AND "
        + "r.bank_version = $4").execute(key).map(rows -> {
          Row r = rows.iterator().next();
          return r.getBoolean(0) ? Optional.of(new int[] {r.getLong(1).intValue(), r.getLong(2).intValue()})
              : Optional.empty();
        });
  }

  public Future<Void> recordView(SqlClient db, long caseId, long personId, String purpose) {
    return db.preparedQuery("INSERT INTO audit_case_view (case_id, person_id, purpose) VALUES ($1, $2, $3)")
        .execute(Tuple.of(caseId, personId, purpose)).mapEmpty();
  }

  private static List<Assignment> list(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Assignment> out = new ArrayList<>();
    rows.forEach(r -> out.add(assignment(r)));
    return out;
  }

  private static Assignment assignment(Row r) {
    return new Assignment(r.getLong("id"), r.getLong("case_id"), r.getInteger("number"), r.getLong("round_id"),
        r.getString("title"), r.getString("round_kind"), RoundState.parse(r.getString("state")).orElseThrow(),
        r.getString("bank_id"), r.getInteger("bank_version"), r.getLong("team_id"), r.getString("team_name"),
        Optional.ofNullable(r.getString("stage")), Optional.ofNullable(r.getString("age_band")),
        r.getLong("auditor_id"), r.getString("kind"), r.getString("status"), Optional.ofNullable(r.getString("comment")),
        r.getInteger("version"));
  }
}
