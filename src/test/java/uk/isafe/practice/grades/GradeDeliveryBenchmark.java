package uk.isafe.practice.grades;

import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.CpuTime;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * Grades delivered end to end to a local AGS endpoint (the fake Moodle): results recorded in their own transactions
 * at a steady offered load, then a burst; prints scores/s and the delivery lag (result committed → LMS accepted).
 * Run: {@code mvn -Pbench test -Dtest=GradeDeliveryBenchmark} (offered load: {@code -Dgrades.rate=1000}).
 */
@Tag("benchmark")
class GradeDeliveryBenchmark {
  private static final int STEADY_RATE = Integer.getInteger("grades.rate", 1_000);
  private static final int STEADY_SECONDS = 5;
  private static final int BURST = 5_000;
  private static final Duration BOUND = Duration.ofMinutes(5);

  @Test
  void delivers_grades_to_a_local_ags_endpoint() {
    SigningKey key = GradesTesting.newKey();
    DeliverySettings settings = new DeliverySettings(Duration.ofMillis(200), 128, Duration.ofSeconds(60),
        Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    try (FakeAgsPlatform platform = FakeAgsPlatform.start(key.publicKey(), TestSessions.CLIENT_ID);
         TestServer server = GradesTesting.server(TestDatabase.fresh(), key, settings,
             Map.of("DB_POOL_SIZE", "16", "LOG_LEVEL", "WARN"))) {
      String own = platform.activityLineItem("bench", "Scenario", 100);
      LaunchContext template = TestSessions.on(server).course("bench").link("bench-link", Map.of())
          .person("template", "T").role(Role.LEARNER).ags(own, platform.lineItemsUrl("bench")).create().context();
      GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
      int total = STEADY_RATE * STEADY_SECONDS + BURST + 500;
      List<LaunchContext> learners = learners(server, template, total);

      record(server, learners.subList(0, 500), 500);
      await("warm-up delivered", BOUND, () -> GradesTesting.outboxCount(server, "delivered") == 500);

      Instant steadyStart = Instant.now();
      long steadyCpu = CpuTime.jvmNanos();
      record(server, learners.subList(500, 500 + STEADY_RATE * STEADY_SECONDS), STEADY_RATE);
      System.out.printf("BENCHMARK grades recorded %d results in %d ms%n", STEADY_RATE * STEADY_SECONDS,
          Duration.between(steadyStart, Instant.now()).toMillis());
      await("steady load delivered", BOUND, () -> GradesTesting.outboxCount(server, "delivered") == 500
          + STEADY_RATE * STEADY_SECONDS);
      report(server, "steady " + STEADY_RATE + "/s offered", steadyStart, steadyCpu);

      // A backlog, as after an LMS outage: BURST scores queued at once, then delivered as fast as possible.
      Instant burstStart = Instant.now();
      long burstCpu = CpuTime.jvmNanos();
      backlog(server, learners.subList(500 + STEADY_RATE * STEADY_SECONDS, total));
      if (Boolean.getBoolean("grades.explain")) {
        run(server.core().pool().withTransaction(tx -> tx.preparedQuery("EXPLAIN ANALYZE " + DeliveryRepository.CLAIM)
            .execute(Tuple.of(128, 60.0, "explain")).map(rows -> {
              rows.forEach(r -> System.out.println("PLAN " + r.getString(0)));
              return null;
            }).compose(v -> Future.failedFuture("roll back")).recover(e -> Future.succeededFuture())));
      }
      server.vertx().eventBus().publish(GradeOutbox.NUDGE, null);
      await("backlog delivered", BOUND, () -> GradesTesting.outboxCount(server, "delivered") == total);
      report(server, "backlog of " + BURST, burstStart, burstCpu);
      if (platform.accepted().size() != total) {
        throw new AssertionError("accepted " + platform.accepted().size() + " of " + total);
      }
    }
  }

  /** Distinct learners (one stream each), inserted in one statement. */
  private static List<LaunchContext> learners(TestServer server, LaunchContext t, int n) {
    List<Long> ids = run(server.core().pool().preparedQuery("""
        INSERT INTO person (registration_id, subject, name)
        SELECT $1, 'bench-' || g, 'Bench ' || g FROM generate_series(1, $2) g RETURNING id""")
        .execute(Tuple.of(t.registrationId(), n)).map(rows -> {
          List<Long> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(r.getLong(0));
          }
          return out;
        }));
    return ids.stream().map(id -> new LaunchContext(t.sessionId(), t.registrationId(), t.issuer(), t.clientId(),
        t.deploymentId(), t.courseId(), t.contextId(), t.contextTitle(), t.resourceLinkId(),
        t.resourceLinkExternalId(), t.resourceLinkTitle(), Optional.of(id), "bench-" + id, "Bench", t.role(),
        t.roles(), t.locale(), t.custom(), t.ags(), t.nrpsUrl(), t.returnUrl(), t.csrfToken(), t.expiresAt()))
        .toList();
  }

