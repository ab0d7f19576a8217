package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the person a request names: a registered platform (by name) and the LMS user id ({@code sub}) it sends. */
final class People {
  private People() {
  }

  /** The platform the command named. */
  record Platform(long id, String name, String issuer) {
  }

  /** A person held by the tool. */
  record Person(long id, Platform platform, String subject) {
  }

  /** Why a named person cannot be exported or erased; the message is for the administrator. */
  static final class Unknown extends RuntimeException {
    Unknown(String message) {
      super(message, null, false, false);
    }
  }

  static Future<Platform> platform(SqlClient db, String name) {
    return db.preparedQuery("SELECT id, name, issuer FROM platform_registration WHERE name = $1")
        .execute(Tuple.of(name)).compose(rows -> {
          if (rows.size() == 1) {
            Row r = rows.iterator().next();
            return Future.succeededFuture(new Platform(r.getLong("id"), r.getString("name"), r.getString("issuer")));
          }
          return db.query("SELECT name FROM platform_registration ORDER BY name").execute().compose(all -> {
            List<String> names = new ArrayList<>();
            all.forEach(r -> names.add(r.getString("name")));
            return Future.failedFuture(new Unknown("No platform is registered as '" + name + "'. Registered: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + "."));
          });
        });
  }

  static Future<Optional<Person>> person(SqlClient db, Platform platform, String subject) {
    return db.preparedQuery("SELECT id FROM person WHERE registration_id = $1 AND subject = $2")
        .execute(Tuple.of(platform.id(), subject))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new Person(rows.iterator().next().getLong("id"), platform, subject)));
  }

  /** When this person was erased before, if they were (found by the keyed hash of their id). */
  static Future<Optional<OffsetDateTime>> erasedAt(SqlClient db, Platform platform, String subjectKey) {
    return db.preparedQuery("""
            SELECT max(erased_at) AS at FROM privacy_erasure WHERE registration_id = $1 AND subject_key = $2""")
        .execute(Tuple.of(platform.id(), subjectKey))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("at")));
  }

  static Unknown unknownPerson(Platform platform, String subject) {
    return new Unknown("Nobody with the LMS user id '" + subject + "' has launched the tool from '" + platform.name()
        + "', so nothing is held about them. Check the id is the one the LMS sends (the LTI 'sub': in Moodle the"
        + " user's numeric id, not their username or email).");
  }

  /** Makes the one-row {@code privacy_target} table the export and erasure SQL read. */
  static Future<Void> target(SqlClient tx, Person p, String pseudonym) {
    return tx.query("CREATE TEMP TABLE privacy_target (person_id bigint, registration_id bigint, subject text,"
            + " pseudonym text) ON COMMIT DROP").execute()
        .compose(v -> tx.preparedQuery("INSERT INTO privacy_target VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(p.id(), p.platform().id(), p.subject(), pseudonym)))
        .mapEmpty();
  }
}
