package uk.isafe.practice.lti.launch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.NewSession;

/**
 * After a valid launch: upserts the course (context), person (sub), enrolment and resource link, and creates the
 * session, all in ONE transaction, so a launch either fully lands or leaves nothing behind.
 */
public final class LaunchRecorder {
  private static final String COURSE = """
      INSERT INTO course (registration_id, deployment_id, context_id, title, label) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (registration_id, deployment_id, context_id) DO UPDATE
        SET title = COALESCE(excluded.title, course.title), label = COALESCE(excluded.label, course.label),
            updated_at = now()
      RETURNING id""";
  private static final String PERSON = """
      INSERT INTO person (registration_id, subject, name, given_name, family_name, email) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (registration_id, subject) DO UPDATE SET name = excluded.name, given_name = excluded.given_name,
        family_name = excluded.family_name, email = excluded.email, updated_at = now()
      RETURNING id""";
  private static final String ENROLMENT = """
      INSERT INTO enrolment (course_id, person_id, role, roles) VALUES ($1, $2, $3, $4)
      ON CONFLICT (course_id, person_id) DO UPDATE SET role = excluded.role, roles = excluded.roles,
        last_launch_at = now()""";
  private static final String LINK = """
      INSERT INTO resource_link (course_id, link_id, title, custom, lineitem_url, lineitems_url, ags_scopes)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (course_id, link_id) DO UPDATE SET title = excluded.title, custom = excluded.custom,
        lineitem_url = excluded.lineitem_url, lineitems_url = excluded.lineitems_url,
        ags_scopes = excluded.ags_scopes, updated_at = now()
      RETURNING id""";

  private final Pool pool;
  private final LaunchSessions sessions;

  public LaunchRecorder(Pool pool, LaunchSessions sessions) {
    this.pool = pool;
    this.sessions = sessions;
  }

  public Future<LaunchSessions.Created> record(ValidLaunch launch) {
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
    return pool.withTransaction(tx -> tx.preparedQuery(COURSE)
        .execute(Tuple.of(reg, dep, contextId, context.getString("title"), context.getString("label")))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(courseId -> person(tx, reg, sub, c)
            .compose(personId -> enrol(tx, courseId, personId, role, roles)
                .compose(v -> link(tx, courseId, link, c))
                .compose(linkRowId -> sessions.create(tx, new NewSession(reg, dep, courseId, Optional.of(linkRowId),
                    personId, role, roles, locale, sessionClaims))))));
  }

  private static Future<Optional<Long>> person(SqlClient tx, long reg, Optional<String> sub, JsonObject c) {
    if (sub.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return tx.preparedQuery(PERSON).execute(Tuple.of(reg, sub.get(), str(c, "name"), str(c, "given_name"),
        str(c, "family_name"), str(c, "email"))).map(rows -> Optional.of(rows.iterator().next().getLong(0)));
  }

  private static Future<Void> enrol(SqlClient tx, long course, Optional<Long> person, Role role, List<String> roles) {
    if (person.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(ENROLMENT).execute(Tuple.of(course, person.get(), role.dbValue(),
        roles.toArray(String[]::new))).mapEmpty();
  }

  private static Future<Long> link(SqlClient tx, long course, JsonObject link, JsonObject c) {
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
    return tx.preparedQuery(LINK).execute(Tuple.from(new Object[] {course, link.getString("id"),
            str(link, "title"), custom, IdTokenValidator.text(ags, "lineitem").orElse(null),
            IdTokenValidator.text(ags, "lineitems").orElse(null), scopes.toArray(String[]::new)}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static JsonObject obj(JsonObject c, String key) {
    return c != null && c.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }

  private static String str(JsonObject o, String key) {
    return IdTokenValidator.text(o, key).orElse(null);
  }
}