  /** Queues one score per learner in a single statement (the recording path is measured by the steady phase). */
  private static void backlog(TestServer server, List<LaunchContext> learners) {
    LaunchContext t = learners.get(0);
    Long[] people = learners.stream().map(l -> l.personId().get()).toArray(Long[]::new);
    run(server.core().pool().preparedQuery("""
        INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, line_item_label, activity_progress,
          grading_progress, score_given, score_maximum, comment)
        SELECT $1, $2, p, 'scenario', 'Bench', 'Completed', 'FullyGraded', 75, 100, 'Bench' FROM unnest($3::bigint[]) p
        """).execute(Tuple.of(t.courseId(), t.resourceLinkId().get(), people)));
  }

  /** Records one result per learner, each in its own transaction, at about {@code perSecond}. */
  private static void record(TestServer server, List<LaunchContext> learners, int perSecond) {
    Promise<Void> done = Promise.promise();
    int tick = 20;
    int perTick = Math.max(1, perSecond * tick / 1000);
    server.vertx().runOnContext(v -> recordFrom(server, learners, 0, perTick, tick, done));
    run(done.future());
  }

  private static void recordFrom(TestServer server, List<LaunchContext> learners, int from, int perTick, int tick,
      Promise<Void> done) {
    int to = Math.min(learners.size(), from + perTick);
    List<Future<GradePassback.Delivery>> batch = new ArrayList<>();
    for (LaunchContext l : learners.subList(from, to)) {
      batch.add(server.core().pool().withTransaction(tx -> server.core().grades().recordResult(tx, l,
          new GradeResult("scenario", "scenario:bench", 75, 100, "Bench", Instant.now(), "b"))));
    }
    if (to >= learners.size()) {
      Future.all(batch).onComplete(ar -> done.handle(ar.mapEmpty()));
    } else {
      server.vertx().setTimer(tick, id -> recordFrom(server, learners, to, perTick, tick, done));
    }
  }

  private static void report(TestServer server, String phase, Instant start, long cpuAtStart) {
    Row r = run(server.core().pool().preparedQuery("""
        SELECT count(*) AS n,
               EXTRACT(EPOCH FROM max(finished_at) - min(created_at))::float8 AS span,
               EXTRACT(EPOCH FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY finished_at - created_at))::float8 AS p50,
               EXTRACT(EPOCH FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY finished_at - created_at))::float8
                 AS p99,
               EXTRACT(EPOCH FROM max(finished_at - created_at))::float8 AS worst
          FROM grade_outbox WHERE status = 'delivered' AND created_at >= $1""")
        .execute(Tuple.of(start.atOffset(java.time.ZoneOffset.UTC))).map(rows -> rows.iterator().next()));
    System.out.printf("BENCHMARK grades %s: %d scores delivered in %.2f s = %.0f scores/s end to end; "
            + "delivery lag p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", phase, r.getLong("n"), r.getDouble("span"),
        r.getLong("n") / r.getDouble("span"), r.getDouble("p50") * 1000, r.getDouble("p99") * 1000,
        r.getDouble("worst") * 1000);
    System.out.printf("BENCHMARK grades %s: JVM CPU (tool + fake LMS + load generator) %.0f ms per 1000 scores; "
        + "machine load average %.1f on %d cores%n", phase, (CpuTime.jvmNanos() - cpuAtStart) / 1e6 / (r.getLong("n") / 1000.0),
        CpuTime.loadAverage(), Runtime.getRuntime().availableProcessors());
  }
}
