package uk.isafe.practice.lti.launch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.NewSession;

/**
 * After a valid launch: records the nonce (refusing a replay), upserts the course (context), person (sub), enrolment
 * and resource link, and creates the session, all in ONE transaction, so a launch either fully lands or leaves
 * nothing behind.
 */
public final class LaunchRecorder {
  /**
   * Rows that have not changed are not rewritten, nor locked: a class launching together must not queue on its
   * course and link rows, so these two are a conditional UPDATE (which locks only a row it changes) and an INSERT
   * only when missing, never ON CONFLICT DO UPDATE (which locks the existing row even when its WHERE is false, so
   * every launch of a course waited for the previous one's commit); unchanged rows are read instead. If a concurrent
   * first launch created a row after this statement's snapshot, that read finds nothing and the transaction is
   * retried once ({@link Race}).
   *
   * <p>One statement for the state, the nonce and every upsert: the state spent (none returned = already spent), replay cache row (none returned = replay), course, person (when
   * there is a sub), enrolment (when there is a person) and resource link. Fewer round trips, same transaction.
   */
  private static final String UPSERT = """
      WITH s AS (
        UPDATE lti_login_state SET used_at = now() WHERE state = $21 AND used_at IS NULL RETURNING 1),
      n AS (
        INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at) VALUES ($1, $19, now() + make_interval(secs => $20))
        ON CONFLICT DO NOTHING RETURNING 1),
      c_upd AS (
        UPDATE course SET title = COALESCE($4::text, title), label = COALESCE($5::text, label), updated_at = now()
         WHERE registration_id = $1 AND deployment_id = $2 AND context_id = $3
           AND (title, label) IS DISTINCT FROM (COALESCE($4::text, title), COALESCE($5::text, label))
        RETURNING id),
      c_new AS (
        INSERT INTO course (registration_id, deployment_id, context_id, title, label)
        SELECT $1, $2, $3, $4::text, $5::text
         WHERE NOT EXISTS (SELECT 1 FROM course WHERE registration_id = $1 AND deployment_id = $2 AND context_id = $3)
        ON CONFLICT (registration_id, deployment_id, context_id) DO NOTHING
        RETURNING id),
      c AS (
        SELECT id FROM c_new UNION ALL SELECT id FROM c_upd UNION ALL
        SELECT id FROM course WHERE registration_id = $1 AND deployment_id = $2 AND context_id = $3
          AND NOT EXISTS (SELECT 1 FROM c_new) AND NOT EXISTS (SELECT 1 FROM c_upd)),
      p_new AS (
        INSERT INTO person (registration_id, subject, name, given_name, family_name, email)
        SELECT $1, $6::text, $7, $8, $9, $10 WHERE $6::text IS NOT NULL
        ON CONFLICT (registration_id, subject) DO UPDATE SET name = excluded.name, given_name = excluded.given_name,
          family_name = excluded.family_name, email = excluded.email, updated_at = now()
          WHERE (person.name, person.given_name, person.family_name, person.email)
            IS DISTINCT FROM (excluded.name, excluded.given_name, excluded.family_name, excluded.email)
        RETURNING id),
      p AS (
        SELECT id FROM p_new UNION ALL
        SELECT id FROM person WHERE registration_id = $1 AND subject = $6::text
          AND NOT EXISTS (SELECT 1 FROM p_new)),
      e AS (
        INSERT INTO enrolment (course_id, person_id, role, roles) SELECT c.id, p.id, $11, $12 FROM c, p
        ON CONFLICT (course_id, person_id) DO UPDATE SET role = excluded.role, roles = excluded.roles,
          last_launch_at = now()),
      l_upd AS (
        UPDATE resource_link SET title = $14::text, custom = $15::jsonb, lineitem_url = $16::text,
          lineitems_url = $17::text, ags_scopes = $18::text[], updated_at = now()
         WHERE course_id = (SELECT id FROM c) AND link_id = $13
           AND (title, custom, lineitem_url, lineitems_url, ags_scopes)
             IS DISTINCT FROM ($14::text, $15::jsonb, $16::text, $17::text, $18::text[])
        RETURNING id),
      l_new AS (
        INSERT INTO resource_link (course_id, link_id, title, custom, lineitem_url, lineitems_url, ags_scopes)
        SELECT c.id, $13, $14::text, $15::jsonb, $16::text, $17::text, $18::text[] FROM c
         WHERE NOT EXISTS (SELECT 1 FROM resource_link WHERE course_id = c.id AND link_id = $13)
        ON CONFLICT (course_id, link_id) DO NOTHING
        RETURNING id),
      l AS (
        SELECT id FROM l_new UNION ALL SELECT id FROM l_upd UNION ALL
        SELECT id FROM resource_link WHERE course_id = (SELECT id FROM c) AND link_id = $13
          AND NOT EXISTS (SELECT 1 FROM l_new) AND NOT EXISTS (SELECT 1 FROM l_upd))
      SELECT (SELECT count(*) FROM s) AS state_fresh, (SELECT count(*) FROM n) AS nonce_new,
             (SELECT id FROM c) AS course_id, (SELECT id FROM p) AS person_id, (SELECT id FROM l) AS link_id""";

  private static final String GENERIC_PLAN = "SET LOCAL plan_cache_mode = force_generic_plan";

