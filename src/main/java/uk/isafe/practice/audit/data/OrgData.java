package uk.isafe.practice.audit.data;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.isafe.practice.audit.Access;
import uk.isafe.practice.audit.AuditRole;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.Nation;

/** An organisation's audit settings, teams, team members and role grants. Every query is scoped by the org. */
public final class OrgData {

  /** The organisation's settings (defaults until an administrator saves them). */
  public record Settings(Nation nation, int calibrationPass, int doubleShare, int retentionMonths) {
    public static final Settings DEFAULT = new Settings(Nation.ENGLAND, 90, 10, 24);
  }

  public record Team(long id, String name, int members) {
  }

  public record Person(long id, String name) {
  }

  public record Grant(long id, long personId, String personName, AuditRole role, Optional<Long> teamId,
      Optional<String> teamName) {
  }

  private static final String PERSON_NAME = "COALESCE(NULLIF(p.name, ''), p.subject)";

  public Future<Settings> settings(SqlClient db, Org org) {
    return db.preparedQuery("SELECT nation, calibration_pass, double_audit_share, retention_months FROM audit_settings"
        + " WHERE registration_id = $1 AND deployment_id = $2").execute(key(org)).map(rows -> {
          if (rows.size() == 0) {
            return Settings.DEFAULT;
          }
          Row r = rows.iterator().next();
          return new Settings(Nation.parse(r.getString(0)).orElse(Nation.ENGLAND), r.getInteger(1), r.getInteger(2),
              r.getInteger(3));
        });
  }

  public Future<Void> saveSettings(SqlClient db, Org org, Settings s) {
    return db.preparedQuery("INSERT INTO audit_settings (registration_id, deployment_id, nation, calibration_pass, "
        + "double_audit_share, retention_months) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (registration_id, "
        + "deployment_id) DO UPDATE SET nation = $3, calibration_pass = $4, double_audit_share = $5, "
        + "retention_months = $6, updated_at = now()")
        .execute(Tuple.of(org.registrationId(), org.deploymentId(), s.nation().key(), s.calibrationPass(),
            s.doubleShare(), s.retentionMonths())).mapEmpty();
  }

  public Future<List<Team>> teams(SqlClient db, Org org) {
    return db.preparedQuery("SELECT t.id, t.name, (SELECT count(*) FROM audit_team_member m WHERE m.team_id = t.id) "
        + "FROM audit_team t WHERE t.registration_id = $1 AND t.deployment_id = $2 ORDER BY t.name")
        .execute(key(org)).map(rows -> {
          List<Team> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Team(r.getLong(0), r.getString(1), r.getLong(2).intValue())));
          return out;
        });
  }

  /** Creates a team; empty when the organisation already has one of that name. */
  public Future<Optional<Long>> createTeam(SqlClient db, Org org, String name) {
    return db.preparedQuery("INSERT INTO audit_team (registration_id, deployment_id, name) VALUES ($1, $2, $3) "
        + "ON CONFLICT DO NOTHING RETURNING id").execute(Tuple.of(org.registrationId(), org.deploymentId(), name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  /** True when the team belongs to the organisation. */
  public Future<Boolean> ownsTeam(SqlClient db, Org org, long teamId) {
    return db.preparedQuery("SELECT 1 FROM audit_team WHERE id = $1 AND registration_id = $2 AND deployment_id = $3")
        .execute(Tuple.of(teamId, org.registrationId(), org.deploymentId())).map(rows -> rows.size() > 0);
  }

  /** People who have launched the tool in any course of the organisation, by name. */
  public Future<List<Person>> people(SqlClient db, Org org) {
    return db.preparedQuery("SELECT DISTINCT p.id, " + PERSON_NAME + " AS name FROM person p "
        + "JOIN enrolment e ON e.person_id = p.id JOIN course c ON c.id = e.course_id "
        + "WHERE c.registration_id = $1 AND c.deployment_id = $2 ORDER BY name").execute(key(org)).map(rows -> {
          List<Person> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Person(r.getLong(0), r.getString(1))));
          return out;
        });
  }

  public Future<Boolean> isPerson(SqlClient db, Org org, long personId) {
    return db.preparedQuery("SELECT 1 FROM enrolment e JOIN course c ON c.id = e.course_id WHERE e.person_id = $1 "
        + "AND c.registration_id = $2 AND c.deployment_id = $3 LIMIT 1")
        .execute(Tuple.of(personId, org.registrationId(), org.deploymentId())).map(rows -> rows.size() > 0);
  }

  public Future<List<Grant>> grants(SqlClient db, Org org) {
    return db.preparedQuery("SELECT g.id, g.person_id, " + PERSON_NAME + ", g.role, g.team_id, t.name "
        + "FROM audit_grant g JOIN person p ON p.id = g.person_id LEFT JOIN audit_team t ON t.id = g.team_id "
        + "WHERE g.registration_id = $1 AND g.deployment_id = $2 ORDER BY 3, g.role").execute(key(org)).map(rows -> {
          List<Grant> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Grant(r.getLong(0), r.getLong(1), r.getString(2),
              AuditRole.parse(r.getString(3)).orElseThrow(), Optional.ofNullable(r.getLong(4)),
              Optional.ofNullable(r.getString(5)))));
          return out;
        });
  }

  public Future<Void> grant(SqlClient db, Org org, long personId, AuditRole role, Optional<Long> teamId, long by) {
    return db.preparedQuery("INSERT INTO audit_grant (registration_id, deployment_id, person_id, role, team_id, "
        + "granted_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(org.registrationId(), org.deploymentId(), personId, role.code(), teamId.orElse(null), by))
        .mapEmpty();
  }

  public Future<Void> revoke(SqlClient db, Org org, long grantId) {
    return db.preparedQuery("DELETE FROM audit_grant WHERE id = $1 AND registration_id = $2 AND deployment_id = $3")
        .execute(Tuple.of(grantId, org.registrationId(), org.deploymentId())).mapEmpty();
  }

  public Future<Void> addMember(SqlClient db, long teamId, long personId) {
    return db.preparedQuery("INSERT INTO audit_team_member (team_id, person_id) VALUES ($1, $2) ON CONFLICT DO "
        + "NOTHING").execute(Tuple.of(teamId, personId)).mapEmpty();
  }

  /** A person's access: the LMS default role plus every grant in this organisation. */
  public Future<Access> access(SqlClient db, Org org, long personId, String lmsRole) {
    return db.preparedQuery("SELECT role, team_id FROM audit_grant WHERE registration_id = $1 AND deployment_id = $2 "
        + "AND person_id = $3").execute(Tuple.of(org.registrationId(), org.deploymentId(), personId)).map(rows -> {
          Set<AuditRole> roles = EnumSet.noneOf(AuditRole.class);
          AuditRole.fromLms(lmsRole).ifPresent(roles::add);
          Set<Long> teams = new HashSet<>();
          rows.forEach(r -> {
            AuditRole.parse(r.getString(0)).ifPresent(roles::add);
            if (r.getLong(1) != null) {
              teams.add(r.getLong(1));
            }
          });
          return new Access(personId, roles, teams);
        });
  }

  static Tuple key(Org org) {
    return Tuple.of(org.registrationId(), org.deploymentId());
  }
}
