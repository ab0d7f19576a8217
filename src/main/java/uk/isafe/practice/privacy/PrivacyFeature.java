package uk.isafe.practice.privacy;

import io.vertx.ext.web.Router;
import io.vertx.core.Future;
import java.util.UUID;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.Feature;

/**
 * Data protection in the running server: the daily purge of what is past its retention period. Every instance
 * checks each hour (first a few minutes after start); the purge itself runs once a day across all of them
 * ({@link Purge}). Export, erasure, the access log and the research export are command-line tools
 * ({@link PrivacyCommand}); views of results are recorded through {@code core.AccessLog}.
 */
public final class PrivacyFeature implements Feature {
  static final long FIRST_CHECK_MS = 5 * 60_000L;
  static final long CHECK_EVERY_MS = 60 * 60_000L;
  private final Core core;
  private final Purge purge;
  private long timer = -1;

  public PrivacyFeature(Core core) {
    this.core = core;
    this.purge = new Purge(core.pool(), core.config().privacy(), core.clock(),
        "server-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  public Future<Void> start() {
    timer = core.vertx().setPeriodic(FIRST_CHECK_MS, CHECK_EVERY_MS, id -> purge.runIfDue());
    return Future.succeededFuture();
  }

  @Override
  public void mount(Router router) {
    // No pages: the administrator's tools are on the command line.
  }

  @Override
  public Future<Void> stop() {
    if (timer >= 0) {
      core.vertx().cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}
