package uk.isafe.practice.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import uk.isafe.practice.lti.ags.GradePassback;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HealthRoutes;
import uk.isafe.practice.web.Pages;
import uk.isafe.practice.web.PlatformOrigins;

/**
 * What every feature may be built from: created once per server by {@link MainVerticle}.
 * {@code grades} is where results for the LMS gradebook go (replaced by the AGS outbox when wired).
 */
public record Core(
    Vertx vertx,
    AppConfig config,
    Pool pool,
    Pages pages,
    PlatformOrigins platformOrigins,
    LaunchSessions sessions,
    SessionHandler sessionHandler,
    HealthRoutes health,
    GradePassback grades,
    PrometheusMeterRegistry metrics,
    Clock clock) {
}
