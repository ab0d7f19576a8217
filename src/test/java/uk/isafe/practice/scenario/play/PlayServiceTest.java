package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Recorded play against real PostgreSQL: the grade hand-over happens in the completing transaction, or nothing. */
class PlayServiceTest {
  private static TestServer server;
  private static Engine engine;
  private final AttemptRepository repo = new AttemptRepository();
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  /** Records what it is given; can be told to fail the result, as a broken outbox would. */
  static final class RecordingGrades implements GradePassback {
    final List<GradeResult> results = new CopyOnWriteArrayList<>();
    volatile boolean fail;

    @Override
    public Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result) {
      if (fail) {
        return Future.failedFuture(new IllegalStateException("outbox unavailable"));
      }
      results.add(result);
      return Future.succeededFuture(Delivery.QUEUED);
    }

    @Override
    public Future<Delivery> recordDerived(SqlClient tx, LaunchContext launch, GradeResult result) {
      return recordResult(tx, launch, result);
    }

    @Override
    public Future<java.util.Optional<Sent>> sent(SqlClient db, LaunchContext launch, String kind, String ref) {
      return Future.succeededFuture(java.util.Optional.empty());
    }

    List<GradeResult> of(String kind) {
      return results.stream().filter(r -> r.kind().equals(kind)).toList();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("SCENARIOS_DIR", ScenarioPlayerTest.FIXTURES));
    engine = ScenarioLibrary.load(Path.of(ScenarioPlayerTest.FIXTURES)).engine("tiny-call").orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  private LaunchContext learner(String sub) {
    return TestSessions.on(server).course("service").link("l", Map.of()).person(sub, sub).role(Role.LEARNER)
        .create().context();
  }

  private AttemptRow current(LaunchContext l) throws Exception {
    return await(repo.latest(server.core().pool(), AttemptRepository.Owner.of(l), "tiny-call")).orElseThrow();
  }

  @Test
  void the_first_choice_sends_nothing_and_the_ending_hands_over_the_grade_and_one_result_per_competency()
      throws Exception {
    RecordingGrades grades = new RecordingGrades();
    PlayService play = new PlayService(server.core().vertx(), server.core().pool(), repo, grades,
        server.core().activities(), Clock.systemUTC(), metrics);
    LaunchContext l = learner("service-1");
    assertTrue(await(play.start(l, engine, 0, "each")).isPresent());
    AttemptRow a = current(l);
    assertEquals(PlayService.Moved.MOVED, await(play.step(l, engine, a, a.stepToken(), "reflect-surprise")));
    assertTrue(grades.results.isEmpty(), "no progress-only score: Moodle would store it as an empty grade");
    AttemptRow b = current(l);
    assertEquals(PlayService.Moved.COMPLETED, await(play.step(l, engine, b, b.stepToken(), "ask-details")));
    AttemptRow done = current(l);
    assertTrue(done.completed());
    assertEquals("QUEUED", done.delivery());
    assertEquals(1, grades.of("scenario").size());
    GradeResult r = grades.of("scenario").get(0);
    assertEquals("scenario", r.kind());
    assertEquals("scenario:tiny-call", r.activityKey());
    assertEquals(100.0, r.scoreMaximum());
    assertEquals(done.score(), r.scoreGiven());
    assertEquals(done.id().toString(), r.attemptRef());
    List<GradeResult> competencies = grades.results.stream().filter(x -> x.kind().startsWith("competency:"))
        .toList();
    assertEquals(done.competencyScores().size(), competencies.size(), "one result per competency: " + competencies);
    for (GradeResult c : competencies) {
      double fraction = done.competencyScores().getDouble(c.kind().substring("competency:".length()));
      assertEquals(Math.round(fraction * 1000) / 10.0, c.scoreGiven(), 1e-9, c.kind() + " out of 100");
      assertEquals(100.0, c.scoreMaximum());
    }
  }

  @Test
  void when_the_grade_cannot_be_recorded_the_ending_is_not_recorded_either() throws Exception {
    RecordingGrades grades = new RecordingGrades();
    PlayService play = new PlayService(server.core().vertx(), server.core().pool(), repo, grades,
        server.core().activities(), Clock.systemUTC(), metrics);
    LaunchContext l = learner("service-2");
    await(play.start(l, engine, 0, "each"));
    AttemptRow a = current(l);
    await(play.step(l, engine, a, a.stepToken(), "reflect-surprise"));
    AttemptRow b = current(l);
    grades.fail = true;
    assertThrows(Exception.class, () -> await(play.step(l, engine, b, b.stepToken(), "ask-details")));
    AttemptRow after = current(l);
    assertFalse(after.completed());
    assertEquals(List.of("reflect-surprise"), after.steps(), "the last choice was rolled back with the result");
    assertEquals(b.stepToken(), after.stepToken(), "the learner can submit the same step again");

    grades.fail = false;
    assertEquals(PlayService.Moved.COMPLETED, await(play.step(l, engine, after, after.stepToken(), "ask-details")));
    assertTrue(current(l).completed());
  }

