package uk.isafe.practice.lti.keys;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool's signing keys, kept in the database so every instance signs with the same key. On first start a current
 * and a next key are generated (off the event loop). The published set is re-read at most once a minute, so a
 * rotation made on the command line reaches running servers without a restart. Any feature may build its own
 * instance from the pool ({@code new ToolKeys(core.vertx(), core.pool(), core.clock())}): the database is the truth.
 */
public final class ToolKeys implements SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ToolKeys.class);
  /** How long a retired key stays in the key set after a rotation. */
  public static final Duration OVERLAP = Duration.ofDays(2);
  private static final Duration REFRESH = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final ToolKeyRepository repository = new ToolKeyRepository();
  private volatile Snapshot snapshot;

  private record Snapshot(List<ToolKeyRepository.StoredKey> keys, Instant readAt) {
  }

  public ToolKeys(Vertx vertx, Pool pool, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
  }

  /** Makes sure a current and a next key exist; generates the missing ones off the event loop. */
  public Future<Void> ensure() {
    return repository.published(pool, OVERLAP).compose(keys -> {
      boolean hasCurrent = keys.stream().anyMatch(k -> k.status().equals("current"));
      boolean hasNext = keys.stream().anyMatch(k -> k.status().equals("next"));
      if (hasCurrent && hasNext) {
        return Future.succeededFuture();
      }
      return vertx.executeBlocking(() -> List.of(ToolKeyRepository.generate(), ToolKeyRepository.generate()))
          .compose(pair -> (hasCurrent ? Future.<Void>succeededFuture() : repository.insert(pool, pair.get(0), "current"))
              .compose(v -> hasNext ? Future.<Void>succeededFuture() : repository.insert(pool, pair.get(1), "next")))
          .onSuccess(v -> LOG.info("tool signing keys generated current={} next={}", !hasCurrent, !hasNext));
    }).compose(v -> reload()).mapEmpty();
  }

  @Override
  public Future<SigningKey> current() {
    return keys().compose(keys -> keys.stream().anyMatch(k -> k.status().equals("current"))
        ? Future.succeededFuture(keys) : ensure().compose(v -> reload()))
        .map(keys -> keys.stream().filter(k -> k.status().equals("current")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no current tool key")).key());
  }

  /** The public key set: current, next and recently retired keys. */
  public Future<JsonObject> jwks() {
    return keys().map(keys -> {
      JsonArray arr = new JsonArray();
      keys.forEach(k -> arr.add(Jwk.publicJwk(k.key().kid(), k.key().publicKey())));
      return new JsonObject().put("keys", arr);
    });
  }

  private Future<List<ToolKeyRepository.StoredKey>> keys() {
    Snapshot s = snapshot;
    if (s != null && s.readAt().plus(REFRESH).isAfter(clock.instant())) {
      return Future.succeededFuture(s.keys());
    }
    return reload();
  }

  private Future<List<ToolKeyRepository.StoredKey>> reload() {
    return repository.published(pool, OVERLAP).map(keys -> {
      snapshot = new Snapshot(keys, clock.instant());
      return keys;
    });
  }
}
