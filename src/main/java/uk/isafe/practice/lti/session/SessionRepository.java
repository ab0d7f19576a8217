package uk.isafe.practice.lti.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;

/** SQL for {@code launch_session}, joined with what it points at to give a {@link LaunchContext}. */
public final class SessionRepository {
  /** The session row as inserted, with what it points at: the insert and the read in one statement. */
  private static final String INSERT_RETURNING = """
      WITH s AS (
        INSERT INTO launch_session (id, token_hash, csrf_token, registration_id, deployment_id, course_id,
          resource_link_id, person_id, role, roles, locale, claims, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        RETURNING id, csrf_token, registration_id, deployment_id, course_id, resource_link_id, person_id, role, roles,
          locale, claims, expires_at)
      SELECT s.id, s.csrf_token, s.registration_id, s.deployment_id, s.course_id, s.resource_link_id, s.person_id,
             s.role, s.roles, s.locale, s.claims, s.expires_at,
             r.issuer, r.client_id, c.context_id, c.title AS context_title,
             l.link_id, l.title AS link_title, l.custom, l.lineitem_url, l.lineitems_url, l.ags_scopes,
             p.subject, p.name
        FROM s
        JOIN platform_registration r ON r.id = s.registration_id
        JOIN course c ON c.id = s.course_id
        LEFT JOIN resource_link l ON l.id = s.resource_link_id
        LEFT JOIN person p ON p.id = s.person_id
       WHERE s.expires_at > now() AND r.enabled""";

  private static final String FIND = """
      SELECT s.id, s.csrf_token, s.registration_id, s.deployment_id, s.course_id, s.resource_link_id, s.person_id,
             s.role, s.roles, s.locale, s.claims, s.expires_at,
             r.issuer, r.client_id, c.context_id, c.title AS context_title,
             l.link_id, l.title AS link_title, l.custom, l.lineitem_url, l.lineitems_url, l.ags_scopes,
             p.subject, p.name
        FROM launch_session s
        JOIN platform_registration r ON r.id = s.registration_id
        JOIN course c ON c.id = s.course_id
        LEFT JOIN resource_link l ON l.id = s.resource_link_id
        LEFT JOIN person p ON p.id = s.person_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND r.enabled""";

  private static final String DELETE_EXPIRED = "DELETE FROM launch_session WHERE expires_at < now() - interval '1 day'";

  /**
   * Inserts the session and answers it as {@link #find} would (empty if its registration is disabled or it is
   * already expired: the row is still inserted, so run it in the launch's transaction).
   */
  public Future<Optional<LaunchContext>> insertAndRead(SqlClient db, UUID id, byte[] tokenHash, String csrf,
      NewSession s, Instant expiresAt) {
    return db.preparedQuery(INSERT_RETURNING).execute(args(id, tokenHash, csrf, s, expiresAt))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  private static Tuple args(UUID id, byte[] tokenHash, String csrf, NewSession s, Instant expiresAt) {
    return Tuple.from(new Object[] {
        id, io.vertx.core.buffer.Buffer.buffer(tokenHash), csrf, s.registrationId(), s.deploymentId(), s.courseId(),
        s.resourceLinkId().orElse(null), s.personId().orElse(null), s.role().dbValue(),
        s.roles().toArray(String[]::new), s.locale(), s.claims(), OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)
    });
  }

  public Future<Optional<LaunchContext>> find(SqlClient db, byte[] tokenHash) {
    return db.preparedQuery(FIND).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<Integer> deleteExpired(SqlClient db) {
    return db.query(DELETE_EXPIRED).execute().map(rows -> rows.rowCount());
  }

  /**
   * A session row with what it points at (the columns of {@link #FIND}: also returned by the launch's own statement,
   * which writes the session together with the launch).
   */
  public static LaunchContext map(Row row) {
    JsonObject claims = row.getJsonObject("claims");
    JsonObject customJson = row.getJsonObject("custom");
    Map<String, String> custom = new HashMap<>();
    if (customJson != null) {
      customJson.forEach(e -> custom.put(e.getKey(), String.valueOf(e.getValue())));
    }
    Optional<LaunchContext.AgsEndpoint> ags = Optional.empty();
    String lineItem = row.getString("lineitem_url");
    String lineItems = row.getString("lineitems_url");
    String[] scopes = row.getArrayOfStrings("ags_scopes");
    if ((lineItem != null && !lineItem.isBlank()) || (lineItems != null && !lineItems.isBlank())) {
      ags = Optional.of(new LaunchContext.AgsEndpoint(
          Optional.ofNullable(lineItems).filter(s -> !s.isBlank()),
          Optional.ofNullable(lineItem).filter(s -> !s.isBlank()),
          scopes == null ? List.of() : List.of(scopes)));
    }
    String name = Optional.ofNullable(row.getString("name")).orElse("");
    Long personId = row.getLong("person_id");
    Long linkId = row.getLong("resource_link_id");
    String[] roles = row.getArrayOfStrings("roles");
    return new LaunchContext(
        row.getUUID("id"),
        row.getLong("registration_id"),
        row.getString("issuer"),
        row.getString("client_id"),
        row.getString("deployment_id"),
        row.getLong("course_id"),
        row.getString("context_id"),
        row.getString("context_title"),
        Optional.ofNullable(linkId),
        row.getString("link_id"),
        row.getString("link_title"),
        Optional.ofNullable(personId),
        row.getString("subject"),
        name,
        Role.fromDb(row.getString("role")),
        roles == null ? List.of() : Arrays.asList(roles),
        row.getString("locale"),
        Map.copyOf(custom),
        ags,
        Optional.ofNullable(claims.getString("nrps_url")),
        Optional.ofNullable(claims.getString("return_url")),
        row.getString("csrf_token"),
        row.getOffsetDateTime("expires_at").toInstant());
  }

  static List<String> list(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }
}
