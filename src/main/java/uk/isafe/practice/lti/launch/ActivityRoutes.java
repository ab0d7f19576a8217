package uk.isafe.practice.lti.launch;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Pages;

/**
 * {@code GET /activity}: where a launch lands. Learners go to the link's activity, as the feature that registered the
 * {@code activity} value's prefix says; trainers to the course gradebook, unless the activity is a staff tool that
 * trainers start on too (the audit). A link with no or an unknown
 * {@code activity} shows trainers a chooser listing every feature's catalogue, and learners a "not set up yet" page.
 */
public final class ActivityRoutes {
  private final Pages pages;
  private final SessionHandler sessions;
  private final Activities activities;

  public ActivityRoutes(Pages pages, SessionHandler sessions, Activities activities) {
    this.pages = pages;
    this.sessions = sessions;
    this.activities = activities;
  }

  public void mount(Router router) {
    router.get("/activity").handler(sessions).handler(this::dispatch);
  }

  private void dispatch(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    Optional<Activities.Start> start = launch.custom("activity").flatMap(activities::resolve);
    if (start.isPresent()) {
      pages.redirect(ctx, launch.isTrainer() && !start.get().forTrainers() ? "/gradebook" : start.get().path());
      return;
    }
    if (!launch.isTrainer()) {
      pages.render(ctx, 200, "lti/not-set-up", Map.of());
      return;
    }
    pages.render(ctx, 200, "lti/choose-activity", Map.of(
        "choices", activities.catalogue(), "configured", launch.custom("activity").orElse("")));
  }
}
