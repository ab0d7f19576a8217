package uk.isafe.practice.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response. Framing is limited to the registered platforms by CSP {@code frame-ancestors}
 * (there is no X-Frame-Options: it cannot name several origins). Scripts and styles come only from this server.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  private final PlatformOrigins platforms;
  private final boolean https;

  public SecurityHeaders(PlatformOrigins platforms, boolean https) {
    this.platforms = platforms;
    this.https = https;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origins = platforms.sources();
    String extra = origins.isEmpty() ? "" : " " + origins;
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'" + extra
        + "; frame-ancestors 'self'" + extra);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    h.set("Cross-Origin-Opener-Policy", "unsafe-none");
    if (https) {
      h.set("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }
}
