package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Erases a person, in one transaction, table by table as {@link PersonalData} declares: their LMS user id and name
 * are replaced by a random pseudonym linked to nothing, their sessions, sign-ins, choices, questionnaire answers,
 * result comments and grade deliveries are removed, and the scores that cohort figures are built from (attempt
 * scores, questionnaire scale scores, results, enrolments) stay under the pseudonym, so a trainer's cohort view and
 * report do not change. Recorded in {@code privacy_erasure} under a keyed hash of the user id. Erasing someone
 * already erased changes nothing and says when it was done.
 */
public final class Erasure {
  private Erasure() {
  }

  /** What happened: {@code removed} per table, or when the person was erased before. */
  public record Outcome(boolean erasedNow, Map<String, Integer> removed, Optional<OffsetDateTime> erasedBefore) {
  }

  /** Refused: the person has grades the LMS has not received. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  public static Future<Outcome> erase(Pool pool, Clock clock, String platformName, String subject, boolean force,
      String operator) {
    return pool.withTransaction(tx -> People.platform(tx, platformName).compose(platform -> Pseudonyms.load(tx)
        .compose(keys -> {
          String subjectKey = keys.of("erasure", platform.issuer(), subject);
          return People.person(tx, platform, subject).compose(found -> found.isPresent()
              ? undelivered(tx, found.get()).compose(n -> n > 0 && !force
                  ? Future.failedFuture(new Refused(refusal(n)))
                  : eraseNow(tx, clock, found.get(), subjectKey, force, operator))
              : People.erasedAt(tx, platform, subjectKey).compose(at -> at.isPresent()
                  ? Future.succeededFuture(new Outcome(false, Map.of(), at))
                  : Future.failedFuture(People.unknownPerson(platform, subject))));
        })));
  }

  private static String refusal(long n) {
    return "Not erased: " + n + (n == 1 ? " grade has" : " grades have") + " not been delivered to the learning"
        + " platform yet (queued, or failed after retries). Wait for delivery (trainers see it on the grades status"
        + " page), or erase anyway with --force: those grades will then never reach the platform.";
  }

  private static Future<Long> undelivered(SqlConnection tx, People.Person p) {
    return tx.preparedQuery("SELECT count(*) AS n FROM grade_outbox WHERE person_id = $1"
            + " AND status IN ('queued', 'failed')").execute(Tuple.of(p.id()))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  private static Future<Outcome> eraseNow(SqlConnection tx, Clock clock, People.Person p, String subjectKey,
      boolean force, String operator) {
    Map<String, Integer> removed = new LinkedHashMap<>();
    Future<Void> chain = tx.preparedQuery("SELECT id FROM person WHERE id = $1 FOR UPDATE").execute(Tuple.of(p.id()))
        .compose(v -> People.target(tx, p, Pseudonyms.erased()));
    for (PersonalData.Table t : PersonalData.TABLES) {
      for (String sql : t.erase()) {
        chain = chain.compose(v -> tx.query(sql).execute().map(rows -> {
          removed.merge(t.name(), rows.rowCount(), Integer::sum);
          return null;
        }));
      }
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return chain.compose(v -> tx.preparedQuery("""
            INSERT INTO privacy_erasure (registration_id, subject_key, erased_at, operator, forced, removed)
            VALUES ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(p.platform().id(), subjectKey, now, operator, force, JsonObject.mapFrom(removed))))
        .map(v -> new Outcome(true, Collections.unmodifiableMap(removed), Optional.empty()));
  }
}
