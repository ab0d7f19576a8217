package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.web.Feature;

/**
 * The trainer gradebook under {@code /gradebook}: cohort table and summary, learner drill-down, attempt replay,
 * choice distribution per scenario, CSV exports and a printable report. Trainers and administrators of the
 * session’s course only: every route runs behind the session handler and refuses learners; every query is scoped by
 * the session’s course.
 *
 * <pre>
 * GET /gradebook                         cohort (query: sort, dir=asc|desc, status=not-started|in-progress|completed)
 * GET /gradebook/report                  printable one-page cohort report
 * GET /gradebook/learners/:personId      a learner’s scores and attempts
 * GET /gradebook/attempts/:attemptId     one attempt replayed
 * GET /gradebook/scenarios/:scenarioId   choice distribution, common paths, endings
 * GET /gradebook/export/cohort.csv       the cohort table
 * GET /gradebook/export/choices.csv      every choice made
 * </pre>
 */
public final class GradebookFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(GradebookFeature.class);

  private final Core core;
  private final GradeDeliveryStatuses delivery;
  private final Supplier<ScenarioLibrary> library;
  private volatile ScenarioTexts texts = new ScenarioTexts(null);

  /** {@code library} is the scenario feature’s library, loaded once at its start (which runs before ours). */
  public GradebookFeature(Core core, Supplier<ScenarioLibrary> library) {
    this(core, GradeDeliveryStatuses.fromGradesOutbox(), library);
  }

  public GradebookFeature(Core core, GradeDeliveryStatuses delivery, Supplier<ScenarioLibrary> library) {
    this.core = core;
    this.delivery = delivery;
    this.library = library;
  }

  /** Takes the scenario texts from the shared library; without them pages show ids. */
  @Override
  public Future<Void> start() {
    ScenarioLibrary lib = library.get();
    if (lib == null) {
      LOG.warn("gradebook scenario texts unavailable: the scenario library is not loaded; pages show ids");
    }
    texts = new ScenarioTexts(lib);
    return Future.succeededFuture();
  }

  @Override
  public void mount(Router router) {
    CohortRepository cohorts = new CohortRepository(delivery);
    AttemptRepository attempts = new AttemptRepository();
    CohortRoutes cohort = new CohortRoutes(core.pool(), core.pages(), cohorts, texts, core.clock());
    LearnerRoutes learners = new LearnerRoutes(core.pool(), core.pages(), attempts, cohorts, texts);
    ScenarioRoutes scenarios = new ScenarioRoutes(core.pool(), core.pages(), new DistributionRepository(), texts);

    router.route("/gradebook*").handler(core.sessionHandler()).handler(GradebookFeature::trainersOnly);
    router.get("/gradebook").handler(cohort::cohort);
    router.get("/gradebook/report").handler(cohort::report);
    router.get("/gradebook/export/cohort.csv").handler(cohort::exportCohort);
    router.get("/gradebook/export/choices.csv").handler(learners::exportChoices);
    router.get("/gradebook/learners/:personId").handler(learners::learner);
    router.get("/gradebook/attempts/:attemptId").handler(learners::attempt);
    router.get("/gradebook/scenarios/:scenarioId").handler(scenarios::scenario);
  }

  /** A learner’s launch never gets further than this. */
  private static void trainersOnly(RoutingContext ctx) {
    SessionHandler.requireTrainer(ctx);
    ctx.next();
  }
}
