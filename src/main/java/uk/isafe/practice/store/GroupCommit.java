package uk.isafe.practice.store;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes of one kind that arrive together go to the database together: while one statement is at the database, the
 * writes that arrive wait, and then go as one multi-row statement (one transaction).
 *
 * <p>Why: PostgreSQL's cost per statement (protocol, executor start-up, locks, commit) is several times its cost per
 * row, and so is the server's (encoding, decoding, the pool). Under load — a training room of learners choosing at
 * once — a statement of many rows costs little more than a statement of one. With nobody waiting, a write goes at
 * once, on its own, exactly as without grouping.
 *
 * <p>Nothing is answered before its statement has committed, so grouping loses nothing a caller was told was
 * recorded. Each caller gets its own answer: {@code many} answers one result per item, in the items' order. If a
 * group's statement fails, each item is tried again on its own with {@code one}, so that one bad row (or a statement
 * the database refused) costs only its own caller. Answers are delivered on the caller's context.
 *
 * <p>One group is at the database at a time, so two groups never wait for each other's row locks. A group the
 * database has not answered within {@code patience} is given up: its callers get a {@link NoAnswer} (what became of
 * their write is what the database says when they look again), and the writes waiting behind it go on, so that a
 * lost answer can never hold up everyone's writes.
 */
public final class GroupCommit<I, R> {
  /** The database did not answer a group in time; the write may or may not have been recorded. */
  public static final class NoAnswer extends RuntimeException {
    NoAnswer(Duration patience) {
      super("the database did not answer within " + patience.toSeconds() + " s");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  private final Vertx vertx;
  private final Function<I, Future<R>> one;
  private final Function<List<I>, Future<List<R>>> many;
  private final int maxGroup;
  private final Duration patience;
  private final ArrayDeque<Waiting<I, R>> waiting = new ArrayDeque<>();
  private boolean atDatabase;

  /**
   * @param one      writes one item (also the fallback for each item of a group that failed)
   * @param many     writes several items in one statement, answering one result per item in their order
   * @param maxGroup the most items in one statement
   * @param patience how long a group may be at the database before its callers are told it did not answer
   */
  public GroupCommit(Vertx vertx, Function<I, Future<R>> one, Function<List<I>, Future<List<R>>> many,
      int maxGroup, Duration patience) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("maxGroup must be at least 1");
    }
    this.vertx = vertx;
    this.one = one;
    this.many = many;
    this.maxGroup = maxGroup;
    this.patience = patience;
  }

  private record Waiting<I, R>(I item, Promise<R> promise, Context context) {
  }

  /** Writes {@code item}, alone or with others; completes when its statement has committed. */
  public Future<R> submit(I item) {
    Waiting<I, R> mine = new Waiting<>(item, Promise.promise(), Vertx.currentContext());
    boolean goNow;
    synchronized (this) {
      goNow = !atDatabase;
      if (goNow) {
        atDatabase = true;
      } else {
        waiting.add(mine);
      }
    }
    if (goNow) {
      send(List.of(mine));
    }
    return mine.promise().future();
  }

  /** How many writes wait for the group at the database (for tests). */
  public synchronized int waiting() {
    return waiting.size();
  }

  private void send(List<Waiting<I, R>> group) {
    AtomicBoolean settled = new AtomicBoolean();
    long timer = vertx.setTimer(Math.max(1, patience.toMillis()), id -> {
      if (settled.compareAndSet(false, true)) {
        NoAnswer noAnswer = new NoAnswer(patience);
        group.forEach(w -> answer(w, Future.failedFuture(noAnswer)));
        next();
      }
    });
    Future<List<R>> written;
    try {
      written = group.size() == 1 ? one.apply(group.get(0).item()).map(java.util.Collections::singletonList)
          : writeMany(group);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(ar -> {
      if (!settled.compareAndSet(false, true)) {
        return; // given up already: the writes behind it have gone on
      }
      vertx.cancelTimer(timer);
      try {
        if (ar.failed() || ar.result() != null) { // null: each was answered on its own (eachAlone)
          for (int i = 0; i < group.size(); i++) {
            answer(group.get(i), ar.succeeded() ? Future.succeededFuture(ar.result().get(i))
                : Future.failedFuture(ar.cause()));
          }
        }
      } finally {
        next();
      }
    });
  }

  /** Sends what waits, as one group, or notes that nothing is at the database. */
  private void next() {
    List<Waiting<I, R>> next = new ArrayList<>();
    synchronized (this) {
      while (next.size() < maxGroup && !waiting.isEmpty()) {
        next.add(waiting.poll());
      }
      atDatabase = !next.isEmpty();
    }
    if (!next.isEmpty()) {
      send(next);
    }
  }

  /** The group in one statement; if that fails, each on its own (answered as each finishes). */
  private Future<List<R>> writeMany(List<Waiting<I, R>> group) {
    List<I> items = new ArrayList<>(group.size());
    group.forEach(w -> items.add(w.item()));
    return many.apply(items)
        .compose(results -> results.size() == items.size() ? Future.succeededFuture(results)
            : Future.failedFuture(new IllegalStateException("a grouped write answered " + results.size()
                + " results for " + items.size() + " items")))
        .recover(groupFailed -> {
          LOG.warn("grouped write refused, each written alone items={} reason={}", items.size(),
              groupFailed.getClass().getSimpleName() + ": " + groupFailed.getMessage());
          return eachAlone(group);
        });
  }

  private Future<List<R>> eachAlone(List<Waiting<I, R>> group) {
    List<Future<R>> singles = new ArrayList<>(group.size());
    for (Waiting<I, R> w : group) {
      Future<R> f;
      try {
        f = one.apply(w.item());
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      singles.add(f.onComplete(ar -> answer(w, ar)));
    }
    return Future.join(singles).transform(ignored -> Future.succeededFuture(null));
  }

  /** Completes a caller's future on its own context (once: a caller already told there was no answer stays so). */
  private static <I, R> void answer(Waiting<I, R> w, AsyncResult<R> ar) {
    Runnable complete = () -> {
      if (ar.succeeded()) {
        w.promise().tryComplete(ar.result());
      } else {
        w.promise().tryFail(ar.cause());
      }
    };
    if (w.context() == null || w.context() == Vertx.currentContext()) {
      complete.run();
    } else {
      w.context().runOnContext(v -> complete.run());
    }
  }
}
