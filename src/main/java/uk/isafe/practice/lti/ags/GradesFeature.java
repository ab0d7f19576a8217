package uk.isafe.practice.lti.ags;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.app.Core;
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
  private final GradeStatusRoutes routes;
  private final DeliveryRepository repository = new DeliveryRepository();
  private WebClient web;
  private OutboxWorker worker;

  /** {@code signingKeys}: the tool's keys from the LTI feature; empty keeps the ones already configured. */
  public GradesFeature(Core core, java.util.Optional<SigningKeys> signingKeys) {
    this.core = core;
    this.routes = new GradeStatusRoutes(core.vertx(), core.pool(), core.pages());
    signingKeys.ifPresent(keys -> outbox().ifPresent(o -> o.config().signingKeys(keys)));
  }

  private java.util.Optional<GradeOutbox> outbox() {
    return core.grades() instanceof GradeOutbox o ? java.util.Optional.of(o) : java.util.Optional.empty();
  }

  @Override
  public Future<Void> start() {
    core.health().addDetail(() -> repository.health(core.pool()).map(h -> new JsonObject().put("grades", h)));
    if (outbox().isEmpty()) {
      LOG.warn("grade passback is not the outbox: grades stay in the tool");
      return Future.succeededFuture();
    }
    DeliveryConfig config = outbox().get().config();
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
    LineItemResolver lineItems = new LineItemResolver(core.pool(), repository, ags);
    worker = new OutboxWorker(core.vertx(), core.pool(), core.clock(), settings, repository, lineItems, ags,
        core.metrics());
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
