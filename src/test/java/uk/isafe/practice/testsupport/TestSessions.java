package uk.isafe.practice.testsupport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.NewSession;

/**
 * Real sessions without the LTI flow, for testing pages: inserts (or reuses) the platform registration, course,
 * person and resource link rows, then creates a session through {@link LaunchSessions}, exactly as a launch would.
 *
 * <pre>
 * var learner = TestSessions.on(server).course("course-1").link("link-1", Map.of("activity", "scenario:x"))
 *     .person("learner-1", "Sam Learner").role(Role.LEARNER).create();
 * server.http().get("/scenario/x?s=" + learner.token());
 * </pre>
 */
public final class TestSessions {
  public static final String ISSUER = "https://lms.test.example";
  public static final String CLIENT_ID = "test-client";

  /** A created session: the token to send as {@code s}, and the context the server will see. */
  public record Session(String token, LaunchContext context) {
    /** {@code path} with {@code s=<token>} added. */
    public String url(String path) {
      return path + (path.contains("?") ? "&" : "?") + "s=" + token;
    }

    /** Form fields that every post needs: session and CSRF tokens. */
    public Map<String, String> formWith(String... pairs) {
      Map<String, String> m = new LinkedHashMap<>(TestHttp.form(pairs));
      m.put("s", token);
      m.put("csrf", context.csrfToken());
      return m;
    }
  }

  private final TestServer server;
  private String contextId = "course-1";
  private String contextTitle = "Working with fathers – spring cohort";
  private String linkId = "link-1";
  private Map<String, String> custom = Map.of();
  private String subject = "learner-1";
  private String name = "Sam Learner";
  private boolean anonymous;
  private Role role = Role.LEARNER;
  private List<String> roles = new ArrayList<>(List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"));
  private String locale = "en-GB";
  private String lineItemUrl;
  private String lineItemsUrl;
  private String nrpsUrl;
  private String deploymentId = "1";

  private TestSessions(TestServer server) {
    this.server = server;
  }

  public static TestSessions on(TestServer server) {
    return new TestSessions(server);
  }

  public TestSessions course(String id) {
    this.contextId = id;
    return this;
  }

  public TestSessions courseTitle(String title) {
    this.contextTitle = title;
    return this;
  }

  public TestSessions link(String id, Map<String, String> customParams) {
    this.linkId = id;
    this.custom = customParams;
    return this;
  }

  public TestSessions person(String sub, String displayName) {
    this.subject = sub;
    this.name = displayName;
    this.anonymous = false;
    return this;
  }

  public TestSessions anonymous() {
    this.anonymous = true;
    return this;
  }

  /** Sets the tool role and a matching platform role claim. */
  public TestSessions role(Role r) {
    this.role = r;
    this.roles = new ArrayList<>(List.of(switch (r) {
      case LEARNER -> "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
      case TRAINER -> "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
      case ADMINISTRATOR -> "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
    }));
    return this;
  }

  public TestSessions locale(String tag) {
    this.locale = tag;
    return this;
  }

  public TestSessions deployment(String id) {
    this.deploymentId = id;
    return this;
  }

  /** Gives the launch a membership service (NRPS context_memberships_url). */
  public TestSessions nrps(String membershipsUrl) {
    this.nrpsUrl = membershipsUrl;
    return this;
  }

  /** Gives the link an AGS endpoint (line item and/or line items container). */
  public TestSessions ags(String lineItem, String lineItems) {
    this.lineItemUrl = lineItem;
    this.lineItemsUrl = lineItems;
    return this;
  }

  public Session create() {
    Pool pool = server.core().pool();
    Future<Session> f = pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url)
            VALUES ('test-platform', $1, $2, $3, $4, $5)
            ON CONFLICT (issuer, client_id) DO UPDATE SET updated_at = now() RETURNING id""")
        .execute(Tuple.of(ISSUER, CLIENT_ID, ISSUER + "/auth", ISSUER + "/token", ISSUER + "/jwks"))
        .compose(rows -> {
          long reg = rows.iterator().next().getLong(0);
          return tx.preparedQuery("""
                  INSERT INTO platform_deployment (registration_id, deployment_id, status) VALUES ($1, $2, 'active')
                  ON CONFLICT DO NOTHING""").execute(Tuple.of(reg, deploymentId))
              .compose(x -> tx.preparedQuery("""
                  INSERT INTO course (registration_id, deployment_id, context_id, title) VALUES ($1, $2, $3, $4)
                  ON CONFLICT (registration_id, deployment_id, context_id) DO UPDATE SET title = excluded.title
                  RETURNING id""").execute(Tuple.of(reg, deploymentId, contextId, contextTitle)))
              .compose(courseRows -> {
                long course = courseRows.iterator().next().getLong(0);
                JsonObject customJson = new JsonObject();
                custom.forEach(customJson::put);
                Future<Optional<Long>> person = anonymous ? Future.succeededFuture(Optional.empty())
                    : tx.preparedQuery("""
                        INSERT INTO person (registration_id, subject, name) VALUES ($1, $2, $3)
                        ON CONFLICT (registration_id, subject) DO UPDATE SET name = excluded.name RETURNING id""")
                    .execute(Tuple.of(reg, subject, name)).map(r -> Optional.of(r.iterator().next().getLong(0)));
                Future<Long> link = tx.preparedQuery("""
                    INSERT INTO resource_link (course_id, link_id, title, custom, lineitem_url, lineitems_url,
                      ags_scopes)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (course_id, link_id) DO UPDATE SET custom = excluded.custom,
                      lineitem_url = excluded.lineitem_url, lineitems_url = excluded.lineitems_url,
                      ags_scopes = excluded.ags_scopes RETURNING id""")
                    .execute(Tuple.from(new Object[] {course, linkId, "Practice activity", customJson, lineItemUrl,
                        lineItemsUrl, new String[] {
                            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                            "https://purl.imsglobal.org/spec/lti-ags/scope/score"}}))
                    .map(r -> r.iterator().next().getLong(0));
                return Future.all(person, link).compose(both -> {
                  Optional<Long> personId = both.resultAt(0);
                  Long linkDbId = both.resultAt(1);
                  Future<Void> enrol = personId.isEmpty() ? Future.succeededFuture() : tx.preparedQuery("""
                      INSERT INTO enrolment (course_id, person_id, role, roles) VALUES ($1, $2, $3, $4)
                      ON CONFLICT (course_id, person_id) DO UPDATE SET role = excluded.role, roles = excluded.roles,
                        last_launch_at = now()""")
                      .execute(Tuple.of(course, personId.get(), role.dbValue(), roles.toArray(String[]::new)))
                      .mapEmpty();
                  return enrol.compose(v -> server.core().sessions().create(tx, new NewSession(reg, deploymentId,
                      course, Optional.of(linkDbId), personId, role, roles, locale,
                      nrpsUrl == null ? new JsonObject() : new JsonObject().put("nrps_url", nrpsUrl))));
                });
              });
        })
        .map(created -> new Session(created.token(), created.context())));
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create test session: " + e.getMessage(), e);
    }
  }
}
