package uk.isafe.practice.audit.data;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.round.RoundState;

/** Rounds, their teams and sampled cases, and the bank versions they fix. Every query is scoped by the org. */
public final class RoundData {

  /** A bank version already used with different content: the author must raise the version. */
  public static final class BankChanged extends RuntimeException {
    public BankChanged(String bankId, int version) {
      super("bank " + bankId + " version " + version + " was used by a round with different content");
    }
  }

  public record NewRound(String title, String kind, String bankId, int bankVersion, String sampling,
      Optional<String> theme, int casesPerTeam, int doubleShare) {
  }

  /** A case to store: its keyed hash, stage and age band, and its auditors (primary, then second if doubled). */
  public record NewCase(long teamId, byte[] refHash, Optional<String> stage, Optional<String> ageBand,
      long[] auditors) {
  }

  public record Round(long id, String title, String kind, String bankId, int bankVersion, RoundState state,
      String sampling, Optional<String> theme, int casesPerTeam, int doubleShare, int version) {
    public boolean calibration() {
      return "calibration".equals(kind);
    }
  }

  public record Summary(Round round, int cases, int submitted, int planned) {
  }

  public Future<Void> registerBank(SqlClient db, String bankId, int version, String sha256, String source) {
    return db.preparedQuery("INSERT INTO audit_bank_version (bank_id, version, sha256, source) VALUES ($1, $2, $3, $4)"
        + " ON CONFLICT DO NOTHING").execute(Tuple.of(bankId, version, sha256, source))
        .compose(x -> db.preparedQuery("SELECT sha256 FROM audit_bank_version WHERE bank_id = $1 AND version = $2")
            .execute(Tuple.of(bankId, version)))
        .compose(rows -> sha256.equals(rows.iterator().next().getString(0)) ? Future.<Void>succeededFuture()
            : Future.failedFuture(new BankChanged(bankId, version)));
  }

  /** The stored source of a bank version, as the round used it. */
  public Future<Optional<String>> bankSource(SqlClient db, String bankId, int version) {
    return db.preparedQuery("SELECT source FROM audit_bank_version WHERE bank_id = $1 AND version = $2")
        .execute(Tuple.of(bankId, version))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<Long> create(SqlClient tx, Org org, NewRound r, List<Long> teamIds, long by) {
    return tx.preparedQuery("INSERT INTO audit_round (registration_id, deployment_id, title, kind, bank_id, "
        + "bank_version, sampling, theme, cases_per_team, double_share, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7,"
        + " $8, $9, $10, $11) RETURNING id").execute(Tuple.from(new Object[] {org.registrationId(), org.deploymentId(),
            r.title(), r.kind(), r.bankId(), r.bankVersion(), r.sampling(), r.theme().orElse(null), r.casesPerTeam(),
            r.doubleShare(), by}))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> {
          List<Tuple> teams = new ArrayList<>();
          teamIds.forEach(t -> teams.add(Tuple.of(id, t, r.casesPerTeam())));
          return teams.isEmpty() ? Future.succeededFuture(id)
              : tx.preparedQuery("INSERT INTO audit_round_team (round_id, team_id, planned) VALUES ($1, $2, $3)")
                  .executeBatch(teams).map(id);
        });
  }

