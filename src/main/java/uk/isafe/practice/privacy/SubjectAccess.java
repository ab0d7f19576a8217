package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.lang.reflect.Array;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.Optional;
import uk.isafe.practice.core.PrivacySettings;

/**
 * A subject access export: everything the tool holds about one person, table by table as {@link PersonalData}
 * declares it, read in one transaction, with the retention period of each. Recorded in the access log.
 * Secrets that protect the person (session token hashes, CSRF tokens) are held but not copied out.
 */
public final class SubjectAccess {
  private SubjectAccess() {
  }

  /**
   * The export as JSON: {@code person} (platform, user id), {@code generated_at}, and {@code tables}: for each
   * declared table that can hold something about a person, its rows (an empty list when none).
   */
  public static Future<JsonObject> export(Pool pool, Clock clock, PrivacySettings settings, String platformName,
      String subject, String operator) {
    return pool.withTransaction(tx -> People.platform(tx, platformName)
        .compose(platform -> People.person(tx, platform, subject).compose(found -> {
          if (found.isPresent()) {
            return collect(tx, clock, settings, found.get(), operator);
          }
          return Pseudonyms.load(tx).compose(keys -> People.erasedAt(tx, platform,
              keys.of("erasure", platform.issuer(), subject))).compose(erased -> Future.failedFuture(
                  erased.isPresent() ? new People.Unknown("The person with LMS user id '" + subject + "' on '"
                      + platformName + "' was erased on " + erased.get().toLocalDate()
                      + "; nothing identifying them is held.") : People.unknownPerson(platform, subject)));
        })));
  }

  private static Future<JsonObject> collect(SqlConnection tx, Clock clock, PrivacySettings settings,
      People.Person person, String operator) {
    JsonObject tables = new JsonObject();
    JsonObject retention = new JsonObject();
    Future<Void> chain = People.target(tx, person, null);
    for (PersonalData.Table t : PersonalData.TABLES) {
      if (t.export().isEmpty()) {
        continue;
      }
      chain = chain.compose(v -> tx.query(t.export().get()).execute().map(rows -> {
        JsonArray out = new JsonArray();
        for (Row r : rows) {
          out.add(json(r));
        }
        tables.put(t.name(), out);
        retention.put(t.name(), t.period().of(settings).map(d -> d.toDays() + " days").orElse("while installed"));
        return null;
      }));
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return chain
        .compose(v -> AccessLogRepository.commandLine(tx, clock, person.platform().id(), operator,
            "subject-access-export", person.subject()))
        .map(v -> new JsonObject()
            .put("person", new JsonObject().put("platform", person.platform().name())
                .put("issuer", person.platform().issuer()).put("user_id", person.subject()))
            .put("generated_at", now.toString())
            .put("retention", retention)
            .put("tables", tables));
  }

  /** A row as JSON: times as ISO-8601 text, arrays as lists, JSON columns as they are. */
  static JsonObject json(Row r) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < r.size(); i++) {
      o.put(r.getColumnName(i), value(r.getValue(i)));
    }
    return o;
  }

  private static Object value(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof JsonObject
        || v instanceof JsonArray) {
      return v;
    }
    if (v instanceof Number n) {
      return n instanceof io.vertx.sqlclient.data.Numeric num ? num.bigDecimalValue() : n;
    }
    if (v instanceof Temporal t) {
      return t.toString();
    }
    if (v instanceof Buffer) {
      return "(binary, not exported)";
    }
    if (v.getClass().isArray()) {
      JsonArray a = new JsonArray();
      for (int i = 0; i < Array.getLength(v); i++) {
        a.add(value(Array.get(v, i)));
      }
      return a;
    }
    return String.valueOf(v);
  }

  /** The file name stem for a person's export: the platform and user id, reduced to safe characters. */
  public static String fileStem(String platform, String subject) {
    return ("subject-access-" + platform + "-" + subject).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static Optional<String> text(Object v) {
    return Optional.ofNullable(v).map(x -> x instanceof JsonObject || x instanceof JsonArray ? x.toString()
        : String.valueOf(x));
  }
}
