package uk.isafe.practice.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.FailureHandler;
import uk.isafe.practice.web.Feature;
import uk.isafe.practice.web.InputHygiene;
import uk.isafe.practice.web.SecurityHeaders;

/**
 * One HTTP server instance; several run side by side (one per event loop) sharing the port and every service.
 * The route table: security headers, static assets, metrics, the body and the one check of its text
 * ({@link InputHygiene}), then each feature's routes, then the failure handler.
 */
final class HttpVerticle extends VerticleBase {
  static final String GOVUK_ASSETS = "META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk";
  private final Core core;
  private final List<Feature> features;
  private HttpServer server;

  HttpVerticle(Core core, List<Feature> features) {
    this.core = core;
    this.features = features;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    if (core.config().trustForwardedHeaders()) {
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    FailureHandler failures = new FailureHandler(core.pages());
    router.route().handler(new SecurityHeaders(core.platformOrigins(), core.config().publicUrlIsHttps()));
    router.route().handler(InputHygiene.requestLine(failures));
    router.route("/assets/govuk/*").handler(StaticHandler.create(GOVUK_ASSETS).setMaxAgeSeconds(86400));
    router.route("/assets/*").handler(StaticHandler.create("static").setMaxAgeSeconds(3600));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(core.metrics()));
    router.route().handler(BodyHandler.create(false).setBodyLimit(512 * 1024));
    router.route().handler(InputHygiene.body(failures));
    features.forEach(f -> f.mount(router));
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    router.errorHandler(500, failures);
    // HTTP/1.1 only: browsers reach the tool through a TLS proxy, which speaks HTTP/1.1 to it. Cleartext HTTP/2 by
    // Upgrade (h2c) is off: no browser uses it, and a proxy that passes Upgrade on would let a client tunnel past
    // the proxy's own rules ("h2c smuggling"). No WebSockets are served, so no WebSocket compression is offered.
    server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true).setIdleTimeout(120)
        .setHttp2ClearTextEnabled(false).setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false));
    return server.requestHandler(router).listen(core.config().port());
  }

  @Override
  public Future<?> stop() {
    long grace = core.config().shutdownGrace().toMillis();
    return server == null ? Future.succeededFuture() : server.shutdown(grace, TimeUnit.MILLISECONDS);
  }
}
