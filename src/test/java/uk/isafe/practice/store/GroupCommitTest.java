package uk.isafe.practice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Grouped writes, with a stand-in for the database that answers after a delay: who goes together, who gets which
 * answer, and on which thread. (The statement that records a group of scenario steps is tested against PostgreSQL in
 * {@code AttemptRepositoryTest}; the whole path under load in {@code ScenarioPlayBenchmark}.)
 */
class GroupCommitTest {
  private static final Duration PATIENCE = Duration.ofSeconds(5);
  private final Vertx vertx = Vertx.vertx();

  /** Stands in for the database: remembers every statement's items, answers "item × 10" after {@code delayMs}. */
  private final class Database {
    final List<List<Integer>> statements = new CopyOnWriteArrayList<>();
    final AtomicInteger atOnce = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final long delayMs;

    Database(long delayMs) {
      this.delayMs = delayMs;
    }

    Future<Integer> one(Integer item) {
      return many(List.of(item)).map(r -> r.get(0));
    }

    Future<List<Integer>> many(List<Integer> items) {
      statements.add(List.copyOf(items));
      mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
      Promise<List<Integer>> answer = Promise.promise();
      vertx.setTimer(delayMs, t -> {
        atOnce.decrementAndGet();
        if (items.contains(-1)) {
          answer.fail(new IllegalArgumentException("refused: " + items));
        } else {
          answer.complete(items.stream().map(i -> i * 10).toList());
        }
      });
      return answer.future();
    }
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Submits {@code items} one after another in one task on {@code context}, as requests arriving together would. */
  private static List<Future<Integer>> together(GroupCommit<Integer, Integer> writes, Context context, int... items)
      throws Exception {
    List<Future<Integer>> answers = new ArrayList<>();
    on(context, () -> {
      for (int i : items) {
        answers.add(writes.submit(i));
      }
      return Future.succeededFuture(null);
    });
    return answers;
  }

  private static <T> T on(Context context, java.util.function.Supplier<Future<T>> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> work.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_write_with_nobody_waiting_goes_at_once_on_its_own() throws Exception {
    Database db = new Database(1);
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, db::one, db::many, 64, PATIENCE);
    assertEquals(70, on(vertx.getOrCreateContext(), () -> writes.submit(7)));
    assertEquals(List.of(List.of(7)), db.statements);
  }

  @Test
  void writes_arriving_while_one_is_at_the_database_go_next_as_one_statement_each_with_its_own_answer()
      throws Exception {
    Database db = new Database(100);
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, db::one, db::many, 64, PATIENCE);
    Context context = vertx.getOrCreateContext();
    List<Future<Integer>> answers = together(writes, context, 1, 2, 3, 4, 5, 6);
    assertEquals(5, writes.waiting());
    Future.all(answers).await(10, TimeUnit.SECONDS);
    assertEquals(List.of(List.of(1), List.of(2, 3, 4, 5, 6)), db.statements);
    assertEquals(List.of(10, 20, 30, 40, 50, 60), answers.stream().map(Future::result).toList());
    assertEquals(0, writes.waiting());
  }

