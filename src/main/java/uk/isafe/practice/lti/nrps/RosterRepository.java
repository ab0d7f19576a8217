package uk.isafe.practice.lti.nrps;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code course_roster} and {@code course_roster_sync}. A refresh replaces a course's list in one
 * transaction: people are found or added by (registration, subject) in one statement, names kept when the platform
 * withholds them.
 */
final class RosterRepository {
  /** One display name per person (as a launch keeps it), and none at all with {@code STORE_NAMES=false}. */
  private static final String PEOPLE = """
      WITH m AS (SELECT * FROM unnest($2::text[], $3::text[]) AS m(subject, name))
      INSERT INTO person (registration_id, subject, name)
      SELECT $1, subject, name FROM m
      ON CONFLICT (registration_id, subject) DO UPDATE
        SET name = COALESCE(excluded.name, person.name), updated_at = now()
        WHERE excluded.name IS DISTINCT FROM person.name AND excluded.name IS NOT NULL
      RETURNING id""";
  private static final String CLEAR = "DELETE FROM course_roster WHERE course_id = $1";
  private static final String FILL = """
      INSERT INTO course_roster (course_id, person_id, role, roles)
      SELECT $1, p.id, m.role, string_to_array(m.roles, E'\\x1f')
        FROM unnest($3::text[], $4::text[], $5::text[]) AS m(subject, role, roles)
        JOIN person p ON p.registration_id = $2 AND p.subject = m.subject
      ON CONFLICT DO NOTHING""";
  private static final String SYNCED = """
      INSERT INTO course_roster_sync (course_id, synced_at, members, attempted_at, problem)
      VALUES ($1, now(), $2, now(), NULL)
      ON CONFLICT (course_id) DO UPDATE SET synced_at = now(), members = $2, attempted_at = now(), problem = NULL""";
  private static final String FAILED = """
      INSERT INTO course_roster_sync (course_id, members, attempted_at, problem) VALUES ($1, 0, now(), $2)
      ON CONFLICT (course_id) DO UPDATE SET attempted_at = now(), problem = $2""";
  private static final String STATUS =
      "SELECT synced_at, members, attempted_at, problem FROM course_roster_sync WHERE course_id = $1";

  /** The last refresh of a course: when it succeeded, when anything was last tried, the members, the problem. */
  record Sync(Optional<Instant> syncedAt, Instant attemptedAt, int members, Optional<String> problem) {
  }

  Future<Void> replace(Pool pool, long courseId, long registrationId, List<Member> members, boolean storeNames) {
    String[] subjects = members.stream().map(Member::userId).toArray(String[]::new);
    String[] names = members.stream().map(m -> storeNames ? displayName(m) : null).toArray(String[]::new);
    String[] roles = members.stream().map(m -> m.role().dbValue()).toArray(String[]::new);
    String[] all = members.stream().map(m -> String.join("\u001f", m.roles())).toArray(String[]::new);
    return pool.withTransaction(tx -> tx.preparedQuery(PEOPLE)
        .execute(Tuple.of(registrationId, subjects, names))
        .compose(v -> tx.preparedQuery(CLEAR).execute(Tuple.of(courseId)))
        .compose(v -> tx.preparedQuery(FILL).execute(Tuple.of(courseId, registrationId, subjects, roles)
            .addArrayOfString(all)))
        .compose(v -> tx.preparedQuery(SYNCED).execute(Tuple.of(courseId, members.size())))
        .mapEmpty());
  }

  /** The name as the platform gives it, else given and family names joined; null when it shares none. */
  static String displayName(Member m) {
    if (m.name() != null && !m.name().isBlank()) {
      return m.name().strip();
    }
    String joined = String.join(" ", java.util.stream.Stream.of(m.givenName(), m.familyName())
        .filter(x -> x != null && !x.isBlank()).map(String::strip).toList());
    return joined.isEmpty() ? null : joined;
  }

  Future<Void> failed(SqlClient db, long courseId, String problem) {
    return db.preparedQuery(FAILED).execute(Tuple.of(courseId, problem)).mapEmpty();
  }

  Future<Optional<Sync>> sync(SqlClient db, long courseId) {
    return db.preparedQuery(STATUS).execute(Tuple.of(courseId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Sync(Optional.ofNullable(r.getOffsetDateTime("synced_at")).map(t -> t.toInstant()),
          r.getOffsetDateTime("attempted_at").toInstant(), r.getInteger("members"),
          Optional.ofNullable(r.getString("problem"))));
    });
  }
}
