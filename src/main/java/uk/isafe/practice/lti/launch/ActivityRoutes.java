package uk.isafe.practice.lti.launch;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Pages;

/**
 * {@code GET /activity}: where a launch lands. Learners go to the link's activity; trainers to the course gradebook.
 * A link with no or an unknown {@code activity} shows trainers a chooser that explains the custom parameter, and
 * learners a "not set up yet" page.
 */
public final class ActivityRoutes {
  private final Vertx vertx;
  private final Pages pages;
  private final SessionHandler sessions;
  private final Path scenariosDir;

  public ActivityRoutes(Vertx vertx, Pages pages, SessionHandler sessions, Path scenariosDir) {
    this.vertx = vertx;
    this.pages = pages;
    this.sessions = sessions;
    this.scenariosDir = scenariosDir;
  }

  public void mount(Router router) {
    router.get("/activity").handler(sessions).handler(this::dispatch);
  }

  private void dispatch(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    Optional<ActivityTarget> target = launch.custom("activity").flatMap(ActivityTarget::parse);
    if (target.isPresent()) {
      pages.redirect(ctx, launch.isTrainer() ? "/gradebook" : target.get().path());
      return;
    }
    String configured = launch.custom("activity").orElse("");
    if (!launch.isTrainer()) {
      pages.render(ctx, 200, "lti/not-set-up", Map.of());
      return;
    }
    vertx.executeBlocking(() -> ActivityCatalogue.list(scenariosDir))
        .onSuccess(choices -> pages.render(ctx, 200, "lti/choose-activity", Map.of(
            "choices", choices, "configured", configured)))
        .onFailure(ctx::fail);
  }
}