  private final Pool pool;
  private final LaunchSessions sessions;

  private final Duration keepNonces;

  /** {@code keepNonces}: how long a nonce stays in the replay cache (at least a token's lifetime). */
  public LaunchRecorder(Pool pool, LaunchSessions sessions, Duration keepNonces) {
    this.pool = pool;
    this.sessions = sessions;
    this.keepNonces = keepNonces;
  }

  /** Records the launch and spends {@code state} (null: a launch with no login state, as in LTI 1.1), in one transaction. */
  public Future<LaunchSessions.Created> record(ValidLaunch launch, String state) {
    JsonObject c = launch.claims();
    long reg = launch.registration().id();
    String dep = launch.deploymentId();
    JsonObject link = obj(c, Claims.RESOURCE_LINK);
    JsonObject context = obj(c, Claims.CONTEXT);
    String linkId = link.getString("id");
    String contextId = context.getString("id", "link:" + linkId);
    List<String> roles = new ArrayList<>();
    c.getJsonArray(Claims.ROLES).forEach(r -> {
      if (r instanceof String s) {
        roles.add(s);
      }
    });
    Role role = Role.fromClaims(roles);
    Optional<String> sub = IdTokenValidator.text(c, "sub");
    JsonObject presentation = obj(c, Claims.LAUNCH_PRESENTATION);
    String locale = IdTokenValidator.text(presentation, "locale").orElse(null);
    JsonObject sessionClaims = new JsonObject()
        .put("lti_version", Claims.LTI_VERSION)
        .put("message_type", c.getString(Claims.MESSAGE_TYPE))
        .put("locale", locale);
    IdTokenValidator.text(presentation, "return_url").ifPresent(u -> sessionClaims.put("return_url", u));
    IdTokenValidator.text(presentation, "document_target").ifPresent(u -> sessionClaims.put("document_target", u));
    IdTokenValidator.text(obj(c, Claims.NRPS), "context_memberships_url")
        .ifPresent(u -> sessionClaims.put("nrps_url", u));
    JsonObject custom = new JsonObject();
    obj(c, Claims.CUSTOM).forEach(e -> {
      if (e.getValue() != null) {
        custom.put(e.getKey(), e.getValue() instanceof String s ? s : String.valueOf(e.getValue()));
      }
    });
    JsonObject ags = obj(c, Claims.AGS_ENDPOINT);
    List<String> scopes = new ArrayList<>();
    if (ags.getValue("scope") instanceof JsonArray arr) {
      arr.forEach(s -> {
        if (s instanceof String str) {
          scopes.add(str);
        }
      });
    }
    Tuple args = Tuple.from(new Object[] {reg, dep, contextId, context.getString("title"), context.getString("label"),
        sub.orElse(null), str(c, "name"), str(c, "given_name"), str(c, "family_name"), str(c, "email"),
        role.dbValue(), roles.toArray(String[]::new),
        linkId, str(link, "title"), custom, IdTokenValidator.text(ags, "lineitem").orElse(null),
        IdTokenValidator.text(ags, "lineitems").orElse(null), scopes.toArray(String[]::new),
        c.getString("nonce"), (double) keepNonces.toSeconds(), state});
    boolean hasState = state != null;
    return attempt(args, sub.isPresent(), hasState, reg, dep, role, roles, locale, sessionClaims)
        .recover(err -> err instanceof Race
            ? attempt(args, sub.isPresent(), hasState, reg, dep, role, roles, locale, sessionClaims)
            : Future.failedFuture(err));
  }

  /** A row created by a concurrent launch was not visible to this statement: run the transaction again. */
  static final class Race extends RuntimeException {
    Race() {
      super("concurrent first launch", null, false, false);
    }
  }

  private Future<LaunchSessions.Created> attempt(Tuple args, boolean hasSub, boolean hasState, long reg, String dep,
      Role role,
      List<String> roles, String locale, JsonObject sessionClaims) {
    // The statement's plan does not depend on its values: plan it once per connection, not on every launch.
    // The SET LOCAL and the statement are sent together (pipelined; the connection runs them in order).
    return pool.withTransaction(tx -> {
      Future<?> generic = tx.query(GENERIC_PLAN).execute();
      Future<RowSet<Row>> upsert = tx.preparedQuery(UPSERT).execute(args);
      return generic.compose(v -> upsert).compose(rows -> {
        Row r = rows.iterator().next();
        if (r.getLong("course_id") == null || r.getLong("link_id") == null
            || (hasSub && r.getLong("person_id") == null)) {
          return Future.failedFuture(new Race());
        }
        if (hasState && r.getLong("state_fresh") == 0) {
          return Future.failedFuture(LtiRejection.of("state-reused"));
        }
        if (r.getLong("nonce_new") == 0) {
          return Future.failedFuture(LtiRejection.of("nonce-replayed"));
        }
        return sessions.create(tx, new NewSession(reg, dep, r.getLong("course_id"),
            Optional.of(r.getLong("link_id")), Optional.ofNullable(r.getLong("person_id")), role, roles, locale,
            sessionClaims));
      });
    });
  }

  private static JsonObject obj(JsonObject c, String key) {
    return c != null && c.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }

  private static String str(JsonObject o, String key) {
    return IdTokenValidator.text(o, key).orElse(null);
  }
}
