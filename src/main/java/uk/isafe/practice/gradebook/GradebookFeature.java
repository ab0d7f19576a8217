package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.pathway.PathwayLibrary;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.gradebook.team.Grants;
import uk.isafe.practice.lti.nrps.Roster;
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
 * GET /learning-team                     every course of the platform deployment (institution administrators and
 *                                        people granted with the {@code grants} command)
 * GET /learning-team/courses/:courseId…  the pages above for one course of that deployment
 * </pre>
 */
public final class GradebookFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(GradebookFeature.class);

  private final Core core;
  private final GradeDeliveryStatuses delivery;
  private final Supplier<ScenarioLibrary> library;
  private final Supplier<InstrumentLibrary> instruments;
  private final Supplier<PathwayLibrary> pathways;
  private final Optional<Roster> roster;
  private volatile ScenarioTexts texts = new ScenarioTexts(null);

  /**
   * {@code library} is the scenario feature’s library, loaded once at its start (which runs before ours);
   * {@code instruments} and {@code pathways} the assessment feature’s (scale headings and maxima, what a pathway
   * asks of a learner).
   */
  public GradebookFeature(Core core, Supplier<ScenarioLibrary> library, Supplier<InstrumentLibrary> instruments,
      Supplier<PathwayLibrary> pathways) {
    this(core, GradeDeliveryStatuses.fromGradesOutbox(), library, instruments, pathways, Optional.empty());
  }

  /** {@code roster} reads the course list from the platform (NRPS), so learners who have not started appear. */
  public GradebookFeature(Core core, Supplier<ScenarioLibrary> library, Supplier<InstrumentLibrary> instruments,
      Supplier<PathwayLibrary> pathways, Roster roster) {
    this(core, GradeDeliveryStatuses.fromGradesOutbox(), library, instruments, pathways, Optional.of(roster));
  }

  public GradebookFeature(Core core, GradeDeliveryStatuses delivery, Supplier<ScenarioLibrary> library,
      Supplier<InstrumentLibrary> instruments, Supplier<PathwayLibrary> pathways) {
    this(core, delivery, library, instruments, pathways, Optional.empty());
  }

  private GradebookFeature(Core core, GradeDeliveryStatuses delivery, Supplier<ScenarioLibrary> library,
      Supplier<InstrumentLibrary> instruments, Supplier<PathwayLibrary> pathways, Optional<Roster> roster) {
    this.roster = roster;
    this.core = core;
    this.delivery = delivery;
    this.library = library;
    this.instruments = instruments;
    this.pathways = pathways;
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
    CourseContent content = new CourseContent(texts, instruments, pathways);
    CohortRepository cohorts = new CohortRepository(delivery, content::activity);
    AttemptRepository attempts = new AttemptRepository();
    CohortRoutes cohort = new CohortRoutes(core.pool(), core.pages(), cohorts, content, core.clock(),
        core.accessLog());
    RosterRoutes rosterRoutes = new RosterRoutes(core.pages(), roster);
    LearnerRoutes learners = new LearnerRoutes(core.pool(), core.pages(), attempts, cohorts, content,
        core.accessLog());
    ScenarioRoutes scenarios = new ScenarioRoutes(core.pool(), core.pages(), new DistributionRepository(), texts);

    LearningTeamRoutes team = new LearningTeamRoutes(core.pool(), core.pages(), cohorts, content, new Grants());

    router.route("/gradebook*").handler(core.sessionHandler()).handler(GradebookFeature::trainersOnly);
    router.get("/gradebook").handler(team::markAccess).handler(rosterRoutes::beforeCohort).handler(cohort::cohort);
    router.post("/gradebook/roster").handler(rosterRoutes::refresh);
    mountCourse(router, "/gradebook", cohort, learners, scenarios);

    router.route("/learning-team*").handler(core.sessionHandler()).handler(team::access);
    router.get("/learning-team").handler(team::overview);
    router.route("/learning-team/courses/:courseId").handler(team::scope);
    router.route("/learning-team/courses/:courseId/*").handler(team::scope);
    router.get("/learning-team/courses/:courseId").handler(cohort::cohort);
    mountCourse(router, "/learning-team/courses/:courseId", cohort, learners, scenarios);
  }

  /** One course’s pages under {@code base}; which course is settled before (see {@link CourseScope}). */
  private static void mountCourse(Router router, String base, CohortRoutes cohort, LearnerRoutes learners,
      ScenarioRoutes scenarios) {
    router.get(base + "/report").handler(cohort::report);
    router.get(base + "/export/cohort.csv").handler(cohort::exportCohort);
    router.get(base + "/export/choices.csv").handler(learners::exportChoices);
    router.get(base + "/learners/:personId").handler(learners::learner);
    router.get(base + "/attempts/:attemptId").handler(learners::attempt);
    router.get(base + "/scenarios/:scenarioId").handler(scenarios::scenario);
  }

  /** A learner’s launch never gets further than this. */
  private static void trainersOnly(RoutingContext ctx) {
    SessionHandler.requireTrainer(ctx);
    ctx.next();
  }
}
