package uk.isafe.practice.grades;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.grades.AgsClient.AgsCallException;
import uk.isafe.practice.grades.DeliveryRepository.Due;
import uk.isafe.practice.grades.DeliveryRepository.Finish;
import uk.isafe.practice.lti.token.TokenException;
import uk.isafe.practice.lti.v1p1.BasicOutcomes;

/**
 * Delivers the outbox. Claims due scores (at most one per stream, so each learner's scores on a line item arrive in
 * order), posts them, and records each outcome. Runs on one context: a poll timer, a nudge after each commit on this
 * instance, and a refill whenever half of the in-flight scores are done. Claims carry a short lease that this worker
 * renews while it lives ({@link Leases}), so scores held by an instance that died are taken over within one lease,
 * and released at once when it stops cleanly.
 */
public final class OutboxWorker {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
  private static final int MAX_TIMESTAMP_BUMPS = 3;

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final DeliverySettings settings;
  private final DeliveryRepository repository;
  private final LineItemResolver lineItems;
  private final AgsClient ags;
  private final OutcomeSender outcomes;
  private final String workerId = "w-" + UUID.randomUUID();
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Timer lag;
  private final Leases leases;
  private long timer = -1;
  private MessageConsumer<Object> nudges;
  private int inFlight;
  private int held;
  private final java.util.ArrayDeque<Due> ready = new java.util.ArrayDeque<>();
  private boolean claiming;
  private boolean again;
  private boolean stopping;
  private List<DeliveryRepository.Delivered> deliveredBatch = new ArrayList<>();
  private List<Promise<Void>> deliveredWaiting = new ArrayList<>();

  OutboxWorker(Vertx vertx, Pool pool, Clock clock, DeliverySettings settings, DeliveryRepository repository,
      LineItemResolver lineItems, AgsClient ags, OutcomeSender outcomes, MeterRegistry metrics) {
    this.outcomes = outcomes;
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.settings = settings;
    this.repository = repository;
    this.lineItems = lineItems;
    this.ags = ags;
    this.delivered = Counter.builder("isafe.grades.delivered").description("scores the LMS accepted")
        .register(metrics);
    this.retried = Counter.builder("isafe.grades.retried").description("delivery attempts to be retried")
        .register(metrics);
    this.failed = Counter.builder("isafe.grades.failed").description("scores the LMS refused for good")
        .register(metrics);
    this.leases = new Leases(vertx, pool, repository, settings.claimLease(), workerId);
    this.lag = Timer.builder("isafe.grades.delivery.lag").description("from result recorded to LMS accepted")
        .publishPercentiles(0.5, 0.99).register(metrics);
  }

