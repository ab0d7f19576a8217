package uk.isafe.practice.lti.registration;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentPolicy;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentStatus;

/** SQL for {@code platform_registration} and {@code platform_deployment}. */
public final class RegistrationRepository {
  private static final String COLUMNS = "id, name, issuer, client_id, auth_login_url, auth_token_url, key_set_url, "
      + "token_audience, unknown_deployment_policy, enabled";
  private static final String MATCH = "SELECT " + COLUMNS.replaceAll("(^|, )", "$1r.") + """
      , d.status AS deployment_status
        FROM platform_registration r
        LEFT JOIN platform_deployment d ON d.registration_id = r.id AND d.deployment_id = $3
       WHERE r.issuer = $1 AND ($2::text IS NULL OR r.client_id = $2) AND r.enabled
       ORDER BY r.id LIMIT 2""";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM platform_registration WHERE id = $1";
  private static final String ALL = "SELECT " + COLUMNS + " FROM platform_registration ORDER BY name";
  private static final String UPSERT = """
      INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url,
        token_audience, unknown_deployment_policy, source, enabled)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true)
      ON CONFLICT (issuer, client_id) DO UPDATE SET name = excluded.name, auth_login_url = excluded.auth_login_url,
        auth_token_url = excluded.auth_token_url, key_set_url = excluded.key_set_url,
        token_audience = excluded.token_audience, unknown_deployment_policy = excluded.unknown_deployment_policy,
        enabled = true, updated_at = now()
      RETURNING id""";
  private static final String ACTIVATE_DEPLOYMENT = """
      INSERT INTO platform_deployment (registration_id, deployment_id, status) VALUES ($1, $2, 'active')
      ON CONFLICT (registration_id, deployment_id) DO UPDATE SET status = 'active'
      WHERE platform_deployment.status = 'pending'""";
  private static final String DEPLOYMENT_STATUS =
      "SELECT status FROM platform_deployment WHERE registration_id = $1 AND deployment_id = $2";
  private static final String RECORD_PENDING = """
      INSERT INTO platform_deployment (registration_id, deployment_id, status) VALUES ($1, $2, 'pending')
      ON CONFLICT DO NOTHING""";
  private static final String DEPLOYMENTS = """
      SELECT deployment_id, status FROM platform_deployment WHERE registration_id = $1 ORDER BY deployment_id""";
  private static final String SET_ENABLED =
      "UPDATE platform_registration SET enabled = $2, updated_at = now() WHERE name = $1";
  private static final String EXISTS = "SELECT 1 FROM platform_registration WHERE issuer = $1 AND client_id = $2";
  private static final String APPROVE = """
      UPDATE platform_deployment SET status = 'active'
       WHERE deployment_id = $2 AND registration_id = (SELECT id FROM platform_registration WHERE name = $1)""";

  /** A registration found for a login, with the status of the deployment the login named (if it named one). */
  public record Match(PlatformRegistration registration, DeploymentStatus deployment) {
  }

  /**
   * Enabled registrations of {@code issuer} (and {@code clientId}, when given), each with the status of
   * {@code deploymentId}, in one query; at most two are read (two without a client id means "ambiguous").
   */
  public Future<List<Match>> match(SqlClient db, String issuer, String clientId, String deploymentId) {
    return db.preparedQuery(MATCH).execute(Tuple.of(issuer, clientId, deploymentId)).map(rows -> {
      List<Match> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Match(map(r), status(r.getString("deployment_status")))));
      return out;
    });
  }

  /** A stored status as an enum; none stored is {@link DeploymentStatus#UNKNOWN}. */
  public static DeploymentStatus status(String stored) {
    return stored == null ? DeploymentStatus.UNKNOWN
        : DeploymentStatus.valueOf(stored.toUpperCase(java.util.Locale.ROOT));
  }

  public Future<Optional<PlatformRegistration>> byId(SqlClient db, long id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows ->
        rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<PlatformRegistration>> all(SqlClient db) {
    return db.query(ALL).execute().map(RegistrationRepository::mapAll);
  }

  /** Inserts or updates by (issuer, client_id), enables it, and activates the listed deployments. */
  public Future<Long> upsert(SqlClient db, RegistrationSpec spec) {
    return db.preparedQuery(UPSERT).execute(Tuple.from(new Object[] {spec.name(), spec.issuer(), spec.clientId(),
            spec.authLoginUrl(), spec.authTokenUrl(), spec.keySetUrl(), spec.tokenAudience().orElse(null),
            spec.unknownDeploymentPolicy().dbValue(), spec.source()}))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> {
          Future<Void> chain = Future.succeededFuture();
          for (String dep : spec.deploymentIds()) {
            chain = chain.compose(v -> db.preparedQuery(ACTIVATE_DEPLOYMENT).execute(Tuple.of(id, dep)).mapEmpty());
          }
          return chain.map(id);
        });
  }

  public Future<DeploymentStatus> deploymentStatus(SqlClient db, long registrationId, String deploymentId) {
    return db.preparedQuery(DEPLOYMENT_STATUS).execute(Tuple.of(registrationId, deploymentId))
        .map(rows -> status(rows.size() == 0 ? null : rows.iterator().next().getString(0)));
  }

  /** Records an unknown deployment as pending, for an administrator to approve. */
  public Future<Void> recordPending(SqlClient db, long registrationId, String deploymentId) {
    return db.preparedQuery(RECORD_PENDING).execute(Tuple.of(registrationId, deploymentId)).mapEmpty();
  }

  /** (deployment id, status) pairs of a registration. */
  public Future<List<String[]>> deployments(SqlClient db, long registrationId) {
    return db.preparedQuery(DEPLOYMENTS).execute(Tuple.of(registrationId)).map(rows -> {
      List<String[]> out = new ArrayList<>();
      rows.forEach(r -> out.add(new String[] {r.getString(0), r.getString(1)}));
      return out;
    });
  }

  /** Whether a registration of ({@code issuer}, {@code clientId}) is stored. */
  public Future<Boolean> exists(SqlClient db, String issuer, String clientId) {
    return db.preparedQuery(EXISTS).execute(Tuple.of(issuer, clientId)).map(rows -> rows.size() > 0);
  }

  /** Enables or disables a registration by name; answers whether one was found. */
  public Future<Boolean> setEnabled(SqlClient db, String name, boolean enabled) {
    return db.preparedQuery(SET_ENABLED).execute(Tuple.of(name, enabled)).map(r -> r.rowCount() > 0);
  }

  /** Activates a deployment (pending or disabled) of the named registration; answers whether one was found. */
  public Future<Boolean> approveDeployment(SqlClient db, String name, String deploymentId) {
    return db.preparedQuery(APPROVE).execute(Tuple.of(name, deploymentId)).map(r -> r.rowCount() > 0);
  }

  private static List<PlatformRegistration> mapAll(Iterable<Row> rows) {
    List<PlatformRegistration> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  static PlatformRegistration map(Row r) {
    return new PlatformRegistration(r.getLong("id"), r.getString("name"), r.getString("issuer"),
        r.getString("client_id"), r.getString("auth_login_url"), r.getString("auth_token_url"),
        r.getString("key_set_url"), Optional.ofNullable(r.getString("token_audience")),
        DeploymentPolicy.parse(r.getString("unknown_deployment_policy")), r.getBoolean("enabled"));
  }
}
