package uk.isafe.practice.lti.deeplinking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import uk.isafe.practice.lti.LtiRejection;

/** SQL for {@code lti_deep_link}; the start spends the login state (records its nonce) in the same transaction. */
final class DeepLinkRepository {
  private static final String NONCE = """
      INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
      ON CONFLICT DO NOTHING""";
  private static final String INSERT = """
      INSERT INTO lti_deep_link (id, csrf_token, registration_id, deployment_id, return_url, settings, locale,
        expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))""";
  private static final String FIND = """
      SELECT d.id, d.csrf_token, d.registration_id, r.issuer, r.client_id, d.deployment_id, d.return_url, d.settings,
             d.locale, d.used_at IS NOT NULL AS used
        FROM lti_deep_link d JOIN platform_registration r ON r.id = d.registration_id
       WHERE d.id = $1 AND d.expires_at > now() AND r.enabled""";
  private static final String USE = "UPDATE lti_deep_link SET used_at = now() WHERE id = $1 AND used_at IS NULL";
  private static final String PURGE = "DELETE FROM lti_deep_link WHERE expires_at < now() - interval '1 hour'";

  /**
   * Records the nonce, which spends the login state (the state's own nonce: seen before, the state was used), and
   * stores the request, in one transaction.
   */
  Future<Void> start(Pool pool, long registrationId, String nonce, Duration keepNonce, DeepLinkRequest request,
      Duration lifetime) {
    return pool.withTransaction(tx -> tx.preparedQuery(NONCE)
        .execute(Tuple.of(registrationId, nonce, (double) keepNonce.toSeconds()))
        .compose(seen -> seen.rowCount() == 0 ? Future.failedFuture(LtiRejection.of("state-reused"))
            : tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {request.id(), request.csrfToken(),
                registrationId, request.deploymentId(), request.returnUrl(), request.settings(), request.locale(),
                (double) lifetime.toSeconds()})))
        .mapEmpty());
  }

  Future<Optional<DeepLinkRequest>> find(SqlClient db, String id) {
    return db.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new DeepLinkRequest(r.getString("id"), r.getString("csrf_token"),
          r.getLong("registration_id"), r.getString("issuer"), r.getString("client_id"),
          r.getString("deployment_id"), r.getString("return_url"), r.getJsonObject("settings"),
          r.getString("locale"), r.getBoolean("used")));
    });
  }

  /** Marks the request answered; false when it already was (a second answer is refused). */
  Future<Boolean> use(SqlClient db, String id) {
    return db.preparedQuery(USE).execute(Tuple.of(id)).map(r -> r.rowCount() == 1);
  }

  Future<Void> purge(SqlClient db) {
    return db.query(PURGE).execute().mapEmpty();
  }
}
