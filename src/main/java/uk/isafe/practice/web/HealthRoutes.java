package uk.isafe.practice.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * {@code /healthz}: 200 when the database answers, 503 otherwise. Other parts add details (such as grade delivery lag)
 * that are reported but do not turn the server unhealthy: an LMS that is down is not our fault.
 */
public final class HealthRoutes implements Feature {
  private final Pool pool;
  private final List<Supplier<Future<JsonObject>>> details = new CopyOnWriteArrayList<>();

  public HealthRoutes(Pool pool) {
    this.pool = pool;
  }

  /** Adds a detail that appears in the health report under its own keys. */
  public void addDetail(Supplier<Future<JsonObject>> detail) {
    details.add(detail);
  }

  @Override
  public void mount(Router router) {
    router.get("/healthz").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .timeout(3, java.util.concurrent.TimeUnit.SECONDS)
        .compose(rows -> collectDetails().map(extra -> new JsonObject().put("status", "UP").put("database", "UP")
            .mergeIn(extra)))
        .onSuccess(body -> reply(ctx, 200, body))
        .onFailure(err -> reply(ctx, 503, new JsonObject().put("status", "DOWN").put("database", "DOWN")
            .put("reason", err.getClass().getSimpleName())));
  }

  private Future<JsonObject> collectDetails() {
    List<Future<JsonObject>> all = details.stream()
        .map(d -> d.get().otherwise(err -> new JsonObject()))
        .toList();
    return Future.all(all).map(cf -> {
      JsonObject merged = new JsonObject();
      for (int i = 0; i < all.size(); i++) {
        merged.mergeIn(cf.resultAt(i));
      }
      return merged;
    });
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
