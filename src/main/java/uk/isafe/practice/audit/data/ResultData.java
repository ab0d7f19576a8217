package uk.isafe.practice.audit.data;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.Indicator;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.measure.Indicators;
import uk.isafe.practice.audit.measure.ManRecord;
import uk.isafe.practice.audit.sheet.AnswerSheet;

/**
 * Counted results (per man and indicator, kept after raw answers are deleted), moderators' agreed values, and the
 * aggregate rows the team and senior views are drawn from. Only live rounds count; every query is scoped by org.
 */
public final class ResultData {

  /** Met and eligible men for one round, team, stage, role and indicator. */
  public record Cell(long roundId, long teamId, String stage, String role, String indicatorId, int met, int eligible) {
  }

  /** Planned and counted cases of one team in one round. */
  public record Completion(long roundId, long teamId, int planned, int counted) {
  }

  /** A team's practitioners and how many of them completed the training (the after questionnaire). */
  public record Training(long teamId, int members, int completed) {
  }

  public Future<Void> storeResults(SqlClient tx, long caseId, AuditBank bank, List<ManRecord> men,
      List<Integer> ordinals) {
    List<Tuple> rows = new ArrayList<>();
    for (int m = 0; m < men.size(); m++) {
      for (Indicator i : bank.indicators()) {
        Indicators.Outcome o = Indicators.outcome(i, men.get(m).answers());
        rows.add(Tuple.of(caseId, ordinals.get(m), men.get(m).role(), i.id(), switch (o) {
          case MET -> "met";
          case NOT_MET -> "not_met";
          case NOT_ELIGIBLE -> "not_eligible";
        }));
      }
    }
    Future<Void> cleared = tx.preparedQuery("DELETE FROM audit_man_result WHERE case_id = $1")
        .execute(Tuple.of(caseId)).mapEmpty();
    return rows.isEmpty() ? cleared : cleared.compose(x -> tx.preparedQuery("INSERT INTO audit_man_result (case_id, "
        + "man_ordinal, role, indicator_id, outcome) VALUES ($1, $2, $3, $4, $5)").executeBatch(rows).mapEmpty());
  }

  /** One man's outcome on one indicator of a counted case. */
  public record ManOutcome(int man, String role, String indicatorId, String outcome) {
  }