  @Test
  void a_group_is_never_larger_than_its_limit_and_never_two_at_the_database() throws Exception {
    Database db = new Database(20);
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, db::one, db::many, 4, PATIENCE);
    List<Future<Integer>> answers = together(writes, vertx.getOrCreateContext(), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        10);
    Future.all(answers).await(10, TimeUnit.SECONDS);
    assertEquals(List.of(1, 4, 4, 2), db.statements.stream().map(List::size).toList());
    assertEquals(1, db.mostAtOnce.get());
  }

  @Test
  void when_a_group_is_refused_each_write_is_tried_alone_and_only_the_bad_one_fails() throws Exception {
    Database db = new Database(50);
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, db::one, db::many, 64, PATIENCE);
    List<Future<Integer>> answers = together(writes, vertx.getOrCreateContext(), 1, 2, -1, 3);
    Future.join(answers).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertEquals(10, answers.get(0).result());
    assertEquals(20, answers.get(1).result());
    assertTrue(answers.get(2).failed());
    assertEquals("refused: [-1]", answers.get(2).cause().getMessage());
    assertEquals(30, answers.get(3).result());
    assertEquals(List.of(List.of(1), List.of(2, -1, 3), List.of(2), List.of(-1), List.of(3)), db.statements);
    assertEquals(70, on(vertx.getOrCreateContext(), () -> writes.submit(7)), "and the next write goes as usual");
  }

  @Test
  void a_statement_that_answers_for_too_few_items_counts_as_refused() throws Exception {
    Database db = new Database(20);
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, db::one,
        items -> db.many(items).map(r -> r.subList(0, 1)), 64, PATIENCE);
    List<Future<Integer>> answers = together(writes, vertx.getOrCreateContext(), 1, 2, 3);
    Future.all(answers).await(10, TimeUnit.SECONDS);
    assertEquals(List.of(10, 20, 30), answers.stream().map(Future::result).toList());
  }

  @Test
  void answers_come_back_on_the_thread_of_the_caller_even_many_callers_at_once() throws Exception {
    Database db = new Database(1);
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, 
        i -> ThreadLocalRandom.current().nextBoolean() ? db.one(i) : Future.succeededFuture(i * 10),
        db::many, 16, PATIENCE);
    List<Context> contexts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      contexts.add(vertx.getOrCreateContext());
    }
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    AtomicInteger answered = new AtomicInteger();
    int perContext = 2_000;
    for (int c = 0; c < contexts.size(); c++) {
      Context context = contexts.get(c);
      int base = c * perContext;
      CompletableFuture<Void> finished = new CompletableFuture<>();
      done.add(finished);
      context.runOnContext(v -> {
        List<Future<Integer>> mine = new ArrayList<>();
        for (int i = 0; i < perContext; i++) {
          int item = base + i;
          mine.add(writes.submit(item).onComplete(ar -> {
            if (Vertx.currentContext() != context) {
              wrong.add("answer for " + item + " on " + Thread.currentThread().getName());
            }
            if (!ar.succeeded() || ar.result() != item * 10) {
              wrong.add("answer for " + item + ": " + (ar.succeeded() ? ar.result() : ar.cause()));
            }
            answered.incrementAndGet();
          }));
        }
        Future.all(mine).onComplete(ar -> finished.complete(null));
      });
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertEquals(contexts.size() * perContext, answered.get());
    assertEquals(List.of(), List.copyOf(wrong));
    assertEquals(1, db.mostAtOnce.get());
    assertTrue(db.statements.stream().anyMatch(s -> s.size() > 1), "callers on four threads were grouped");
    assertEquals(0, writes.waiting());
  }

  @Test
  void a_group_the_database_never_answers_is_given_up_and_the_writes_behind_it_go_on() throws Exception {
    Database db = new Database(20);
    AtomicInteger calls = new AtomicInteger();
    Promise<List<Integer>> never = Promise.promise();
    GroupCommit<Integer, Integer> writes = new GroupCommit<>(vertx, db::one,
        items -> calls.incrementAndGet() == 1 ? never.future() : db.many(items), 64, Duration.ofMillis(300));
    Context context = vertx.getOrCreateContext();
    List<Future<Integer>> answers = together(writes, context, 1, 2, 3);
    Future.join(answers).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertEquals(10, answers.get(0).result());
    assertTrue(answers.get(1).cause() instanceof GroupCommit.NoAnswer, String.valueOf(answers.get(1).cause()));
    assertTrue(answers.get(2).cause() instanceof GroupCommit.NoAnswer);
    assertEquals(40, on(context, () -> writes.submit(4)), "the next write is not held up by the lost answer");
    never.complete(List.of(20, 30));
    assertTrue(answers.get(1).failed(), "an answer after giving up changes nothing");
  }

  @Test
  void a_limit_below_one_is_refused() {
    Database db = new Database(1);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new GroupCommit<>(vertx, db::one, db::many, 0, PATIENCE));
    assertFalse(e.getMessage().isBlank());
    assertSame(IllegalArgumentException.class, e.getClass());
  }
}
