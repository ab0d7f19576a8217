package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.nrps.Roster;
import uk.isafe.practice.lti.nrps.RosterStatus;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Pages;

/**
 * The course list (NRPS) on the cohort page: before the page is built, the list is read from the platform when the
 * stored one is stale (waiting at most {@link #WAIT_MS}; a slower read finishes in the background), and the page says
 * where its learners come from; {@code POST /gradebook/roster} reads it again now.
 */
final class RosterRoutes {
  /** The cohort page's model entry with the course list's state. */
  static final String MODEL = "roster";
  static final long WAIT_MS = 4000;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'on' d MMMM", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));

  private final Pages pages;
  private final Optional<Roster> roster;

  RosterRoutes(Pages pages, Optional<Roster> roster) {
    this.pages = pages;
    this.roster = roster;
  }

  void beforeCohort(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    if (roster.isEmpty()) {
      ctx.put(MODEL, model(RosterStatus.unavailable()));
      ctx.next();
      return;
    }
    Promise<RosterStatus> shown = Promise.promise();
    long timer = ctx.vertx().setTimer(WAIT_MS, id -> roster.get().status(launch)
        .onComplete(ar -> shown.tryComplete(ar.succeeded() ? ar.result() : RosterStatus.unavailable())));
    roster.get().ensureFresh(launch).onComplete(ar -> {
      ctx.vertx().cancelTimer(timer);
      shown.tryComplete(ar.succeeded() ? ar.result() : RosterStatus.unavailable());
    });
    shown.future().onComplete(ar -> {
      ctx.put(MODEL, model(ar.succeeded() ? ar.result() : RosterStatus.unavailable()));
      ctx.next();
    });
  }

  void refresh(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    (roster.isPresent() ? roster.get().refresh(launch) : Future.succeededFuture(RosterStatus.unavailable()))
        .onComplete(ar -> pages.redirect(ctx, "/gradebook"));
  }

  static Map<String, Object> model(RosterStatus s) {
    Map<String, Object> m = new HashMap<>();
    m.put("available", s.available());
    m.put("members", s.members());
    m.put("syncedAt", s.syncedAt().map(WHEN::format).orElse(""));
    m.put("problem", s.problem().orElse(""));
    return m;
  }
}
