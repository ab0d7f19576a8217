package uk.isafe.practice.lti.launch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.session.LaunchSessions;

/**
 * After a valid launch: records the nonce (which spends an LTI 1.3 launch's login state, and refuses a replay),
 * upserts the course (context), person (sub), enrolment and resource link, and creates the session, all in ONE
 * statement, so a launch either fully lands or leaves nothing behind. A relaunch from where this instance has seen
 * the person launch before (most launches) runs {@link #KNOWN_LAUNCH}, which checks those rows instead of upserting
 * them; {@code /metrics} counts both ({@code isafe_launch_statements_total}).
 */
public final class LaunchRecorder {
  /**
   * The whole launch is ONE statement, so it needs no transaction around it (no BEGIN and COMMIT round trips) and
   * lands or fails as a whole: the nonce's replay cache row (none returned = the login state was spent already, or,
   * in LTI 1.1, a replay), the registration still enabled, course, person (when there is a sub), enrolment (when
   * there is a person), resource link, and the session, read back as a session lookup would
   * ({@code SessionRepository}'s columns, from what this statement wrote or found rather than from the tables, whose
   * new rows it cannot see).
   *
   * <p>Unless the nonce is new and the registration enabled ({@code go}), nothing but the nonce is written, and the
   * launch is refused by its reason. Rows that have not changed are not rewritten, nor locked: a class launching
   * together must not queue on its course and link rows, so these two are a conditional UPDATE (which locks only a
   * row it changes) and an INSERT only when missing, never ON CONFLICT DO UPDATE (which locks the existing row even
   * when its WHERE is false, so every launch of a course waited for the previous one's commit); unchanged rows are
   * read instead. If a concurrent first launch created a row after this statement's snapshot, that read finds
   * nothing: the session's course is then NULL, which its NOT NULL constraint refuses, so the whole statement
   * (nonce included) rolls back and is run once more ({@link Race}).
   */
  private static final String LAUNCH = """
      WITH n AS (
        INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at) VALUES ($1, $16, now() + make_interval(secs => $17))
        ON CONFLICT DO NOTHING RETURNING 1),
      ok AS (
        SELECT EXISTS (SELECT 1 FROM n) AS nonce_new,
               EXISTS (SELECT 1 FROM platform_registration WHERE id = $1 AND enabled) AS registration_enabled),
      go AS (
        SELECT 1 FROM ok WHERE nonce_new AND registration_enabled),
      c_upd AS (
        UPDATE course SET title = COALESCE($4::text, title), label = COALESCE($5::text, label), updated_at = now()
         WHERE registration_id = $1 AND deployment_id = $2 AND context_id = $3 AND EXISTS (SELECT 1 FROM go)
           AND (title, label) IS DISTINCT FROM (COALESCE($4::text, title), COALESCE($5::text, label))
        RETURNING id, title),
      c_new AS (
        INSERT INTO course (registration_id, deployment_id, context_id, title, label)
        SELECT $1, $2, $3, $4::text, $5::text FROM go
         WHERE NOT EXISTS (SELECT 1 FROM course WHERE registration_id = $1 AND deployment_id = $2 AND context_id = $3)
        ON CONFLICT (registration_id, deployment_id, context_id) DO NOTHING
        RETURNING id, title),
      c AS (
        SELECT id, title FROM c_new UNION ALL SELECT id, title FROM c_upd UNION ALL
        SELECT id, title FROM course WHERE registration_id = $1 AND deployment_id = $2 AND context_id = $3
          AND NOT EXISTS (SELECT 1 FROM c_new) AND NOT EXISTS (SELECT 1 FROM c_upd)),
      p_new AS (
        INSERT INTO person (registration_id, subject, name)
        SELECT $1, $6::text, $7 FROM go WHERE $6::text IS NOT NULL
        ON CONFLICT (registration_id, subject) DO UPDATE SET name = excluded.name, updated_at = now()
          WHERE person.name IS DISTINCT FROM excluded.name
        RETURNING id, subject, name),
      p AS (
        SELECT id, subject, name FROM p_new UNION ALL
        SELECT id, subject, name FROM person WHERE registration_id = $1 AND subject = $6::text
          AND NOT EXISTS (SELECT 1 FROM p_new)),
      e AS (
        INSERT INTO enrolment (course_id, person_id, role, roles) SELECT c.id, p.id, $8, $9 FROM c, p, go
        ON CONFLICT (course_id, person_id) DO UPDATE SET role = excluded.role, roles = excluded.roles,
          last_launch_at = now()),
      l_upd AS (
        UPDATE resource_link SET title = $11::text, custom = $12::jsonb, lineitem_url = $13::text,
          lineitems_url = $14::text, ags_scopes = $15::text[], updated_at = now()
         WHERE course_id = (SELECT id FROM c) AND link_id = $10 AND EXISTS (SELECT 1 FROM go)
           AND (title, custom, lineitem_url, lineitems_url, ags_scopes)
             IS DISTINCT FROM ($11::text, $12::jsonb, $13::text, $14::text, $15::text[])
        RETURNING id, title, custom, lineitem_url, lineitems_url, ags_scopes),
      l_new AS (
        INSERT INTO resource_link (course_id, link_id, title, custom, lineitem_url, lineitems_url, ags_scopes)
        SELECT c.id, $10, $11::text, $12::jsonb, $13::text, $14::text, $15::text[] FROM c, go
         WHERE NOT EXISTS (SELECT 1 FROM resource_link WHERE course_id = c.id AND link_id = $10)
        ON CONFLICT (course_id, link_id) DO NOTHING
        RETURNING id, title, custom, lineitem_url, lineitems_url, ags_scopes),
      l AS (
        SELECT * FROM l_new UNION ALL SELECT * FROM l_upd UNION ALL
        SELECT id, title, custom, lineitem_url, lineitems_url, ags_scopes FROM resource_link
         WHERE course_id = (SELECT id FROM c) AND link_id = $10
           AND NOT EXISTS (SELECT 1 FROM l_new) AND NOT EXISTS (SELECT 1 FROM l_upd)),
      sess AS (
        INSERT INTO launch_session (id, token_hash, csrf_token, registration_id, deployment_id, course_id,
          resource_link_id, person_id, role, roles, locale, claims, expires_at)
        SELECT $18, $19, $20, $1, $2,
               CASE WHEN NOT EXISTS (SELECT 1 FROM l) OR ($6::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM p))
                    THEN NULL ELSE (SELECT id FROM c) END,
               (SELECT id FROM l), (SELECT id FROM p), $8, $9, $21, $22, $23
          FROM go
        RETURNING id, csrf_token, registration_id, deployment_id, course_id, resource_link_id, person_id, role, roles,
          locale, claims, expires_at)
      SELECT ok.nonce_new, ok.registration_enabled, r.enabled AND x.expires_at > now() AS usable,
             x.id, x.csrf_token, x.registration_id, x.deployment_id, x.course_id, x.resource_link_id, x.person_id,
             x.role, x.roles, x.locale, x.claims, x.expires_at, r.issuer, r.client_id,
             $3::text AS context_id, (SELECT title FROM c) AS context_title, $10::text AS link_id,
             l.title AS link_title, l.custom, l.lineitem_url, l.lineitems_url, l.ags_scopes, p.subject, p.name
        FROM ok LEFT JOIN sess x ON true
        LEFT JOIN platform_registration r ON r.id = x.registration_id
        LEFT JOIN l ON x.id IS NOT NULL
        LEFT JOIN p ON x.id IS NOT NULL""";

