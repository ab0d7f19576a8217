package uk.isafe.practice.gradebook.team;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may see the learning team’s view besides the LMS’s institution administrators: a grant names a platform
 * registration and a person by the LMS’s user id ({@code sub}). The deployment always comes from the person’s
 * session. Granted and removed by the tool’s administrator with the {@code grants} command.
 */
public final class Grants {
  static final String HAS = "SELECT 1 FROM gradebook_grant WHERE registration_id = $1 AND subject = $2";
  static final String ADD = """
      INSERT INTO gradebook_grant (registration_id, subject, note)
      SELECT id, $2, $3 FROM platform_registration WHERE name = $1
      ON CONFLICT (registration_id, subject) DO UPDATE SET note = excluded.note
      RETURNING registration_id""";
  static final String REMOVE = """
      DELETE FROM gradebook_grant g USING platform_registration r
      WHERE r.id = g.registration_id AND r.name = $1 AND g.subject = $2""";
  static final String LIST = """
      SELECT r.name, g.subject, g.note, g.granted_at,
        (SELECT NULLIF(p.name, '') FROM person p
          WHERE p.registration_id = g.registration_id AND p.subject = g.subject) AS person_name
      FROM gradebook_grant g JOIN platform_registration r ON r.id = g.registration_id
      ORDER BY r.name, g.subject""";

  /** One grant as listed: platform name, LMS user id, the name the platform last shared (if any), note. */
  public record Grant(String platform, String subject, String personName, String note, OffsetDateTime grantedAt) {
  }

  public Future<Boolean> has(SqlClient db, long registrationId, String subject) {
    if (subject == null || subject.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return db.preparedQuery(HAS).execute(Tuple.of(registrationId, subject)).map(rows -> rows.size() > 0);
  }

  /** Grants access; false when no platform has that name. Granting twice updates the note. */
  public Future<Boolean> add(SqlClient db, String platform, String subject, String note) {
    return db.preparedQuery(ADD).execute(Tuple.of(platform, subject, note)).map(rows -> rows.size() > 0);
  }

  /** Removes a grant; false when there was none. */
  public Future<Boolean> remove(SqlClient db, String platform, String subject) {
    return db.preparedQuery(REMOVE).execute(Tuple.of(platform, subject)).map(rows -> rows.rowCount() > 0);
  }

  public Future<List<Grant>> list(SqlClient db) {
    return db.preparedQuery(LIST).execute().map(rows -> {
      List<Grant> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Grant(r.getString("name"), r.getString("subject"),
          Optional.ofNullable(r.getString("person_name")).filter(s -> !s.isBlank()).orElse(null), r.getString("note"),
          r.getOffsetDateTime("granted_at"))));
      return out;
    });
  }
}
