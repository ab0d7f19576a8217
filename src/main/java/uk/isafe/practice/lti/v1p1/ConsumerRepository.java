package uk.isafe.practice.lti.v1p1;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of LTI 1.1 consumers: a registration row of protocol {@code lti1p1} and its secret. */
public final class ConsumerRepository {
  /** The origin is unknown until the first launch says where the consumer lives (see {@link #learnOrigin}). */
  private static final String UPSERT = """
      WITH r AS (
        INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url,
          protocol, source)
        VALUES ($1, $2, $3, '', '', '', 'lti1p1', $5)
        ON CONFLICT (name) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id, updated_at = now()
          WHERE platform_registration.protocol = 'lti1p1'
        RETURNING id),
      s AS (
        INSERT INTO lti1_consumer_secret (registration_id, shared_secret) SELECT id, $4 FROM r
        ON CONFLICT (registration_id) DO UPDATE SET shared_secret = excluded.shared_secret, updated_at = now()),
      d AS (
        INSERT INTO platform_deployment (registration_id, deployment_id, status) SELECT id, $6, 'active' FROM r
        ON CONFLICT DO NOTHING)
      SELECT id FROM r""";
  private static final String COLUMNS = """
      SELECT r.id, r.name, r.client_id, s.shared_secret, r.enabled
        FROM platform_registration r JOIN lti1_consumer_secret s ON s.registration_id = r.id
       WHERE r.protocol = 'lti1p1'""";
  private static final String BY_KEY = COLUMNS + " AND r.client_id = $1";
  private static final String ALL = COLUMNS + " ORDER BY r.name";
  private static final String SET_ENABLED =
      "UPDATE platform_registration SET enabled = $2, updated_at = now() WHERE name = $1 AND protocol = 'lti1p1'";
  private static final String LEARN_ORIGIN = """
      UPDATE platform_registration SET auth_login_url = $2, updated_at = now()
       WHERE id = $1 AND protocol = 'lti1p1' AND auth_login_url IS DISTINCT FROM $2""";
  private static final String SAVE_SOURCEDID = """
      INSERT INTO lti1_result_sourcedid (resource_link_id, person_id, sourcedid, outcome_url) VALUES ($1, $2, $3, $4)
      ON CONFLICT (resource_link_id, person_id) DO UPDATE SET sourcedid = excluded.sourcedid,
        outcome_url = excluded.outcome_url, updated_at = now()
        WHERE (lti1_result_sourcedid.sourcedid, lti1_result_sourcedid.outcome_url)
          IS DISTINCT FROM (excluded.sourcedid, excluded.outcome_url)""";

  /** The deployment id every LTI 1.1 launch is recorded under (1.1 has no deployments). */
  public static final String DEPLOYMENT = "lti1p1";

  /**
   * Adds or updates consumer {@code name}; refuses (empty) when the name belongs to an LTI 1.3 registration.
   * {@code source}: {@code file} or {@code cli}.
   */
  public Future<Optional<Long>> upsert(SqlClient db, String name, String key, String secret, String source) {
    return db.preparedQuery(UPSERT).execute(Tuple.of(name, Consumer.issuerFor(key), key, secret, source, DEPLOYMENT))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  public Future<Optional<Consumer>> byKey(SqlClient db, String key) {
    return db.preparedQuery(BY_KEY).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<Consumer>> all(SqlClient db) {
    return db.query(ALL).execute().map(rows -> {
      List<Consumer> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Whether consumer {@code name} exists (and was changed). */
  public Future<Boolean> setEnabled(SqlClient db, String name, boolean enabled) {
    return db.preparedQuery(SET_ENABLED).execute(Tuple.of(name, enabled)).map(rows -> rows.rowCount() > 0);
  }

  /** Records where the consumer's pages come from, for the frame-ancestors policy; true when it changed. */
  public Future<Boolean> learnOrigin(SqlClient db, long registrationId, String origin) {
    return db.preparedQuery(LEARN_ORIGIN).execute(Tuple.of(registrationId, origin)).map(r -> r.rowCount() > 0);
  }

  public Future<Void> saveSourcedid(SqlClient db, long resourceLinkId, long personId, String sourcedid,
      String outcomeUrl) {
    return db.preparedQuery(SAVE_SOURCEDID).execute(Tuple.of(resourceLinkId, personId, sourcedid, outcomeUrl))
        .mapEmpty();
  }

  private static Consumer map(Row r) {
    return new Consumer(r.getLong("id"), r.getString("name"), r.getString("client_id"),
        r.getString("shared_secret"), r.getBoolean("enabled"));
  }
}
