package uk.isafe.practice.scenario.play;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.Outcome;
import uk.isafe.practice.scenario.engine.PlayState;
import uk.isafe.practice.scenario.engine.Step;

/**
 * Recorded play: starts attempts, records each step once (the step token), and completes an attempt together with
 * its grade in one transaction. The state is never stored apart from the events: it is rebuilt by
 * {@link Engine#replay} over them, so any server instance can resume any attempt.
 */
public final class PlayService {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What happened to a submitted step. */
  public enum Moved { MOVED, COMPLETED, STALE }

  private final Pool pool;
  private final AttemptRepository attempts;
  private final GradePassback grades;
  private final Clock clock;

  public PlayService(Pool pool, AttemptRepository attempts, GradePassback grades, Clock clock) {
    this.pool = pool;
    this.attempts = attempts;
    this.grades = grades;
    this.clock = clock;
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
   * the one it saw and starts nothing (answers false); older attempts are always kept.
   */
  public Future<Boolean> start(LaunchContext launch, Engine engine, int latestSeen, String feedbackMode) {
    LoadedScenario s = engine.scenario();
    PlayState first = engine.start();
    return attempts.insertAfter(pool, new AttemptRepository.NewAttempt(UUID.randomUUID(), launch.courseId(),
        launch.resourceLinkId().orElse(null), launch.personId().orElseThrow(), s.id(), s.version(), s.contentHash(),
        first.nodeId(), now(), newToken(), feedbackMode), latestSeen);
  }

  /**
   * Applies a choice ({@code choiceId}) or a narration continue ({@code choiceId} null) to the attempt, if
   * {@code token} is the attempt's current step token. Throws InvalidChoiceException for a choice not offered here.
   */
  public Future<Moved> step(LaunchContext launch, Engine engine, AttemptRow attempt, String token, String choiceId) {
    if (attempt.completed() || token == null || !token.equals(attempt.stepToken())) {
      return Future.succeededFuture(Moved.STALE);
    }
    return step(launch, engine, attempt, engine.replay(attempt.steps()), token, choiceId);
  }

  /** As {@link #step(LaunchContext, Engine, AttemptRow, String, String)}, with the attempt's state already replayed. */
  public Future<Moved> step(LaunchContext launch, Engine engine, AttemptRow attempt, PlayState before, String token,
      String choiceId) {
    if (attempt.completed() || token == null || !token.equals(attempt.stepToken())) {
      return Future.succeededFuture(Moved.STALE);
    }
    PlayState after = choiceId == null ? engine.advance(before) : engine.choose(before, choiceId);
    Step step = after.chosen().get(after.chosen().size() - 1);
    OffsetDateTime at = now();
    AttemptRepository.StepWrite write = new AttemptRepository.StepWrite(attempt.id(), token, newToken(),
        after.nodeId(), at, before.chosen().size(), step.nodeId(), step.choiceId(), step.tags(), step.points());
    boolean first = choiceId != null && before.turnsTaken() == 0;
    boolean ending = engine.view(after).isEnd();
    if (!first && !ending) {
      return attempts.recordStep(pool, write).map(ok -> ok ? Moved.MOVED : Moved.STALE);
    }
    return pool.withTransaction(tx -> attempts.recordStep(tx, write).compose(ok -> {
      if (!ok) {
        return Future.succeededFuture(Moved.STALE);
      }
      Future<Void> started = first
          ? grades.recordStarted(tx, launch, ScenarioActivity.GRADE.name(), activityKey(attempt.scenarioId()))
          : Future.succeededFuture();
      return started.compose(v -> ending
          ? complete(tx, launch, engine, attempt, after, at).map(Moved.COMPLETED)
          : Future.succeededFuture(Moved.MOVED));
    }));
  }

  private Future<Void> complete(SqlClient tx, LaunchContext launch, Engine engine, AttemptRow attempt,
      PlayState state, OffsetDateTime at) {
    Outcome o = engine.outcome(state);
    String comment = engine.scenario().scenario().title() + ": " + o.ending().title();
    GradeResult result = new GradeResult(ScenarioActivity.GRADE.name(), activityKey(attempt.scenarioId()), o.overall(), 100, comment,
        at.toInstant(), attempt.id().toString());
    return grades.recordResult(tx, launch, result)
        .compose(delivery -> attempts.complete(tx, new AttemptRepository.Completion(attempt.id(), at,
            o.ending().id(), o.outcome(), o.overall(), o.competencyScores(), o.indicators().asMap(),
            delivery.name())));
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
