package uk.isafe.practice.scenario.play;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.web.Feature;

/**
 * The scenario player. {@link #start()} loads and validates every scenario of {@code SCENARIOS_DIR} off the event
 * loop (invalid files are logged and not served; the others are); {@link #mount} adds the player's routes, all
 * behind the session handler.
 */
public final class ScenarioFeature implements Feature {
  private final Core core;
  private volatile PlayerRoutes routes;

  public ScenarioFeature(Core core) {
    this.core = core;
    core.activities().register(new ScenarioActivity(this::library));
  }

  @Override
  public Future<Void> start() {
    Path dir = core.config().scenariosDir();
    return core.vertx().executeBlocking(() -> {
      ScenarioLibrary library = ScenarioLibrary.load(dir);
      return new PlayerRoutes(core, library, ScenarioTexts.load(dir, library),
          new PlayService(core.vertx(), core.pool(), new AttemptRepository(), core.grades(), core.activities(),
              core.clock(), core.metrics()));
    }).onSuccess(r -> {
      routes = r;
      core.health().addDetail(() -> Future.succeededFuture(new JsonObject()
          .put("scenarios", r.library().all().size())
          .put("scenariosRefused", r.library().reports().stream().filter(x -> !x.valid()).count())));
    }).mapEmpty();
  }

  @Override
  public void mount(Router router) {
    PlayerRoutes r = routes;
    if (r == null) {
      throw new IllegalStateException("ScenarioFeature.mount before start");
    }
    var session = core.sessionHandler();
    router.get("/scenario/:id").handler(session).handler(r::startPage);
    router.post("/scenario/:id/start").handler(session).handler(r::startAttempt);
    router.get("/scenario/:id/play").handler(session).handler(r::play);
    router.post("/scenario/:id/choose").handler(session).handler(r::choose);
    router.post("/scenario/:id/continue").handler(session).handler(r::advance);
    router.get("/scenario/:id/end/:attempt").handler(session).handler(r::endPage);
  }

  /** The loaded library (null before start); for tests and tools. */
  public ScenarioLibrary library() {
    PlayerRoutes r = routes;
    return r == null ? null : r.library();
  }
}
