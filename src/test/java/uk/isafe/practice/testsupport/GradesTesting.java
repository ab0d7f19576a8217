package uk.isafe.practice.testsupport;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.grades.DeliverySettings;
import uk.isafe.practice.grades.GradeOutbox;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.web.Feature;

/**
 * Helpers for grade delivery tests: an in-memory tool key (until the LTI feature's keys are wired), fast delivery
 * settings, a server whose outbox uses them, and polling without timed assertions.
 */
public final class GradesTesting {
  private GradesTesting() {
  }

  public static SigningKey newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      return new SigningKey("test-kid-" + System.nanoTime(), (RSAPrivateKey) pair.getPrivate(),
          (RSAPublicKey) pair.getPublic());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fast settings: short poll, backoff and lease (the lease outlives the request timeout). */
  public static DeliverySettings fast() {
    return new DeliverySettings(Duration.ofMillis(100), 64, Duration.ofSeconds(4), Duration.ofMillis(50),
        Duration.ofMillis(400), Duration.ofMillis(800));
  }

  /** A feature that, built before the others start, makes this server's outbox use {@code key} and {@code s}. */
  public static Function<Core, Feature> configure(SigningKey key, DeliverySettings s) {
    return core -> {
      ((GradeOutbox) core.grades()).config().settings(s).signingKeys(() -> Future.succeededFuture(key));
      return router -> { };
    };
  }

  public static TestServer server(DbSettings db, SigningKey key, DeliverySettings s) {
    return server(db, key, s, Map.of());
  }

  public static TestServer server(DbSettings db, SigningKey key, DeliverySettings s, Map<String, String> settings) {
    return TestServer.start(db, settings, List.of(configure(key, s)));
  }

  /** Points the test registration's token endpoint at the fake platform. */
  public static void useTokenEndpoint(TestServer server, String url) {
    useTokenEndpoint(server, TestSessions.CLIENT_ID, url);
  }

  /** Points the registration of {@code clientId} (e.g. a {@link FakePlatform}'s) at a token endpoint. */
  public static void useTokenEndpoint(TestServer server, String clientId, String url) {
    run(server.core().pool().preparedQuery("UPDATE platform_registration SET auth_token_url = $1 WHERE client_id = $2")
        .execute(Tuple.of(url, clientId)).mapEmpty());
  }

  public static GradePassback.Delivery record(TestServer server, LaunchContext launch, GradeResult result) {
    return run(server.core().pool().withTransaction(tx -> server.core().grades().recordResult(tx, launch, result)));
  }

  public static void started(TestServer server, LaunchContext launch, String kind) {
    run(server.core().pool().withTransaction(tx -> server.core().grades().recordStarted(tx, launch, kind, "x")));
  }

  public static <T> T run(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Polls until {@code condition} holds; fails after a generous bound (this is not a timing assertion). */
  public static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(60), condition);
  }

  /** As {@link #await(String, BooleanSupplier)} with another bound (benchmarks on a shared machine). */
  public static void await(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Rows of the outbox with {@code status}. */
  public static long outboxCount(TestServer server, String status) {
    return run(server.core().pool().preparedQuery("SELECT count(*) FROM grade_outbox WHERE status = $1")
        .execute(Tuple.of(status)).map(rows -> rows.iterator().next().getLong(0)));
  }

}
