package uk.isafe.practice.audit.data;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.audit.Org;

/** Actions raised from audits: owner, due date, status and closure note. Scoped by the organisation. */
public final class ActionData {

  public record Action(long id, long teamId, String teamName, Optional<Long> roundId, Optional<Integer> caseNumber,
      Optional<String> itemId, String description, long ownerId, String ownerName, LocalDate dueOn, String status,
      Optional<String> closureNote) {
    public boolean open() {
      return "open".equals(status) || "in_progress".equals(status);
    }

    public boolean overdue(LocalDate today) {
      return open() && dueOn.isBefore(today);
    }
  }

  public record NewAction(long teamId, Optional<Long> roundId, Optional<Long> caseId, Optional<String> itemId,
      String description, long ownerId, LocalDate dueOn) {
  }

  public Future<Long> create(SqlClient db, Org org, NewAction a, long by) {
    return db.preparedQuery("INSERT INTO audit_action (registration_id, deployment_id, team_id, round_id, case_id, "
        + "item_id, description, owner_id, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        + "RETURNING id").execute(Tuple.from(new Object[] {org.registrationId(), org.deploymentId(), a.teamId(),
            a.roundId().orElse(null), a.caseId().orElse(null), a.itemId().orElse(null), a.description(), a.ownerId(),
            a.dueOn(), by})).map(rows -> rows.iterator().next().getLong(0));
  }

  /** Actions of the organisation, or of one team; open ones first, by due date. */
  public Future<List<Action>> list(SqlClient db, Org org, Optional<Long> team) {
    return db.preparedQuery("SELECT x.id, x.team_id, t.name, x.round_id, c.number, x.item_id, x.description, "
        + "x.owner_id, COALESCE(NULLIF(p.name, ''), "
        + "p.subject), x.due_on, x.status, x.closure_note FROM audit_action x JOIN audit_team t ON t.id = x.team_id "
        + "JOIN person p ON p.id = x.owner_id LEFT JOIN audit_case c ON c.id = x.case_id WHERE x.registration_id = $1 "
        + "AND x.deployment_id = $2 AND ($3::bigint IS NULL OR x.team_id = $3) ORDER BY (x.status IN ('open', "
        + "'in_progress')) DESC, x.due_on, x.id").execute(Tuple.of(org.registrationId(), org.deploymentId(),
            team.orElse(null))).map(rows -> {
              List<Action> out = new ArrayList<>();
              rows.forEach(r -> out.add(action(r)));
              return out;
            });
  }

  /** Updates status (and the closure note, required to close); false if the action is not the organisation's. */
  public Future<Boolean> update(SqlClient db, Org org, long id, String status, Optional<String> note) {
    return db.preparedQuery("UPDATE audit_action SET status = $4, closure_note = $5, closed_at = CASE WHEN $4 IN "
        + "('done', 'cancelled') THEN now() END WHERE id = $1 AND registration_id = $2 AND deployment_id = $3")
        .execute(Tuple.of(id, org.registrationId(), org.deploymentId(), status, note.orElse(null)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Action action(Row r) {
    return new Action(r.getLong(0), r.getLong(1), r.getString(2), Optional.ofNullable(r.getLong(3)),
        Optional.ofNullable(r.getInteger(4)), Optional.ofNullable(r.getString(5)), r.getString(6), r.getLong(7),
        r.getString(8), r.getLocalDate(9), r.getString(10), Optional.ofNullable(r.getString(11)));
  }
}
