package uk.isafe.practice.scenario.play;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.Outcome;
import uk.isafe.practice.scenario.engine.PlayState;
import uk.isafe.practice.scenario.engine.Step;
import uk.isafe.practice.store.GroupCommit;

/**
 * Recorded play: starts attempts, records each step once (the step token), and completes an attempt together with
 * its grade in one transaction. The state is never stored apart from the events: it is rebuilt by
 * {@link Engine#replay} over them, so any server instance can resume any attempt.
 */
public final class PlayService {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What happened to a submitted step. */
  public enum Moved { MOVED, COMPLETED, STALE }

  /**
   * A submitted step's result: what happened and, when it moved on, the attempt as it now stands (its new step
   * token and state), so the next page can be shown without reading the attempt back.
   */
  public record Stepped(Moved moved, AttemptRow attempt, PlayState state) {
    static Stepped stale() {
      return new Stepped(Moved.STALE, null, null);
    }
  }

  private final Pool pool;
  private final AttemptRepository attempts;
  private final GradePassback grades;
  private final Activities activities;
  private final Clock clock;
  /** Steps that do not end an attempt, grouped when learners choose at once (an ending has its own transaction). */
  private final GroupCommit<AttemptRepository.StepWrite, Boolean> steps;
  /** How many steps each statement recorded (1 when a learner chose alone). */
  private final DistributionSummary stepsPerStatement;
  /** Steps whose statement the database did not answer within the patience. */
  private final Counter unconfirmed;

  public PlayService(Vertx vertx, Pool pool, AttemptRepository attempts, GradePassback grades,
      Activities activities, Clock clock, MeterRegistry metrics) {
    this(vertx, pool, attempts, grades, activities, clock, metrics, STEP_PATIENCE);
  }

  PlayService(Vertx vertx, Pool pool, AttemptRepository attempts, GradePassback grades, Activities activities,
      Clock clock, MeterRegistry metrics, java.time.Duration stepPatience) {
    this.pool = pool;
    this.attempts = attempts;
    this.grades = grades;
    this.activities = activities;
    this.clock = clock;
    this.stepsPerStatement = DistributionSummary.builder("isafe.scenario.steps.per.statement")
        .description("learners' steps recorded by one statement (grouped when they arrive together)")
        .register(metrics);
    this.unconfirmed = Counter.builder("isafe.scenario.steps.unconfirmed")
        .description("steps the database did not confirm in time (the learner was told)").register(metrics);
    this.steps = new GroupCommit<>(vertx, w -> {
      stepsPerStatement.record(1);
      return attempts.recordStep(pool, w);
    }, ws -> {
      stepsPerStatement.record(ws.size());
      return attempts.recordSteps(pool, ws);
    }, MAX_STEPS_GROUPED, stepPatience);
  }

  /** The most steps recorded by one statement. */
  static final int MAX_STEPS_GROUPED = 64;
  /** How long a group of steps may wait for the database before its learners are told (and others go on). */
  static final java.time.Duration STEP_PATIENCE = java.time.Duration.ofSeconds(15);

  /** Where delivery words on a stored attempt come from: the scenario's own result, or its activity's (a pathway). */
  public static final String PART_PREFIX = "PART:";

  /**
   * Whether this launch's link may record attempts at {@code scenarioId}: its activity is that scenario, a pathway
   * that includes it, or (a link set up without an {@code activity}) anything, as a standalone scenario.
   */
  public boolean runs(LaunchContext launch, String scenarioId) {
    return activities.link(launch).map(l -> l.is(activityKey(scenarioId)) || l.includes(activityKey(scenarioId)))
        .orElse(launch.custom("activity").isEmpty());
  }

  /** The link's activity when {@code scenarioId} is one of its steps (a pathway), else empty. */
  public Optional<Activities.Link> container(LaunchContext launch, String scenarioId) {
    return activities.link(launch).filter(l -> !l.is(activityKey(scenarioId)) && l.includes(activityKey(scenarioId)));
  }

  /** The page the link's activity starts on (a pathway's page), when the scenario is one of its steps. */
  public Optional<String> containerPath(LaunchContext launch, String scenarioId) {
    return container(launch, scenarioId).flatMap(l -> activities.resolve(l.value())).map(Activities.Start::path);
  }

  public AttemptRepository attempts() {
    return attempts;
  }

  public Pool pool() {
    return pool;
  }

  public static String activityKey(String scenarioId) {
    return "scenario:" + scenarioId;
  }

  /**
   * Starts attempt number {@code latestSeen + 1}. A second click on the same start form finds a newer attempt than
   * the one it saw and starts nothing (answers empty); older attempts are always kept. Answers the attempt as
   * started, so that its first turn can be shown without reading it again.
   */
  public Future<Optional<AttemptRow>> start(LaunchContext launch, Engine engine, int latestSeen,
      String feedbackMode) {
    LoadedScenario s = engine.scenario();
    PlayState first = engine.start();
    return attempts.insertAfter(pool, new AttemptRepository.NewAttempt(UUID.randomUUID(), launch.courseId(),
        launch.resourceLinkId().orElse(null), launch.personId().orElseThrow(), s.id(), s.version(), s.contentHash(),
        first.nodeId(), now(), newToken(), feedbackMode, launch.custom("activity").map(String::trim).orElse(null)),
        latestSeen);
  }

