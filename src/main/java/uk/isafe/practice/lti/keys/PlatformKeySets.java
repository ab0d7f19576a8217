package uk.isafe.practice.lti.keys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platforms' public keys. Each key set is fetched once and kept; a valid launch verifies without a fetch. A
 * {@code kid} not in the cache triggers one refetch, and then no other for {@link #MIN_REFETCH} per key set (a platform that
 * rotated its key keeps working; a stream of made-up kids cannot make us hammer the platform). Concurrent misses
 * share one fetch. A key set that cannot be fetched fails with {@link KeySetUnavailable}, within the timeouts.
 */
public final class PlatformKeySets {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformKeySets.class);
  public static final Duration MIN_REFETCH = Duration.ofSeconds(10);
  private static final int CONNECT_TIMEOUT_MS = 3000;
  private static final long REQUEST_TIMEOUT_MS = 5000;
  private static final int MAX_BYTES = 256 * 1024;

  /** The key set could not be fetched or read. */
  public static final class KeySetUnavailable extends RuntimeException {
    public KeySetUnavailable(String message) {
      super(message);
    }
  }

  /** A key set as last fetched; {@code refetchedAt}: the last fetch caused by an unknown kid or a failure. */
  private record Cached(Map<String, PlatformKey> keys, Instant refetchedAt, boolean failed) {
  }

  private final Vertx vertx;
  private final WebClient client;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Future<Cached>> inFlight = new ConcurrentHashMap<>();

  public PlatformKeySets(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setIdleTimeout(30).setUserAgent("ISAFE-Practice-LTI").setFollowRedirects(true));
    this.clock = clock;
  }

  /** The key {@code kid} of the set at {@code url}: from the cache, else after (at most) one refetch. */
  public Future<Optional<PlatformKey>> find(String url, String kid) {
    Cached c = cache.get(url);
    if (c != null && c.keys().containsKey(kid)) {
      return Future.succeededFuture(Optional.of(c.keys().get(kid)));
    }
    if (c != null && c.refetchedAt() != null && c.refetchedAt().plus(MIN_REFETCH).isAfter(clock.instant())) {
      return c.failed()
          ? Future.failedFuture(new KeySetUnavailable("key set " + url + " failed less than "
              + MIN_REFETCH.toSeconds() + " s ago"))
          : Future.succeededFuture(Optional.empty());
    }
    return fetch(url, c != null).map(fresh -> Optional.ofNullable(fresh.keys().get(kid)));
  }

  /** Forgets every cached set (for tests and the admin tools). */
  public void clear() {
    cache.clear();
  }

  private Future<Cached> fetch(String url, boolean becauseOfMiss) {
    return inFlight.computeIfAbsent(url, u -> client.getAbs(u).timeout(REQUEST_TIMEOUT_MS)
        .putHeader("Accept", "application/json").send()
        .recover(err -> Future.failedFuture(new KeySetUnavailable("cannot fetch " + u + ": " + err.getMessage())))
        // Reading RSA keys is CPU work: off the event loop (a key set is fetched rarely).
        .compose(resp -> vertx.executeBlocking(() -> parse(u, resp, becauseOfMiss), false))
        .onSuccess(c -> {
          cache.put(u, c);
          LOG.info("platform key set fetched url={} keys={}", u, c.keys().size());
        })
        .onFailure(err -> {
          // Remember the failed attempt too, so a broken platform is not fetched on every launch.
          cache.compute(u, (k, old) -> new Cached(old == null ? Map.of() : old.keys(), clock.instant(), true));
          LOG.warn("platform key set unavailable url={} reason={}", u, err.getMessage());
        })
        .eventually(() -> {
          inFlight.remove(u);
          return Future.succeededFuture();
        }));
  }

  private Cached parse(String url, HttpResponse<io.vertx.core.buffer.Buffer> resp, boolean becauseOfMiss) {
    if (resp.statusCode() != 200) {
      throw new KeySetUnavailable(url + " answered HTTP " + resp.statusCode());
    }
    if (resp.body() == null || resp.body().length() > MAX_BYTES) {
      throw new KeySetUnavailable(url + " answered no key set or one too large");
    }
    JsonArray keys;
    try {
      keys = new JsonObject(resp.body()).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw new KeySetUnavailable(url + " is not a JSON key set");
    }
    if (keys == null) {
      throw new KeySetUnavailable(url + " has no \"keys\" array");
    }
    Map<String, PlatformKey> out = new HashMap<>();
    for (Object o : keys) {
      if (o instanceof JsonObject jwk && jwk.getString("kid") != null && "RSA".equals(jwk.getString("kty"))
          && !"enc".equals(jwk.getString("use"))) {
        try {
          out.put(jwk.getString("kid"), PlatformKey.read(jwk));
        } catch (IllegalArgumentException e) {
          LOG.warn("platform key skipped url={} kid={} reason={}", url, jwk.getString("kid"), e.getMessage());
        }
      }
    }
    return new Cached(Map.copyOf(out), becauseOfMiss ? clock.instant() : null, false);
  }
}
