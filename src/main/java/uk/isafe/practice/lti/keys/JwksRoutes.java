package uk.isafe.practice.lti.keys;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /.well-known/jwks.json}: the tool's public keys (current, next, recently retired). */
public final class JwksRoutes {
  private final ToolKeys keys;

  public JwksRoutes(ToolKeys keys) {
    this.keys = keys;
  }

  public void mount(Router router) {
    router.get("/.well-known/jwks.json").handler(this::publish);
  }

  private void publish(RoutingContext ctx) {
    keys.jwks().onSuccess(set -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=300")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(set.encode())).onFailure(ctx::fail);
  }
}
