package uk.isafe.practice.grades;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims one worker holds, kept alive while the worker is: every third of a lease the worker extends the leases
 * of the scores it still holds, so a short lease is enough (another instance takes a dead worker's scores within one
 * lease of the crash) while a slow platform never makes two instances send the same score. A worker sends a score
 * only while its own lease is known to run for at least a quarter of a lease more; otherwise it lets it go. Used on
 * the worker's context only.
 */
final class Leases {
  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
  private final Vertx vertx;
  private final Pool pool;
  private final DeliveryRepository repository;
  private final Duration lease;
  private final String worker;
  /** Held score id → until when (System.nanoTime) its lease surely runs, by the time the request was sent. */
  private final Map<Long, Long> heldUntil = new HashMap<>();
  private long timer = -1;
  private boolean renewing;

  Leases(Vertx vertx, Pool pool, DeliveryRepository repository, Duration lease, String worker) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.lease = lease;
    this.worker = worker;
  }

  void start() {
    timer = vertx.setPeriodic(Math.max(50, lease.toMillis() / 3), id -> renew());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The moment (System.nanoTime) a claim request is sent: its leases run at least a lease from then. */
  static long now() {
    return System.nanoTime();
  }

  void claimed(long id, long requestSentAt) {
    heldUntil.put(id, requestSentAt + lease.toNanos());
  }

  void done(long id) {
    heldUntil.remove(id);
  }

  /** Whether score {@code id} may be sent now: its lease surely runs for a quarter of a lease more. */
  boolean maySend(long id) {
    Long until = heldUntil.get(id);
    return until != null && now() + lease.toNanos() / 4 < until;
  }

  private void renew() {
    if (renewing || heldUntil.isEmpty()) {
      return;
    }
    renewing = true;
    long sentAt = now();
    Long[] ids = heldUntil.keySet().toArray(new Long[0]);
    repository.renew(pool, worker, ids, lease)
        .onSuccess(renewed -> {
          for (Long id : renewed) {
            heldUntil.computeIfPresent(id, (k, old) -> Math.max(old, sentAt + lease.toNanos()));
          }
        })
        .onFailure(err -> LOG.warn("grade claims not renewed count={} reason={}", ids.length, err.getMessage()))
        .onComplete(ar -> renewing = false);
  }
}
