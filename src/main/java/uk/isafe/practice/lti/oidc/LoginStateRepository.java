package uk.isafe.practice.lti.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import uk.isafe.practice.lti.registration.PlatformRegistration;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentPolicy;
import uk.isafe.practice.lti.registration.RegistrationRepository;

/** SQL for {@code lti_login_state} (state + nonce, single use); spent states and nonces are purged here too. */
public final class LoginStateRepository {
  /** Why a state could not be consumed. */
  public enum Miss { UNKNOWN, USED, EXPIRED, NEEDS_STORAGE }

  private static final String INSERT = """
      INSERT INTO lti_login_state (state, nonce, registration_id, deployment_id, binding, storage_secret,
        auth_redirect, login_params, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String PENDING = """
      SELECT auth_redirect, login_params FROM lti_login_state
       WHERE state = $1 AND used_at IS NULL AND expires_at > now()""";
  private static final String CONSUME = """
      UPDATE lti_login_state s SET used_at = now()
        FROM platform_registration r
       WHERE s.state = $1 AND s.used_at IS NULL AND s.expires_at > now() AND r.id = s.registration_id AND r.enabled
         AND (s.binding = 'cookie' OR $2)
      RETURNING s.state, s.nonce, s.deployment_id, s.binding, s.storage_secret, s.auth_redirect, s.login_params,
        r.id, r.name, r.issuer, r.client_id, r.auth_login_url, r.auth_token_url, r.key_set_url, r.token_audience,
        r.unknown_deployment_policy, r.enabled,
        (SELECT d.status FROM platform_deployment d
          WHERE d.registration_id = s.registration_id AND d.deployment_id = s.deployment_id) AS deployment_status""";
  private static final String WHY = """
      SELECT used_at IS NOT NULL AS used, expires_at <= now() AS expired, binding FROM lti_login_state
       WHERE state = $1""";
  private static final String PURGE_STATES = "DELETE FROM lti_login_state WHERE expires_at < now() - interval '1 hour'";
  private static final String PURGE_NONCES = "DELETE FROM lti_nonce_seen WHERE expires_at < now()";

  public Future<Void> insert(SqlClient db, LoginState s, Instant expiresAt) {
    return db.preparedQuery(INSERT).execute(Tuple.from(new Object[] {s.state(), s.nonce(), s.registration().id(),
        s.deploymentId().orElse(null), s.binding(), s.storageSecret().orElse(null), s.authRedirect(), s.loginParams(),
        OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)})).mapEmpty();
  }

  /** The platform redirect and login parameters of a live, unused state. */
  public Future<Optional<JsonObject>> pending(SqlClient db, String state) {
    return db.preparedQuery(PENDING).execute(Tuple.of(state)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("auth_redirect", r.getString(0)).put("login_params", r.getJsonObject(1)));
    });
  }

  /**
   * Marks the state used and returns it with its registration, in one statement. A state bound through platform
   * storage is only consumed when {@code browserProofPresent}.
   */
  public Future<Optional<LoginState>> consume(SqlClient db, String state, boolean browserProofPresent) {
    return db.preparedQuery(CONSUME).execute(Tuple.of(state, browserProofPresent)).map(rows ->
        rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** Why {@link #consume} found nothing. */
  public Future<Miss> why(SqlClient db, String state) {
    return db.preparedQuery(WHY).execute(Tuple.of(state)).map(rows -> {
      if (rows.size() == 0) {
        return Miss.UNKNOWN;
      }
      Row r = rows.iterator().next();
      if (r.getBoolean("used")) {
        return Miss.USED;
      }
      if (r.getBoolean("expired")) {
        return Miss.EXPIRED;
      }
      return LoginState.STORAGE_BINDING.equals(r.getString("binding")) ? Miss.NEEDS_STORAGE : Miss.UNKNOWN;
    });
  }

  public Future<Void> purge(SqlClient db) {
    return db.query(PURGE_STATES).execute().compose(v -> db.query(PURGE_NONCES).execute()).mapEmpty();
  }

  private static LoginState map(Row r) {
    PlatformRegistration reg = new PlatformRegistration(r.getLong("id"), r.getString("name"), r.getString("issuer"),
        r.getString("client_id"), r.getString("auth_login_url"), r.getString("auth_token_url"),
        r.getString("key_set_url"), Optional.ofNullable(r.getString("token_audience")),
        DeploymentPolicy.parse(r.getString("unknown_deployment_policy")), r.getBoolean("enabled"));
    return new LoginState(r.getString("state"), r.getString("nonce"), reg,
        Optional.ofNullable(r.getString("deployment_id")), r.getString("binding"),
        Optional.ofNullable(r.getString("storage_secret")), r.getString("auth_redirect"),
        r.getJsonObject("login_params"), RegistrationRepository.status(r.getString("deployment_status")));
  }
}