  public Future<List<ManOutcome>> caseResults(SqlClient db, long caseId) {
    return db.preparedQuery("SELECT man_ordinal, role, indicator_id, outcome FROM audit_man_result WHERE case_id = $1 "
        + "ORDER BY man_ordinal").execute(Tuple.of(caseId)).map(rows -> {
          List<ManOutcome> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ManOutcome(r.getInteger(0), r.getString(1), r.getString(2), r.getString(3))));
          return out;
        });
  }

  public Future<Boolean> counted(SqlClient db, long caseId) {
    return db.preparedQuery("SELECT 1 FROM audit_man_result WHERE case_id = $1 LIMIT 1").execute(Tuple.of(caseId))
        .map(rows -> rows.size() > 0);
  }

  public Future<Map<AnswerSheet.Key, AnswerSheet.Given>> moderations(SqlClient db, long caseId) {
    return db.preparedQuery("SELECT man_ordinal, item_id, agreed, na_reason FROM audit_moderation WHERE case_id = $1")
        .execute(Tuple.of(caseId)).map(rows -> {
          Map<AnswerSheet.Key, AnswerSheet.Given> out = new HashMap<>();
          rows.forEach(r -> out.put(new AnswerSheet.Key(r.getInteger(0), r.getString(1)), new AnswerSheet.Given(
              Answer.parse(r.getString(2)).orElseThrow(), Optional.ofNullable(r.getString(3)))));
          return out;
        });
  }

  public Future<Void> saveModeration(SqlClient tx, long caseId, AnswerSheet.Key key, AnswerSheet.Given agreed,
      String reason, long moderatorId) {
    return tx.preparedQuery("INSERT INTO audit_moderation (case_id, man_ordinal, item_id, agreed, na_reason, reason, "
        + "moderator_id) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, man_ordinal, item_id) DO UPDATE "
        + "SET agreed = $4, na_reason = $5, reason = $6, moderator_id = $7, moderated_at = now()")
        .execute(Tuple.from(new Object[] {caseId, key.man(), key.itemId(), agreed.answer().code(),
            agreed.naReason().orElse(null), reason, moderatorId})).mapEmpty();
  }

  /** Aggregated results of the organisation's live rounds, optionally for one team. */
  public Future<List<Cell>> cells(SqlClient db, Org org, Optional<Long> team) {
    return db.preparedQuery("SELECT c.round_id, c.team_id, COALESCE(c.stage, ''), m.role, m.indicator_id, "
        + "count(*) FILTER (WHERE m.outcome = 'met'), count(*) FILTER (WHERE m.outcome <> 'not_eligible') "
        + "FROM audit_man_result m JOIN audit_case c ON c.id = m.case_id JOIN audit_round r ON r.id = c.round_id "
        + "WHERE r.registration_id = $1 AND r.deployment_id = $2 AND r.kind = 'live' AND ($3::bigint IS NULL OR "
        + "c.team_id = $3) GROUP BY 1, 2, 3, 4, 5")
        .execute(Tuple.of(org.registrationId(), org.deploymentId(), team.orElse(null))).map(rows -> {
          List<Cell> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Cell(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3),
              r.getString(4), r.getLong(5).intValue(), r.getLong(6).intValue())));
          return out;
        });
  }

  public Future<List<Completion>> completion(SqlClient db, Org org) {
    // One join, not a subquery per team and round; each case is asked only whether it has a result.
    return db.preparedQuery("SELECT t.round_id, t.team_id, t.planned, count(c.id) FROM audit_round_team t "
        + "JOIN audit_round r ON r.id = t.round_id LEFT JOIN audit_case c ON c.team_id = t.team_id "
        + "AND c.round_id = t.round_id AND EXISTS (SELECT 1 FROM audit_man_result m WHERE m.case_id = c.id) "
        + "WHERE r.registration_id = $1 AND r.deployment_id = $2 AND r.kind = 'live' "
        + "GROUP BY t.round_id, t.team_id, t.planned").execute(OrgData.key(org)).map(rows -> {
          List<Completion> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Completion(r.getLong(0), r.getLong(1), r.getInteger(2),
              r.getLong(3).intValue())));
          return out;
        });
  }

  /** Raw answers of both audits of every double-audited live case: {case, kind, man, item, answer}. */
  public Future<List<Object[]>> doubleAnswers(SqlClient db, Org org) {
    return db.preparedQuery("SELECT c.id, a.kind, x.man_ordinal, x.item_id, x.answer FROM audit_case c "
        + "JOIN audit_round r ON r.id = c.round_id JOIN audit_assignment a ON a.case_id = c.id AND a.kind IN "
        + "('primary', 'second') AND a.status = 'submitted' JOIN audit_answer x ON x.assignment_id = a.id "
        + "WHERE r.registration_id = $1 AND r.deployment_id = $2 AND r.kind = 'live' AND c.double_audit")
        .execute(OrgData.key(org)).map(rows -> {
          List<Object[]> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Object[] {r.getLong(0), r.getString(1), r.getInteger(2), r.getString(3),
              r.getString(4)}));
          return out;
        });
  }

  public Future<List<Training>> training(SqlClient db, Org org) {
    return db.preparedQuery("SELECT t.id, count(DISTINCT m.person_id), count(DISTINCT m.person_id) FILTER (WHERE "
        + "EXISTS (SELECT 1 FROM assessment_response x WHERE x.person_id = m.person_id AND x.wave = 'post' AND "
        + "x.status = 'completed')) FROM audit_team t LEFT JOIN audit_team_member m ON m.team_id = t.id WHERE "
        + "t.registration_id = $1 AND t.deployment_id = $2 GROUP BY t.id").execute(OrgData.key(org)).map(rows -> {
          List<Training> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Training(r.getLong(0), r.getLong(1).intValue(), r.getLong(2).intValue())));
          return out;
        });
  }
}
