package uk.isafe.practice.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.Feature;

/** A running server: its own Vert.x instance, metrics registry and {@link MainVerticle}. Used by main and tests. */
public final class Application {
  private final Vertx vertx;
  private final MainVerticle main;

  private Application(Vertx vertx, MainVerticle main) {
    this.vertx = vertx;
    this.main = main;
  }

  /**
   * Starts a server. {@code embeddedOptions} are extra PostgreSQL settings for the embedded database and
   * {@code extraFeatures} extra routes mounted after the product's own (both for tests and embedding).
   */
  public static Future<Application> start(AppConfig config, List<String> embeddedOptions,
      List<Function<Core, Feature>> extraFeatures) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    MainVerticle main = new MainVerticle(config, registry, embeddedOptions, extraFeatures);
    CompletableFuture<Application> started = new CompletableFuture<>();
    vertx.deployVerticle(main).onComplete(ar -> {
      if (ar.succeeded()) {
        started.complete(new Application(vertx, main));
      } else {
        // Close from outside Vert.x: a close started on one of its own threads would report to a stopped thread.
        ForkJoinPool.commonPool().execute(() -> vertx.close().toCompletionStage()
            .whenComplete((v, closeErr) -> started.completeExceptionally(ar.cause())));
      }
    });
    return Future.fromCompletionStage(started);
  }

  public static Future<Application> start(AppConfig config) {
    return start(config, List.of(), List.of());
  }

  public Vertx vertx() {
    return vertx;
  }

  public Core core() {
    return main.core();
  }

  /** Stops accepting requests, lets in-flight ones finish, closes the pool and stops the embedded database. */
  public Future<Void> stop() {
    return vertx.close();
  }
}
