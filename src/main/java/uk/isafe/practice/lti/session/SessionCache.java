package uk.isafe.practice.lti.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.isafe.practice.lti.LaunchContext;

/**
 * A small in-process cache of live sessions: token hash → {@link LaunchContext}, so that a learner's requests do not
 * each repeat the session lookup (a five-table join). A session row never changes after its creation, except by
 * expiring, so a cached context is exactly what the database would answer while it is fresh.
 *
 * <p>An entry is kept for at most {@code ttl} (30 s by default), and never past the session's own {@code expiresAt}.
 * Only found sessions are cached, never misses, so a new session is visible at once.
 *
 * <p>Consequence: what the lookup also checks outside the session row takes up to {@code ttl} to lock out an
 * existing session on an instance that has it cached: a platform registration disabled (or a session row deleted
 * by hand) stops new sessions and launches at once, but requests carrying an already cached session token are still
 * served for up to {@code ttl}. Bounded: past {@code maxEntries}, expired entries are dropped, then arbitrary ones.
 */
final class SessionCache {
  static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  static final int DEFAULT_MAX_ENTRIES = 20_000;

  private record Entry(LaunchContext context, Instant until) {
  }

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;

  SessionCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** The cached context, if present and still fresh. */
  Optional<LaunchContext> get(byte[] tokenHash) {
    Key k = new Key(tokenHash);
    Entry e = entries.get(k);
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.until())) {
      entries.remove(k, e);
      return Optional.empty();
    }
    return Optional.of(e.context());
  }

  void put(byte[] tokenHash, LaunchContext context) {
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    if (context.expiresAt() != null && context.expiresAt().isBefore(until)) {
      until = context.expiresAt();
    }
    if (!now.isBefore(until)) {
      return;
    }
    if (entries.size() >= maxEntries) {
      evict(now);
    }
    entries.put(new Key(tokenHash), new Entry(context, until));
  }

  int size() {
    return entries.size();
  }

  private void evict(Instant now) {
    entries.values().removeIf(e -> !now.isBefore(e.until()));
    Iterator<Key> it = entries.keySet().iterator();
    int target = maxEntries - Math.max(1, maxEntries / 10);
    while (entries.size() > target && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** A token hash as a map key (byte arrays compare by identity). */
  private record Key(byte[] hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && java.util.Arrays.equals(hash, k.hash);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(hash);
    }
  }
}
