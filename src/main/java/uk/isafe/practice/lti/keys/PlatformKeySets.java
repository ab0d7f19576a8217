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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platforms' public keys. Each key set is fetched once and kept; a valid launch verifies without a fetch. A
 * {@code kid} not in the cache triggers a refetch that starts after the request arrived, so a key the platform has
 * just published is always found. What keeps a stream of made-up kids from hammering the platform: the same unknown
 * kid is answered from memory for {@link #KID_RETRY}; fetches of one key set start at least {@link #SPACING} apart
 * (at most 60 a minute, whatever arrives), and every lookup waiting meanwhile shares the next fetch. A made-up kid
 * can therefore delay a genuine one by at most one spacing, never refuse it. A key set that cannot be fetched fails
 * with {@link KeySetUnavailable}, within the timeouts.
 */
public final class PlatformKeySets {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformKeySets.class);
  /** How long an unknown kid is answered "unknown" without another fetch. */
  public static final Duration KID_RETRY = Duration.ofSeconds(10);
  /** The least time between the starts of two fetches of one key set. */
  public static final Duration SPACING = Duration.ofSeconds(1);
  private static final int CONNECT_TIMEOUT_MS = 3000;
  private static final long REQUEST_TIMEOUT_MS = 5000;
  private static final int MAX_BYTES = 256 * 1024;
  private static final int MAX_REMEMBERED_KIDS = 1000;

  /** The key set could not be fetched or read. */
  public static final class KeySetUnavailable extends RuntimeException {
    public KeySetUnavailable(String message) {
      super(message);
    }
  }

  /** A key set as last read ({@code failed}: the last fetch failed, and when). */
  private record Cached(Map<String, PlatformKey> keys, boolean failed, Instant fetchedAt) {
  }

  /** One key set's fetching state: the next fetch (not started yet, or in flight) and when it starts. */
  private static final class Fetching {
    Instant lastStart = Instant.EPOCH;
    Future<Cached> next;
    Instant nextStart;
    final Map<String, Instant> unknownKids = new LinkedHashMap<>(16, 0.75f, false);
  }

  private final Vertx vertx;
  private final WebClient client;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Fetching> fetching = new ConcurrentHashMap<>();

  public PlatformKeySets(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setIdleTimeout(30).setUserAgent("ISAFE-Practice-LTI").setFollowRedirects(true));
    this.clock = clock;
  }

  /** The key {@code kid} of the set at {@code url}: from the cache, else from a fetch that starts after now. */
  public Future<Optional<PlatformKey>> find(String url, String kid) {
    Cached c = cache.get(url);
    if (c != null && c.keys().containsKey(kid)) {
      return Future.succeededFuture(Optional.of(c.keys().get(kid)));
    }
    Instant now = clock.instant();
    Fetching f = fetching.computeIfAbsent(url, u -> new Fetching());
    synchronized (f) {
      Instant triedAt = f.unknownKids.get(kid);
      if (c != null && triedAt != null && triedAt.plus(KID_RETRY).isAfter(now)) {
        return c.failed()
            ? Future.failedFuture(new KeySetUnavailable("key set " + url + " failed less than "
                + KID_RETRY.toSeconds() + " s ago"))
            : Future.succeededFuture(Optional.empty());
      }
      f.unknownKids.remove(kid);
      f.unknownKids.put(kid, now);
      while (f.unknownKids.size() > MAX_REMEMBERED_KIDS) {
        f.unknownKids.remove(f.unknownKids.keySet().iterator().next());
      }
      // Share the fetch already planned or in flight; if it started before this request and still lacks the kid,
      // the platform may have published it since: one more fetch, starting after this request arrived.
      Future<Cached> shared = f.next != null && !f.next.isComplete() ? f.next : fetchStartingAfter(url, f, now);
      Instant sharedStart = f.nextStart;
      return shared.compose(fresh -> {
        if (fresh.keys().containsKey(kid) || !sharedStart.isBefore(now)) {
          return Future.succeededFuture(fresh);
        }
        synchronized (f) {
          return fetchStartingAfter(url, f, now);
        }
      }).map(fresh -> Optional.ofNullable(fresh.keys().get(kid)));
    }
  }

  /** Forgets every cached set (for tests and the admin tools). */
  public void clear() {
    cache.clear();
    fetching.clear();
  }

  /** A fetch that starts at or after {@code after}: the one already planned if it qualifies, else a new one. */
  private Future<Cached> fetchStartingAfter(String url, Fetching f, Instant after) {
    if (f.next != null && !f.nextStart.isBefore(after)) {
      return f.next;
    }
    Instant start = after.isAfter(f.lastStart.plus(SPACING)) ? after : f.lastStart.plus(SPACING);
    long delay = Math.max(0, Duration.between(clock.instant(), start).toMillis());
    Future<Cached> planned = (delay == 0 ? Future.succeededFuture(0L) : vertx.timer(delay))
        .compose(t -> {
          synchronized (f) {
            f.lastStart = clock.instant();
          }
          return fetch(url);
        });
    f.next = planned;
    f.nextStart = start;
    f.lastStart = start;
    return planned;
  }

  private Future<Cached> fetch(String url) {
    return client.getAbs(url).timeout(REQUEST_TIMEOUT_MS)
        .putHeader("Accept", "application/json").send()
        .recover(err -> Future.failedFuture(new KeySetUnavailable("cannot fetch " + url + ": " + err.getMessage())))
        // Reading RSA keys is CPU work: off the event loop (a key set is fetched rarely).
        .compose(resp -> vertx.executeBlocking(() -> parse(url, resp), false))
        .onSuccess(c -> {
          cache.put(url, c);
          LOG.info("platform key set fetched url={} keys={}", url, c.keys().size());
        })
        .onFailure(err -> {
          // Remember the failed attempt too, so a broken platform is not fetched on every launch.
          cache.compute(url, (k, old) -> new Cached(old == null ? Map.of() : old.keys(), true, clock.instant()));
          LOG.warn("platform key set unavailable url={} reason={}", url, err.getMessage());
        });
  }

  private Cached parse(String url, HttpResponse<io.vertx.core.buffer.Buffer> resp) {
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
    return new Cached(Map.copyOf(out), false, clock.instant());
  }
}