  /**
   * Applies a choice ({@code choiceId}) or a narration continue ({@code choiceId} null) to the attempt, if
   * {@code token} is the attempt's current step token. Throws InvalidChoiceException for a choice not offered here.
   */
  public Future<Moved> step(LaunchContext launch, Engine engine, AttemptRow attempt, String token, String choiceId) {
    if (attempt.completed() || token == null || !token.equals(attempt.stepToken())) {
      return Future.succeededFuture(Moved.STALE);
    }
    return step(launch, engine, attempt, engine.replay(attempt.steps()), token, choiceId).map(Stepped::moved);
  }

  /** As {@link #step(LaunchContext, Engine, AttemptRow, String, String)}, with the attempt's state already replayed. */
  public Future<Stepped> step(LaunchContext launch, Engine engine, AttemptRow attempt, PlayState before, String token,
      String choiceId) {
    if (attempt.completed() || token == null || !token.equals(attempt.stepToken())) {
      return Future.succeededFuture(Stepped.stale());
    }
    PlayState after = choiceId == null ? engine.advance(before) : engine.choose(before, choiceId);
    Step step = after.chosen().get(after.chosen().size() - 1);
    OffsetDateTime at = now();
    AttemptRepository.StepWrite write = new AttemptRepository.StepWrite(attempt.id(), token, newToken(),
        after.nodeId(), at, before.chosen().size(), step.nodeId(), step.choiceId(), step.tags(), step.points());
    boolean ending = engine.isEnd(after);
    if (!ending) {
      return steps.submit(write).onFailure(e -> {
        if (e instanceof GroupCommit.NoAnswer) {
          unconfirmed.increment();
        }
      }).map(ok -> ok
          ? new Stepped(Moved.MOVED, attempt.after(step.choiceId(), write.nextToken(), after.nodeId(), at), after)
          : Stepped.stale());
    }
    return pool.withTransaction(tx -> attempts.recordStep(tx, write).compose(ok -> !ok
        ? Future.succeededFuture(Stepped.stale())
        : complete(tx, launch, engine, attempt, after, at).map(new Stepped(Moved.COMPLETED, null, after))));
  }

  /**
   * Completes the attempt with its result, in the step's transaction. A standalone scenario's score goes to the
   * link's own grade item (and, on links that ask for them, one result per competency); a pathway's scenario is
   * completed first and then its pathway records the pathway's grade, the attempt keeping what became of that.
   */
  private Future<Void> complete(SqlClient tx, LaunchContext launch, Engine engine, AttemptRow attempt,
      PlayState state, OffsetDateTime at) {
    Outcome o = engine.outcome(state);
    String key = activityKey(attempt.scenarioId());
    String ref = attempt.id().toString();
    Optional<Activities.Link> container = container(launch, attempt.scenarioId());
    if (container.isPresent()) {
      Activities.Link link = container.get();
      return attempts.complete(tx, completion(attempt, at, o, null))
          .compose(v -> link.type().partCompleted(tx, launch, link.argument(), key, ref))
          .compose(d -> attempts.delivery(tx, attempt.id(),
              PART_PREFIX + d.orElse(GradePassback.Delivery.NOT_SENT_NO_SERVICE).name()));
    }
    String comment = engine.scenario().scenario().title() + ": " + o.ending().title();
    GradeResult result = new GradeResult(ScenarioActivity.GRADE.name(), key, o.overall(), 100, comment,
        at.toInstant(), ref);
    return grades.recordResult(tx, launch, result)
        .compose(delivery -> competencies(tx, launch, engine, o, key, at, ref).map(delivery))
        .compose(delivery -> attempts.complete(tx, completion(attempt, at, o, delivery.name())));
  }

  /** One result per competency the scenario assesses, out of 100 (sent only where the link asks for the columns). */
  private Future<Void> competencies(SqlClient tx, LaunchContext launch, Engine engine, Outcome o, String key,
      OffsetDateTime at, String ref) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, Double> c : new TreeMap<>(o.competencyScores()).entrySet()) {
      double score = Math.max(0, Math.min(100, Math.round(c.getValue() * 1000) / 10.0));
      GradeResult r = new GradeResult(ScenarioActivity.COMPETENCY.name() + c.getKey(), key, score, 100,
          engine.scenario().scenario().title() + ": " + c.getKey(), at.toInstant(), ref);
      chain = chain.compose(v -> grades.recordResult(tx, launch, r)).mapEmpty();
    }
    return chain;
  }

  private static AttemptRepository.Completion completion(AttemptRow attempt, OffsetDateTime at, Outcome o,
      String delivery) {
    return new AttemptRepository.Completion(attempt.id(), at, o.ending().id(), o.outcome(), o.overall(),
        o.competencyScores(), o.indicators().asMap(), delivery);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static String newToken() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
