package uk.isafe.practice.core;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HealthRoutes;
import uk.isafe.practice.web.Pages;
import uk.isafe.practice.web.PlatformOrigins;

/**
 * What every feature is built from, created once per server by the application's wiring: the database pool, pages
 * and messages, sessions, health details, where results for the LMS gradebook go ({@code grades}), the registry of
 * activity types each feature adds its own to ({@code activities}), metrics and the clock.
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
    Activities activities,
    PrometheusMeterRegistry metrics,
    Clock clock) {
}