  @Test
  void learners_choosing_at_once_are_recorded_together_and_a_double_submit_still_counts_once() throws Exception {
    RecordingGrades grades = new RecordingGrades();
    PlayService play = new PlayService(server.core().vertx(), server.core().pool(), repo, grades,
        server.core().activities(), Clock.systemUTC(), metrics);
    int n = 30;
    List<LaunchContext> learners = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      LaunchContext l = learner("service-many-" + i);
      assertTrue(await(play.start(l, engine, 0, "each")).isPresent());
      learners.add(l);
    }
    // All at once: the first goes on its own, the rest wait for it and go as one statement, double submits included.
    List<AttemptRow> before = new java.util.ArrayList<>();
    for (LaunchContext l : learners) {
      before.add(current(l));
    }
    List<Future<PlayService.Moved>> first = new java.util.ArrayList<>();
    List<Future<PlayService.Moved>> again = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      AttemptRow a = before.get(i);
      first.add(play.step(learners.get(i), engine, a, a.stepToken(),
          i % 2 == 0 ? "reflect-surprise" : "ask-why-absent"));
      if (i % 6 == 0) {
        again.add(play.step(learners.get(i), engine, a, a.stepToken(), "explain-process"));
      }
    }
    await(Future.join(first));
    await(Future.join(again));
    assertEquals(List.of(PlayService.Moved.MOVED), first.stream().map(Future::result).distinct().toList());
    var perStatement = metrics.get("isafe.scenario.steps.per.statement").summary();
    assertEquals(n + again.size(), (long) perStatement.totalAmount(), "every step counted once");
    assertTrue(perStatement.max() > 1, "steps that arrived together went in one statement");
    assertTrue(perStatement.count() < n, "fewer statements than steps: " + perStatement.count());
    assertEquals(List.of(PlayService.Moved.STALE), again.stream().map(Future::result).distinct().toList(),
        "each second submit of a step already taken changes nothing");
    // Then half end the scenario (each in its own transaction) while the other half's steps go together.
    List<AttemptRow> middle = new java.util.ArrayList<>();
    for (LaunchContext l : learners) {
      middle.add(current(l));
    }
    List<Future<PlayService.Moved>> second = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      AttemptRow a = middle.get(i);
      second.add(play.step(learners.get(i), engine, a, a.stepToken(), i % 2 == 0 ? "ask-details" : "affirm-call"));
    }
    await(Future.join(second));
    for (int i = 0; i < n; i++) {
      AttemptRow now = current(learners.get(i));
      boolean ends = i % 2 == 0;
      assertEquals(ends ? PlayService.Moved.COMPLETED : PlayService.Moved.MOVED, second.get(i).result(),
          "learner " + i);
      assertEquals(List.of(ends ? "reflect-surprise" : "ask-why-absent", ends ? "ask-details" : "affirm-call"),
          now.steps(), "learner " + i);
      assertEquals(ends, now.completed(), "learner " + i);
    }
    assertEquals(n / 2, grades.of("scenario").size(), "one grade per ending");
  }

  @Test
  void a_step_the_database_does_not_answer_in_time_is_reported_and_what_it_says_later_stands() throws Exception {
    PlayService play = new PlayService(server.core().vertx(), server.core().pool(), repo, new RecordingGrades(),
        server.core().activities(), Clock.systemUTC(), metrics, java.time.Duration.ofMillis(400));
    LaunchContext slow = learner("service-slow");
    LaunchContext other = learner("service-other");
    assertTrue(await(play.start(slow, engine, 0, "each")).isPresent());
    assertTrue(await(play.start(other, engine, 0, "each")).isPresent());
    AttemptRow a = current(slow);
    var db = server.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      try (var lock = c.prepareStatement("SELECT 1 FROM scenario_attempt WHERE id = ? FOR UPDATE")) {
        lock.setObject(1, a.id());
        lock.executeQuery();
      }
      Future<PlayService.Moved> held = play.step(slow, engine, a, a.stepToken(), "reflect-surprise");
      Exception e = assertThrows(Exception.class, () -> await(held));
      assertTrue(e instanceof uk.isafe.practice.store.GroupCommit.NoAnswer
          || e.getCause() instanceof uk.isafe.practice.store.GroupCommit.NoAnswer, String.valueOf(e));
      assertEquals(1.0, metrics.get("isafe.scenario.steps.unconfirmed").counter().count());
      AttemptRow b = current(other);
      assertEquals(PlayService.Moved.MOVED, await(play.step(other, engine, b, b.stepToken(), "ask-why-absent")),
          "another learner's step is not held up behind it");
      c.commit();
    }
    for (int i = 0; i < 100 && current(slow).steps().isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertEquals(List.of("reflect-surprise"), current(slow).steps(),
        "the step went through once the row was free: looking again shows it, and a resend would be stale");
  }
}
