package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.keys.SigningKeys;
import uk.isafe.practice.lti.token.ServiceTokenClient;
import uk.isafe.practice.web.Feature;

/**
 * Grades to the LMS: the outbox worker (started and stopped with the server), the trainers' status page, and the
 * {@code grades} entry of {@code /healthz} (queued, oldest queued, failed: reported, never unhealthy).
 */
public final class GradesFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(GradesFeature.class);
  private final Core core;
  private final GradeOutbox outbox;
  private final GradeStatusRoutes routes;
  private final DeliveryRepository repository = new DeliveryRepository();
  private WebClient web;
  private OutboxWorker worker;

  /**
   * {@code outbox}: the passback the features record results into (the same object as {@code core.grades()});
   * {@code signingKeys}: the tool's keys, from the LTI feature, for service tokens.
   */
  public GradesFeature(Core core, GradeOutbox outbox, SigningKeys signingKeys) {
    this.core = core;
    this.outbox = outbox;
    this.routes = new GradeStatusRoutes(core.vertx(), core.pool(), core.pages());
    outbox.config().signingKeys(signingKeys);
  }

  @Override
  public Future<Void> start() {
    core.health().addDetail(() -> repository.health(core.pool()).map(h -> new JsonObject().put("grades", h)));
    DeliveryConfig config = outbox.config();
    DeliverySettings settings = config.settings();
    web = WebClient.create(core.vertx(), new WebClientOptions()
        .setUserAgent("ISAFE-Practice-LTI/1.0")
        .setConnectTimeout((int) Math.min(settings.requestTimeout().toMillis(), 10_000))
        .setKeepAlive(true)
        .setFollowRedirects(false), new PoolOptions().setHttp1MaxSize(Math.max(8, settings.maxInFlight())));
    SigningKeys keys = () -> config.signingKeys().current();
    ServiceTokenClient tokens = new ServiceTokenClient(web, core.pool(), keys, core.clock(),
        settings.requestTimeout());
    AgsClient ags = new AgsClient(web, tokens, settings.requestTimeout().toMillis());
    LineItemResolver lineItems = new LineItemResolver(core.pool(), repository, ags, core.activities()::gradeKind);
    OutcomeSender outcomes = new OutcomeSender(web, core.pool(), settings.requestTimeout().toMillis());
    worker = new OutboxWorker(core.vertx(), core.pool(), core.clock(), settings, repository, lineItems, ags,
        outcomes, core.metrics());
    return worker.start();
  }

  @Override
  public void mount(Router router) {
    routes.mount(router, core.sessionHandler());
  }

  @Override
  public Future<Void> stop() {
    Future<Void> stopped = worker == null ? Future.succeededFuture() : worker.stop();
    return stopped.eventually(() -> {
      if (web != null) {
        web.close();
      }
      return Future.succeededFuture();
    });
  }
}