  /**
   * A launch whose course, resource link, person and enrolment this instance has seen before (their ids, from
   * {@link #known}): {@link #LAUNCH} without its upserts. The rows are checked, not trusted: only when all four still
   * exist under those ids and hold exactly what the launch says (as {@link #LAUNCH} would leave them unchanged) does
   * it record the nonce, move the enrolment's role and last launch on and create the session; otherwise it writes
   * nothing ({@code known} false) and the launch runs {@link #LAUNCH}. A row deleted after this statement's snapshot
   * (an erasure) fails the session's foreign key, and the launch runs {@link #LAUNCH} too. Opening four tables for
   * upserts that change nothing is what the full statement spends most on: with {@code pgbench} on the benchmark's
   * database, 0.24 ms of PostgreSQL CPU for this against 0.40 ms.
   */
  private static final String KNOWN_LAUNCH = """
      WITH k AS (
        SELECT c.title AS context_title, l.title AS link_title, l.custom, l.lineitem_url, l.lineitems_url,
               l.ags_scopes, p.subject, p.name
          FROM course c
          JOIN resource_link l ON l.id = $25 AND l.course_id = c.id AND l.link_id = $10
          JOIN person p ON p.id = $26 AND p.registration_id = $1 AND p.subject = $6::text
          JOIN enrolment e ON e.course_id = c.id AND e.person_id = p.id
         WHERE c.id = $24 AND c.registration_id = $1 AND c.deployment_id = $2 AND c.context_id = $3
           AND (c.title, c.label) IS NOT DISTINCT FROM (COALESCE($4::text, c.title), COALESCE($5::text, c.label))
           AND (l.title, l.custom, l.lineitem_url, l.lineitems_url, l.ags_scopes)
             IS NOT DISTINCT FROM ($11::text, $12::jsonb, $13::text, $14::text, $15::text[])
           AND p.name IS NOT DISTINCT FROM $7::text),
      n AS (
        INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at)
        SELECT $1, $16, now() + make_interval(secs => $17) WHERE EXISTS (SELECT 1 FROM k)
        ON CONFLICT DO NOTHING RETURNING 1),
      ok AS (
        SELECT EXISTS (SELECT 1 FROM k) AS known, EXISTS (SELECT 1 FROM n) AS nonce_new,
               EXISTS (SELECT 1 FROM platform_registration WHERE id = $1 AND enabled) AS registration_enabled),
      go AS (
        SELECT 1 FROM ok WHERE known AND nonce_new AND registration_enabled),
      e AS (
        UPDATE enrolment SET role = $8, roles = $9, last_launch_at = now()
         WHERE course_id = $24 AND person_id = $26 AND EXISTS (SELECT 1 FROM go)),
      sess AS (
        INSERT INTO launch_session (id, token_hash, csrf_token, registration_id, deployment_id, course_id,
          resource_link_id, person_id, role, roles, locale, claims, expires_at)
        SELECT $18, $19, $20, $1, $2, $24, $25, $26, $8, $9, $21, $22, $23 FROM go
        RETURNING id, csrf_token, registration_id, deployment_id, course_id, resource_link_id, person_id, role, roles,
          locale, claims, expires_at)
      SELECT ok.known, ok.nonce_new, ok.registration_enabled, r.enabled AND x.expires_at > now() AS usable,
             x.id, x.csrf_token, x.registration_id, x.deployment_id, x.course_id, x.resource_link_id, x.person_id,
             x.role, x.roles, x.locale, x.claims, x.expires_at, r.issuer, r.client_id,
             $3::text AS context_id, k.context_title, $10::text AS link_id, k.link_title, k.custom, k.lineitem_url,
             k.lineitems_url, k.ags_scopes, k.subject, k.name
        FROM ok LEFT JOIN sess x ON true
        LEFT JOIN platform_registration r ON r.id = x.registration_id
        LEFT JOIN k ON x.id IS NOT NULL""";

