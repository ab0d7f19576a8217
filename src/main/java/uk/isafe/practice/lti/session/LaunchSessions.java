package uk.isafe.practice.lti.session;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import uk.isafe.practice.lti.LaunchContext;

/**
 * Server-side sessions after a valid launch, kept in PostgreSQL so that any instance behind a load balancer can serve
 * the next request. The token is returned once, at creation; only its hash is stored.
 */
public final class LaunchSessions {
  private final Pool pool;
  private final SessionRepository repository = new SessionRepository();
  private final Duration lifetime;
  private final Clock clock;
  private final SessionCache cache;

  public LaunchSessions(Pool pool, Duration lifetime, Clock clock) {
    this.pool = pool;
    this.lifetime = lifetime;
    this.clock = clock;
    this.cache = new SessionCache(SessionCache.DEFAULT_TTL, SessionCache.DEFAULT_MAX_ENTRIES, clock);
  }

  /** A created session: the token for the browser, and the context it stands for. */
  public record Created(String token, LaunchContext context) {
  }

  /**
   * Creates a session on its own (a launch writes its session in its own statement: {@link #pending},
   * {@link #created}); with {@code db} a transaction, the session commits with the rest of that transaction.
   */
  public Future<Created> create(SqlClient db, NewSession session) {
    String token = SessionToken.generate();
    byte[] hash = SessionToken.hash(token);
    UUID id = UUID.randomUUID();
    Instant expires = clock.instant().plus(lifetime);
    return repository.insertAndRead(db, id, hash, SessionToken.generate(), session, expires)
        .map(found -> {
          LaunchContext context = found.orElseThrow(
              () -> new IllegalStateException("session " + id + " not readable after insert"));
          // Safe before the commit: the token is only handed out if the transaction commits.
          cache.put(hash, context);
          return new Created(token, context);
        });
  }

  /** A session about to be written by the launch's own statement: what it stores, and the token to hand out. */
  public record Pending(UUID id, String token, byte[] hash, String csrf, Instant expires) {
  }

  /** A new session's token, its hash (all that is stored), CSRF token and expiry; see {@link #created}. */
  public Pending pending() {
    String token = SessionToken.generate();
    return new Pending(UUID.randomUUID(), token, SessionToken.hash(token), SessionToken.generate(),
        clock.instant().plus(lifetime));
  }

  /**
   * The session {@code pending} became, from a row holding the columns a session lookup returns (written by the
   * launch's statement, which has committed: the token may now be handed out).
   */
  public Created created(Pending pending, io.vertx.sqlclient.Row row) {
    LaunchContext context = SessionRepository.map(row);
    cache.put(pending.hash(), context);
    return new Created(pending.token(), context);
  }

  /**
   * The live session for {@code token}, if any. Malformed tokens are refused without a query. Found sessions are
   * cached in process for a short time ({@link SessionCache}: a disabled registration takes up to its TTL to lock
   * out a session already cached here).
   */
  public Future<Optional<LaunchContext>> find(String token) {
    if (!SessionToken.wellFormed(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] hash = SessionToken.hash(token);
    Optional<LaunchContext> cached = cache.get(hash);
    if (cached.isPresent()) {
      return Future.succeededFuture(cached);
    }
    return repository.find(pool, hash).map(found -> {
      found.ifPresent(c -> cache.put(hash, c));
      return found;
    });
  }

  public Future<Integer> deleteExpired() {
    return repository.deleteExpired(pool);
  }
}
