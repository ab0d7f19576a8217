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
  private static final String PEOPLE = """
      WITH m AS (
        SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS m(subject, name, given, family))
      INSERT INTO person (registration_id, subject, name, given_name, family_name)
      SELECT $1, subject, name, given, family FROM m
      ON CONFLICT (registration_id, subject) DO UPDATE
        SET name = COALESCE(excluded.name, person.name),
            given_name = COALESCE(excluded.given_name, person.given_name),
            family_name = COALESCE(excluded.family_name, person.family_name),
            updated_at = now()
        WHERE (excluded.name, excluded.given_name, excluded.family_name)
          IS DISTINCT FROM (person.name, person.given_name, person.family_name)
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

  Future<Void> replace(Pool pool, long courseId, long registrationId, List<Member> members) {
    String[] subjects = members.stream().map(Member::userId).toArray(String[]::new);
    String[] names = members.stream().map(Member::name).toArray(String[]::new);
    String[] given = members.stream().map(Member::givenName).toArray(String[]::new);
    String[] family = members.stream().map(Member::familyName).toArray(String[]::new);
    String[] roles = members.stream().map(m -> m.role().dbValue()).toArray(String[]::new);
    String[] all = members.stream().map(m -> String.join("\u001f", m.roles())).toArray(String[]::new);
    return pool.withTransaction(tx -> tx.preparedQuery(PEOPLE)
        .execute(Tuple.of(registrationId, subjects, names, given).addArrayOfString(family))
        .compose(v -> tx.preparedQuery(CLEAR).execute(Tuple.of(courseId)))
        .compose(v -> tx.preparedQuery(FILL).execute(Tuple.of(courseId, registrationId, subjects, roles)
            .addArrayOfString(all)))
        .compose(v -> tx.preparedQuery(SYNCED).execute(Tuple.of(courseId, members.size())))
        .mapEmpty());
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