  Future<Void> start() {
    nudges = vertx.eventBus().consumer(GradeOutbox.NUDGE, msg -> pump());
    timer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> pump());
    leases.start();
    pump();
    return nudges.completion();
  }

  /** Stops claiming, gives in-flight deliveries a moment, then hands unfinished claims back for others to take. */
  Future<Void> stop() {
    stopping = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Future<Void> unregister = nudges == null ? Future.succeededFuture() : nudges.unregister();
    return unregister.compose(v -> drain(40)).compose(v -> {
      leases.stop();
      return repository.release(pool, workerId);
    })
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("grade delivery stopped, claims released count={}", n);
          }
        }).mapEmpty();
  }

  private Future<Void> drain(int ticks) {
    ready.clear();
    if (inFlight == 0 || ticks == 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(50).compose(id -> drain(ticks - 1));
  }

  /**
   * Claims due scores while fewer than {@link #claimLimit()} are held (claimed, not yet recorded); collapses
   * overlapping requests into one more round. Claimed scores wait in {@link #ready} and are sent with at most
   * {@code maxInFlight} requests at a time.
   */
  void pump() {
    if (stopping) {
      return;
    }
    if (claiming) {
      again = true;
      return;
    }
    int room = claimLimit() - held;
    if (room <= 0) {
      return;
    }
    claiming = true;
    again = false;
    long sentAt = Leases.now();
    repository.claim(pool, room, settings.claimLease(), workerId).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        LOG.warn("grade outbox claim failed reason={}", ar.cause().getMessage());
        return;
      }
      ar.result().forEach(due -> leases.claimed(due.id(), sentAt));
      held += ar.result().size();
      ready.addAll(ar.result());
      send();
      if (again || ar.result().size() == room) {
        pump();
      }
    });
  }

  private int claimLimit() {
    return settings.maxInFlight() * 4;
  }

  private void send() {
    while (inFlight < settings.maxInFlight() && !ready.isEmpty()) {
      Due due = ready.poll();
      inFlight++;
      deliver(due).onComplete(done -> {
        inFlight--;
        held--;
        leases.done(due.id());
        if (done.failed()) {
          LOG.warn("grade outcome not recorded outbox={} reason={}", due.id(), done.cause().getMessage());
        }
        send();
        if (held <= claimLimit() / 2) {
          pump();
        }
      });
    }
  }

  private Future<Void> deliver(Due due) {
    if (!leases.maySend(due.id())) {
      LOG.warn("grade claim lapsed before sending, left to the next claim outbox={}", due.id());
      return Future.succeededFuture();
    }
    if (BasicOutcomes.isOutcomes(due.scopes())) {
      return deliverOutcome(due).recover(err -> repository.finish(pool, due.id(), workerId, onError(due, err)));
    }
    return lineItems.resolve(due)
        .compose(url -> post(due, url, due.lastTimestamp(), 0))
        .recover(err -> repository.finish(pool, due.id(), workerId, onError(due, err)));
  }

  private Future<Void> post(Due due, String lineItemUrl, Optional<Instant> last, int bumps) {
    if (!leases.maySend(due.id())) {
      LOG.warn("grade claim lapsed before sending, left to the next claim outbox={}", due.id());
      return Future.succeededFuture();
    }
    Instant timestamp = AgsMedia.nextTimestamp(clock.instant(), last);
    return ags.postScore(due.registrationId(), due.scopes(), lineItemUrl, AgsClient.scoreBody(due, timestamp))
        .compose(response -> {
          int status = response.statusCode();
          String answer = uk.isafe.practice.lti.token.ServiceTokenClient.trim(response.bodyAsString());
          Verdict verdict = Verdict.of(status);
          if (verdict == Verdict.TIMESTAMP_CONFLICT && bumps < MAX_TIMESTAMP_BUMPS) {
            LOG.info("score timestamp not later than the platform's, bumping outbox={}", due.id());
            return post(due, lineItemUrl, Optional.of(timestamp), bumps + 1);
          }
          if (status == 404 && lineItems.toolCreated(due)) {
            return lineItems.forget(due).compose(v -> repository.finish(pool, due.id(), workerId,
                retry(due, status, "line item gone, will find or create it again: " + answer, Optional.empty(),
                    Optional.of(timestamp))));
          }
          if (verdict == Verdict.DELIVERED) {
            delivered.increment();
            lag.record(Duration.between(due.createdAt(), clock.instant()));
            return recordDelivered(new DeliveryRepository.Delivered(due.id(), status, timestamp));
          }
          Finish finish = switch (verdict) {
            case DELIVERED -> throw new IllegalStateException("handled above");
            case RETRY, TIMESTAMP_CONFLICT -> retry(due, status, answer,
                Verdict.retryAfter(response.getHeader("Retry-After"), clock.instant()), Optional.of(timestamp));
            case FAILED -> permanent(due, status, answer, Optional.of(timestamp));
          };
          return repository.finish(pool, due.id(), workerId, finish);
        });
  }

  /** LTI 1.1: {@code replaceResult}; success only when the consumer says {@code imsx_codeMajor=success}. */
  private Future<Void> deliverOutcome(Due due) {
    return outcomes.send(due).compose(sent -> {
      if (sent.status() == 0) {
        // A progress-only score: Basic Outcomes has nothing to carry it, so nothing is posted.
        return repository.finish(pool, due.id(), workerId, new Finish("delivered", Duration.ZERO, 0,
            sent.reason(), Optional.empty(), "skipped"));
      }
      Verdict verdict = Verdict.of(sent.status());
      if (verdict == Verdict.DELIVERED && sent.answer().map(BasicOutcomes.Answer::success).orElse(false)) {
        delivered.increment();
        lag.record(Duration.between(due.createdAt(), clock.instant()));
        return recordDelivered(new DeliveryRepository.Delivered(due.id(), sent.status(), clock.instant()));
      }
      if (verdict == Verdict.DELIVERED) {
        BasicOutcomes.Answer a = sent.answer().orElseThrow();
        return repository.finish(pool, due.id(), workerId, permanent(due, sent.status(),
            "imsx_codeMajor=" + a.codeMajor() + " " + a.description(), Optional.empty()));
      }
      Finish finish = verdict == Verdict.FAILED ? permanent(due, sent.status(), sent.reason(), Optional.empty())
          : retry(due, sent.status(), sent.reason(), Optional.empty(), Optional.empty());
      return repository.finish(pool, due.id(), workerId, finish);
    });
  }

  /** Deliveries are recorded in batches: one statement for all that finished within a few milliseconds. */
  private Future<Void> recordDelivered(DeliveryRepository.Delivered d) {
    Promise<Void> recorded = Promise.promise();
    deliveredBatch.add(d);
    deliveredWaiting.add(recorded);
    if (deliveredBatch.size() == 1) {
      vertx.setTimer(5, id -> flushDelivered());
    } else if (deliveredBatch.size() >= 200) {
      flushDelivered();
    }
    return recorded.future();
  }

  private void flushDelivered() {
    if (deliveredBatch.isEmpty()) {
      return;
    }
    List<DeliveryRepository.Delivered> batch = deliveredBatch;
    List<Promise<Void>> waiting = deliveredWaiting;
    deliveredBatch = new ArrayList<>();
    deliveredWaiting = new ArrayList<>();
    repository.delivered(pool, workerId, batch).onComplete(ar -> waiting.forEach(p -> p.handle(ar)));
  }

  private Finish onError(Due due, Throwable err) {
    if (err instanceof AgsCallException call && Verdict.of(call.status()) == Verdict.FAILED) {
      return permanent(due, call.status(), call.getMessage(), Optional.empty());
    }
    int status = err instanceof AgsCallException call ? call.status()
        : err instanceof TokenException token ? token.status() : 0;
    String reason = err instanceof TokenException ? "service token: " + err.getMessage()
        : err.getClass().getSimpleName() + ": " + err.getMessage();
    return retry(due, status, reason, Optional.empty(), Optional.empty());
  }

  private Finish retry(Due due, int status, String reason, Optional<Duration> retryAfter, Optional<Instant> sent) {
    retried.increment();
    Duration wait = settings.backoff(due.attempts(), ThreadLocalRandom.current().nextDouble());
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    LOG.info("grade delivery will be retried outbox={} attempt={} status={} in={}ms reason={}", due.id(),
        due.attempts(), status, wait.toMillis(), reason);
    return new Finish("queued", wait, status, reason, sent, "retry");
  }

  private Finish permanent(Due due, int status, String answer, Optional<Instant> sent) {
    failed.increment();
    LOG.warn("grade refused by the platform outbox={} course={} status={} answer={}", due.id(), due.courseId(),
        status, answer);
    return new Finish("failed", Duration.ZERO, status, answer, sent, "failed");
  }
}