  /** PostgreSQL's not_null_violation: here, the session's course left NULL by a concurrent first launch. */
  private static final String NOT_NULL_VIOLATION = "23502";
  /** PostgreSQL's foreign_key_violation: here, a known row deleted after {@link #KNOWN_LAUNCH}'s snapshot. */
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  /** How many launches' rows {@link #known} holds at most: past that it starts again (a miss costs only a launch). */
  static final int MAX_KNOWN = 20_000;

  private final Pool pool;
  private final LaunchSessions sessions;

  private final Duration keepNonces;
  private final boolean storeNames;
  /** The rows of launches this instance recorded, by who launched where: ids only, checked by every use. */
  private final Map<Where, Rows> known = new ConcurrentHashMap<>();
  private final Counter knownLaunches;
  private final Counter fullLaunches;

  /** Who launched where: registration, deployment, context, resource link and subject, as the launch says. */
  record Where(long registration, String deployment, String context, String link, String subject) {
  }

  /** The ids of the course, resource link and person a launch from {@link Where} found or created. */
  record Rows(long course, long link, long person) {
  }

  /**
   * {@code keepNonces}: how long a nonce stays in the replay cache (at least a token's lifetime); {@code storeNames}:
   * keep the display name the platform shares (else none, and pages show the LMS user id). No email is ever kept.
   */
  public LaunchRecorder(Pool pool, LaunchSessions sessions, Duration keepNonces, boolean storeNames,
      MeterRegistry metrics) {
    this.pool = pool;
    this.sessions = sessions;
    this.keepNonces = keepNonces;
    this.storeNames = storeNames;
    this.knownLaunches = launches(metrics, "known");
    this.fullLaunches = launches(metrics, "full");
  }