  /** Stores the sampled cases (numbered from 1 in the order given) and their assignments. */
  public Future<Void> addCases(SqlClient tx, long roundId, List<NewCase> cases, String kindOfPrimary) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < cases.size(); i++) {
      NewCase c = cases.get(i);
      int number = i + 1;
      chain = chain.compose(x -> tx.preparedQuery("INSERT INTO audit_case (round_id, team_id, number, ref_hash, "
          + "age_band, stage, double_audit) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
          .execute(Tuple.from(new Object[] {roundId, c.teamId(), number, Buffer.buffer(c.refHash()),
              c.ageBand().orElse(null), c.stage().orElse(null), c.auditors().length > 1}))
          .compose(rows -> {
            long caseId = rows.iterator().next().getLong(0);
            List<Tuple> a = new ArrayList<>();
            a.add(Tuple.of(caseId, c.auditors()[0], kindOfPrimary));
            if (c.auditors().length > 1) {
              a.add(Tuple.of(caseId, c.auditors()[1], "second"));
            }
            return tx.preparedQuery("INSERT INTO audit_assignment (case_id, auditor_id, kind) VALUES ($1, $2, $3)")
                .executeBatch(a).mapEmpty();
          }));
    }
    return chain;
  }

  /** Gives every listed auditor their own calibration copy of every case of a calibration round. */
  public Future<Void> addCalibrationAuditors(SqlClient tx, long roundId, List<Long> auditors) {
    List<Tuple> rows = new ArrayList<>();
    auditors.forEach(a -> rows.add(Tuple.of(roundId, a)));
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery("INSERT INTO audit_assignment (case_id, "
        + "auditor_id, kind) SELECT c.id, $2, 'calibration' FROM audit_case c WHERE c.round_id = $1 "
        + "ON CONFLICT DO NOTHING").executeBatch(rows).mapEmpty();
  }

  public Future<Optional<Round>> get(SqlClient db, Org org, long roundId) {
    return db.preparedQuery(SELECT + " WHERE id = $1 AND registration_id = $2 AND deployment_id = $3")
        .execute(Tuple.of(roundId, org.registrationId(), org.deploymentId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(round(rows.iterator().next())));
  }

  public Future<List<Summary>> list(SqlClient db, Org org) {
    return db.preparedQuery("SELECT r.*, (SELECT count(*) FROM audit_case c WHERE c.round_id = r.id) AS cases, "
        + "(SELECT count(*) FROM audit_case c WHERE c.round_id = r.id AND EXISTS (SELECT 1 FROM audit_assignment a "
        + "WHERE a.case_id = c.id AND a.kind IN ('primary', 'agreed') AND a.status = 'submitted')) AS submitted, "
        + "(SELECT COALESCE(sum(planned), 0) FROM audit_round_team t WHERE t.round_id = r.id) AS planned "
        + "FROM (" + SELECT + " WHERE registration_id = $1 AND deployment_id = $2) r ORDER BY r.created_at DESC, r.id "
        + "DESC").execute(OrgData.key(org)).map(rows -> {
          List<Summary> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Summary(round(r), r.getLong("cases").intValue(),
              r.getLong("submitted").intValue(), r.getLong("planned").intValue())));
          return out;
        });
  }

  /** Moves a round one state on; false when it was not in {@code from} any more (someone else moved it). */
  public Future<Boolean> move(SqlClient db, Org org, long roundId, RoundState from, RoundState to) {
    String stamp = switch (to) {
      case OPEN -> ", opened_at = now()";
      case MODERATING -> ", moderating_at = now()";
      case CLOSED -> ", closed_at = now()";
      default -> "";
    };
    return db.preparedQuery("UPDATE audit_round SET state = $4, version = version + 1" + stamp + " WHERE id = $1 AND "
        + "registration_id = $2 AND deployment_id = $3 AND state = $5")
        .execute(Tuple.of(roundId, org.registrationId(), org.deploymentId(), to.code(), from.code()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** People who may be assigned cases: granted auditors, and trainers of the organisation's courses (the default). */
  public Future<List<OrgData.Person>> auditors(SqlClient db, Org org) {
    return db.preparedQuery("SELECT DISTINCT p.id, COALESCE(NULLIF(p.name, ''), p.subject) AS name FROM person p"
        + " WHERE p.id IN (SELECT person_id FROM audit_grant "
        + "WHERE registration_id = $1 AND deployment_id = $2 AND role = 'auditor' UNION SELECT e.person_id FROM "
        + "enrolment e JOIN course c ON c.id = e.course_id WHERE c.registration_id = $1 AND c.deployment_id = $2 AND "
        + "e.role = 'trainer') ORDER BY name").execute(OrgData.key(org)).map(rows -> {
          List<OrgData.Person> out = new ArrayList<>();
          rows.forEach(r -> out.add(new OrgData.Person(r.getLong(0), r.getString(1))));
          return out;
        });
  }

  private static final String SELECT = "SELECT id, title, kind, bank_id, bank_version, state, sampling, theme, "
      + "cases_per_team, double_share, version, created_at FROM audit_round";

  private static Round round(Row r) {
    return new Round(r.getLong("id"), r.getString("title"), r.getString("kind"), r.getString("bank_id"),
        r.getInteger("bank_version"), RoundState.parse(r.getString("state")).orElseThrow(), r.getString("sampling"),
        Optional.ofNullable(r.getString("theme")), r.getInteger("cases_per_team"), r.getInteger("double_share"),
        r.getInteger("version"));
  }
}
