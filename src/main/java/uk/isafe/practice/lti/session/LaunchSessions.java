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

  public LaunchSessions(Pool pool, Duration lifetime, Clock clock) {
    this.pool = pool;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A created session: the token for the browser, and the context it stands for. */
  public record Created(String token, LaunchContext context) {
  }

  /** Creates a session; with {@code db} a transaction, the session commits with the rest of the launch. */
  public Future<Created> create(SqlClient db, NewSession session) {
    String token = SessionToken.generate();
    byte[] hash = SessionToken.hash(token);
    UUID id = UUID.randomUUID();
    Instant expires = clock.instant().plus(lifetime);
    return repository.insert(db, id, hash, SessionToken.generate(), session, expires)
        .compose(v -> repository.find(db, hash))
        .map(found -> new Created(token, found.orElseThrow(
            () -> new IllegalStateException("session " + id + " not readable after insert"))));
  }

  public Future<Created> create(NewSession session) {
    return create(pool, session);
  }

  /** The live session for {@code token}, if any. Malformed tokens are refused without a query. */
  public Future<Optional<LaunchContext>> find(String token) {
    if (!SessionToken.wellFormed(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    return repository.find(pool, SessionToken.hash(token));
  }

  public Future<Integer> deleteExpired() {
    return repository.deleteExpired(pool);
  }
}