  private static Counter launches(MeterRegistry metrics, String statement) {
    return Counter.builder("isafe.launch.statements").tag("statement", statement)
        .description("launch statements run: known (the rows seen before, checked) or full (with the upserts)")
        .register(metrics);
  }

  /**
   * Records an LTI 1.3 launch, spending its login state: the nonce, the login state's own, is kept for
   * {@code keepNonce}; if it was seen before, the state was used and the launch is refused ({@code state-reused}).
   */
  public Future<LaunchSessions.Created> recordLogin(ValidLaunch launch, Duration keepNonce) {
    return record(launch, keepNonce, "state-reused");
  }

  /** Records a launch with no login state (LTI 1.1): a nonce seen before is a replay ({@code nonce-replayed}). */
  public Future<LaunchSessions.Created> record(ValidLaunch launch) {
    return record(launch, keepNonces, "nonce-replayed");
  }

  private Future<LaunchSessions.Created> record(ValidLaunch launch, Duration keepNonce, String nonceSeen) {
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
    // Only what later requests read: where to send the learner back, and the roster service.
    JsonObject sessionClaims = new JsonObject();
    IdTokenValidator.text(presentation, "return_url").ifPresent(u -> sessionClaims.put("return_url", u));
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
    Object[] launchArgs = {reg, dep, contextId, context.getString("title"), context.getString("label"),
        sub.orElse(null), storeNames ? displayName(c) : null,
        role.dbValue(), roles.toArray(String[]::new),
        linkId, str(link, "title"), custom, IdTokenValidator.text(ags, "lineitem").orElse(null),
        IdTokenValidator.text(ags, "lineitems").orElse(null), scopes.toArray(String[]::new),
        c.getString("nonce"), (double) keepNonce.toSeconds()};
    Where where = sub.map(s -> new Where(reg, dep, contextId, linkId, s)).orElse(null);
    Rows rows = where == null ? null : known.get(where);
    Future<LaunchSessions.Created> first = rows == null ? Future.failedFuture(new Unknown())
        : attemptKnown(launchArgs, rows, locale, sessionClaims, nonceSeen);
    return first.recover(err -> {
      if (!(err instanceof Unknown)) {
        return Future.failedFuture(err);
      }
      if (rows != null) {
        known.remove(where, rows);
      }
      return attempt(launchArgs, locale, sessionClaims, nonceSeen)
          .recover(e -> e instanceof Race ? attempt(launchArgs, locale, sessionClaims, nonceSeen)
              : Future.failedFuture(e))
          .onSuccess(created -> remember(where, created));
    });
  }

  /** Keeps the ids a full launch found or created, for the next launch from the same place. */
  private void remember(Where where, LaunchSessions.Created created) {
    LaunchContext c = created.context();
    if (where == null || c.resourceLinkId().isEmpty() || c.personId().isEmpty()) {
      return;
    }
    if (known.size() >= MAX_KNOWN) {
      known.clear();
    }
    known.put(where, new Rows(c.courseId(), c.resourceLinkId().get(), c.personId().get()));
  }

