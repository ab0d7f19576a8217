package uk.isafe.practice.lti.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWT;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.registration.Registrations;

/**
 * OIDC login states, signed by the tool instead of stored. The state the platform hands back with the id_token is a
 * JWT (HS256, by vertx-auth-jwt's JOSE layer, with a secret kept in {@code lti_state_secret} so that every instance
 * signs and checks with the same one) holding what the launch needs to know about its login: the nonce issued with
 * it, the registration and deployment the login found, how the state is bound to the browser, the login's
 * parameters (to restart it in a new window) and its expiry. So a login writes nothing, and the launch reads nothing
 * before its own statement.
 *
 * <p>Single use: a state is spent through its nonce. The launch records the nonce in {@code lti_nonce_seen} in its
 * own statement, and a refused launch records it with {@link #spend}; a state whose nonce is recorded is refused as
 * used ({@code state-reused}), whichever instance sees it. The nonce is kept until the state has expired, so a state
 * is never accepted twice.
 *
 * <p>The state is signed, not encrypted: it holds only what the browser sent to the login itself, and a hash of the
 * platform-storage secret (never the secret). The browser is bound to the login by a cookie holding the nonce
 * ({@link StateCookie}), or by the secret put into platform storage.
 */
public final class LoginStates {
  /** How long a login may take, from the login request to the launch. */
  public static final Duration TTL = Duration.ofMinutes(10);
  /** Longer than any state we issue (login parameters are bounded by the request size); anything longer is junk. */
  static final int MAX_LENGTH = 16_384;
  private static final String ENSURE_SECRET = """
      INSERT INTO lti_state_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING""";
  private static final String READ_SECRET = "SELECT secret FROM lti_state_secret WHERE id = 1";
  private static final String SPEND = """
      INSERT INTO lti_nonce_seen (registration_id, nonce, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
      ON CONFLICT DO NOTHING""";
  private static final String PURGE_NONCES = "DELETE FROM lti_nonce_seen WHERE expires_at < now()";
  private static final JWTOptions HS256 = new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true);

  /** What the state says about its login, once its signature has been checked. */
  public record Signed(String state, String nonce, long registrationId, Optional<String> deploymentId,
      String binding, Optional<String> storageProof, JsonObject loginParams, Instant expiresAt) {

    /** A login parameter, or empty when the login did not send it (or sent it blank). */
    public Optional<String> param(String name) {
      return Optional.ofNullable(loginParams.getString(name)).filter(s -> !s.isBlank());
    }

    /** Whether {@code value}, from platform storage, is the secret this state was issued with. */
    public boolean storageSecretIs(String value) {
      return storageProof.isPresent() && value != null
          && MessageDigest.isEqual(storageProof.get().getBytes(StandardCharsets.US_ASCII),
              hash(value).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** A new state, with its nonce and (bound through platform storage) the secret the page puts there. */
  public record Issued(String state, String nonce, Optional<String> storageSecret, Instant expiresAt) {
  }

  private final Clock clock;
  private volatile JWT jwt;

  public LoginStates(Clock clock) {
    this.clock = clock;
  }

  /** Ready to use with {@code secret} (tests; the server reads its secret in {@link #start}). */
  LoginStates(Clock clock, String secret) {
    this.clock = clock;
    this.jwt = signerFor(secret);
  }

  /** Reads the shared secret, creating it on the very first start (any instance may; one wins). */
  public Future<Void> start(Pool pool) {
    return pool.preparedQuery(ENSURE_SECRET).execute(Tuple.of(Random.token()))
        .compose(v -> pool.query(READ_SECRET).execute())
        .map(rows -> {
          jwt = signerFor(rows.iterator().next().getString(0));
          return null;
        });
  }

  private static JWT signerFor(String secret) {
    return new JWT().addJWK(new JWK(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  /** Signs a state for a login that found registration {@code registrationId}. */
  public Issued issue(long registrationId, Optional<String> deploymentId, boolean storage, JsonObject loginParams) {
    String nonce = Random.token();
    Optional<String> secret = storage ? Optional.of(Random.token()) : Optional.empty();
    Instant expires = clock.instant().plus(TTL);
    JsonObject claims = new JsonObject()
        .put("n", nonce)
        .put("r", registrationId)
        .put("b", storage ? LoginState.STORAGE_BINDING : LoginState.COOKIE_BINDING)
        .put("p", loginParams)
        .put("exp", expires.getEpochSecond());
    deploymentId.ifPresent(d -> claims.put("d", d));
    secret.ifPresent(s -> claims.put("sp", hash(s)));
    return new Issued(signer().sign(claims, HS256), nonce, secret, Instant.ofEpochSecond(expires.getEpochSecond()));
  }

  /**
   * What {@code state} says, once its signature and expiry are checked; refused as {@code state-unknown} (garbled,
   * forged, or signed with another secret) or {@code state-expired}.
   */
  public Signed open(String state) {
    if (state == null || state.isBlank() || state.length() > MAX_LENGTH) {
      throw LtiRejection.of("state-unknown");
    }
    JsonObject c;
    try {
      c = signer().decode(state);
    } catch (Exception e) {
      throw LtiRejection.of("state-unknown");
    }
    if (c == null || !(c.getValue("n") instanceof String nonce) || !(c.getValue("r") instanceof Number reg)
        || !(c.getValue("b") instanceof String binding) || !(c.getValue("p") instanceof JsonObject params)
        || !(c.getValue("exp") instanceof Number exp)) {
      throw LtiRejection.of("state-unknown");
    }
    Instant expires = Instant.ofEpochSecond(exp.longValue());
    if (!clock.instant().isBefore(expires)) {
      throw LtiRejection.of("state-expired");
    }
    return new Signed(state, nonce, reg.longValue(),
        Optional.ofNullable(c.getValue("d") instanceof String d ? d : null), binding,
        Optional.ofNullable(c.getValue("sp") instanceof String sp ? sp : null), params, expires);
  }

  /**
   * Records the state's nonce as seen, so that the state cannot be used again: true when this spent it, false when
   * it was spent already. {@code keep}: how long the nonce stays recorded (at least until the state expires).
   */
  public Future<Boolean> spend(SqlClient db, long registrationId, String nonce, Duration keep) {
    return db.preparedQuery(SPEND).execute(Tuple.of(registrationId, nonce, (double) keep.toSeconds()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * The login of {@code signed} with its registration as it is now (from memory, as the login found it): empty when
   * that registration is no longer enabled, or its issuer and client now lead elsewhere.
   */
  public static Future<Optional<LoginState>> resolve(Registrations registrations, Signed signed) {
    return registrations.match(signed.param("iss").orElse(null), signed.param("client_id").orElse(null),
            signed.param("lti_deployment_id").orElse(null))
        .map(found -> found.size() == 1 && found.get(0).registration().id() == signed.registrationId()
            ? Optional.of(new LoginState(signed, found.get(0).registration(), found.get(0).deployment()))
            : Optional.empty());
  }

  /**
   * How long to keep {@code signed}'s nonce once seen: {@code atLeast} (a token's lifetime), or until the state
   * expires, whichever is longer.
   */
  public Duration keepNonce(Signed signed, Duration atLeast) {
    Duration left = Duration.between(clock.instant(), signed.expiresAt());
    return left.compareTo(atLeast) > 0 ? left : atLeast;
  }

  /** Forgets nonces whose states and tokens have all expired. */
  public Future<Void> purge(SqlClient db) {
    return db.query(PURGE_NONCES).execute().mapEmpty();
  }

  private JWT signer() {
    JWT j = jwt;
    if (j == null) {
      throw new IllegalStateException("login states used before the LTI feature started");
    }
    return j;
  }

  private static String hash(String value) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
