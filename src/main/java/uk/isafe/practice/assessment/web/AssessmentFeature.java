package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.assessment.instrument.Problem;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.Feature;

/**
 * Self-assessments: loads and validates the instruments and pathways at start (off the event loop; an invalid file is
 * reported and not served) and mounts the questionnaire and pathway pages behind the session handler.
 */
public final class AssessmentFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(AssessmentFeature.class);
  private final Core core;
  private final AtomicReference<AssessmentContent> content = new AtomicReference<>(AssessmentContent.EMPTY);
  private final WaveRoutes waves;
  private final PathwayRoutes pathways;

  public AssessmentFeature(Core core) {
    this.core = core;
    this.waves = new WaveRoutes(core, content::get);
    this.pathways = new PathwayRoutes(core, content::get);
    AssessmentActivities.register(core.activities(), content::get, core.pages().messages());
  }

  @Override
  public Future<Void> start() {
    return core.vertx().executeBlocking(() -> AssessmentContent.load(core.config().scenariosDir()))
        .onSuccess(loaded -> {
          content.set(loaded);
          for (Problem p : loaded.problems()) {
            LOG.error("assessment content not served reason=invalid problem={}", p);
          }
          LOG.info("assessment content loaded instruments={} pathways={} problems={}",
              loaded.instruments().instruments().keySet(), loaded.pathways().pathways().keySet(),
              loaded.problems().size());
          core.health().addDetail(() -> Future.succeededFuture(new JsonObject().put("assessment", new JsonObject()
              .put("instruments", new JsonArray(loaded.instruments().instruments().keySet().stream().sorted().toList()))
              .put("invalidFiles", loaded.problems().stream().map(Problem::file).distinct().count()))));
        })
        .mapEmpty();
  }

  @Override
  public void mount(Router router) {
    router.get("/assessment/:instrument/:wave").handler(core.sessionHandler()).handler(ctx -> waves.show(ctx)
        .onFailure(ctx::fail));
    router.post("/assessment/:instrument/:wave").handler(core.sessionHandler()).handler(ctx -> waves.save(ctx)
        .onFailure(ctx::fail));
    router.get("/pathway/:id").handler(core.sessionHandler()).handler(ctx -> pathways.show(ctx)
        .onFailure(ctx::fail));
  }
}
