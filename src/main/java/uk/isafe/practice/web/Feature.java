package uk.isafe.practice.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * A part of the product that owns routes (and maybe background work). The app builds each feature once, starts it,
 * and mounts its routes on every HTTP verticle's router; {@code web} itself only provides the infrastructure.
 */
public interface Feature {
  /** One-off start-up work (loading content, starting workers); runs before the HTTP server listens. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** Adds this feature's routes. Called once per HTTP verticle instance. */
  void mount(Router router);

  /** Stops background work; called on shutdown before the pool closes. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