  /** The known rows no longer hold what the launch says, or are gone: the full statement must run (nothing written). */
  static final class Unknown extends RuntimeException {
    Unknown() {
      super("launch rows changed or unknown", null, false, false);
    }
  }

  /** A row created by a concurrent launch was not visible to this statement: run the transaction again. */
  static final class Race extends RuntimeException {
    Race() {
      super("concurrent first launch", null, false, false);
    }
  }

  /** {@link #KNOWN_LAUNCH}; fails with {@link Unknown} when the rows must be found or written again. */
  private Future<LaunchSessions.Created> attemptKnown(Object[] launchArgs, Rows rows, String locale,
      JsonObject sessionClaims, String nonceSeen) {
    LaunchSessions.Pending session = sessions.pending();
    Object[] all = withSession(launchArgs, 3, session, locale, sessionClaims);
    all[all.length - 3] = rows.course();
    all[all.length - 2] = rows.link();
    all[all.length - 1] = rows.person();
    knownLaunches.increment();
    return pool.preparedQuery(KNOWN_LAUNCH).execute(Tuple.from(all))
        .recover(err -> Future.failedFuture(err instanceof PgException pg
            && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState()) ? new Unknown() : err))
        .compose(result -> {
          Row r = result.iterator().next();
          return r.getBoolean("known") ? created(session, r, nonceSeen) : Future.failedFuture(new Unknown());
        });
  }

  private Future<LaunchSessions.Created> attempt(Object[] launchArgs, String locale, JsonObject sessionClaims,
      String nonceSeen) {
    LaunchSessions.Pending session = sessions.pending();
    fullLaunches.increment();
    return pool.preparedQuery(LAUNCH).execute(Tuple.from(withSession(launchArgs, 0, session, locale, sessionClaims)))
        .recover(err -> Future.failedFuture(err instanceof PgException pg
            && NOT_NULL_VIOLATION.equals(pg.getSqlState()) ? new Race() : err))
        .compose(rows -> created(session, rows.iterator().next(), nonceSeen));
  }

  /** The launch's parameters, then the session's ($18–$23), then {@code extra} more left for the caller. */
  private static Object[] withSession(Object[] launchArgs, int extra, LaunchSessions.Pending session, String locale,
      JsonObject sessionClaims) {
    Object[] all = java.util.Arrays.copyOf(launchArgs, launchArgs.length + 6 + extra);
    int at = launchArgs.length;
    all[at] = session.id();
    all[at + 1] = io.vertx.core.buffer.Buffer.buffer(session.hash());
    all[at + 2] = session.csrf();
    all[at + 3] = locale;
    all[at + 4] = sessionClaims;
    all[at + 5] = java.time.OffsetDateTime.ofInstant(session.expires(), java.time.ZoneOffset.UTC);
    return all;
  }

  /** The session a launch statement created, or the launch's refusal by the statement's verdict. */
  private Future<LaunchSessions.Created> created(LaunchSessions.Pending session, Row r, String nonceSeen) {
    if (!r.getBoolean("nonce_new")) {
      return Future.failedFuture(LtiRejection.of(nonceSeen));
    }
    if (!r.getBoolean("registration_enabled")) {
      return Future.failedFuture(LtiRejection.of("registration-unknown"));
    }
    if (!Boolean.TRUE.equals(r.getBoolean("usable"))) {
      return Future.failedFuture(new IllegalStateException("session " + session.id()
          + " not usable after insert (registration disabled during the launch)"));
    }
    return Future.succeededFuture(sessions.created(session, r));
  }

  private static JsonObject obj(JsonObject c, String key) {
    return c != null && c.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }

  /** The {@code name} claim, else given and family name together, else nothing. */
  static String displayName(JsonObject c) {
    return IdTokenValidator.text(c, "name").orElseGet(() -> {
      String joined = (str(c, "given_name") == null ? "" : str(c, "given_name")) + " "
          + (str(c, "family_name") == null ? "" : str(c, "family_name"));
      return joined.isBlank() ? null : joined.strip();
    });
  }

  private static String str(JsonObject o, String key) {
    return IdTokenValidator.text(o, key).orElse(null);
  }
}
