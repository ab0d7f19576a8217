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

  /** Records what it is given; can be told to fail the result, as a broken outbox would. */
  static final class RecordingGrades implements GradePassback {
    final List<GradeResult> results = new CopyOnWriteArrayList<>();
    final List<String> started = new CopyOnWriteArrayList<>();
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
    public Future<Void> recordStarted(SqlClient tx, LaunchContext launch, String kind, String activityKey) {
      started.add(kind + " " + activityKey);
      return Future.succeededFuture();
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
    return await(repo.latest(server.core().pool(), l.courseId(), l.personId().orElseThrow(), "tiny-call"))
        .orElseThrow();
  }

  @Test
  void the_first_choice_records_started_and_the_ending_hands_over_the_grade() throws Exception {
    RecordingGrades grades = new RecordingGrades();
    PlayService play = new PlayService(server.core().pool(), repo, grades, Clock.systemUTC());
    LaunchContext l = learner("service-1");
    assertTrue(await(play.start(l, engine, 0, "each")));
    AttemptRow a = current(l);
    assertEquals(PlayService.Moved.MOVED, await(play.step(l, engine, a, a.stepToken(), "reflect-surprise")));
    assertEquals(List.of("scenario scenario:tiny-call"), grades.started);
    AttemptRow b = current(l);
    assertEquals(PlayService.Moved.COMPLETED, await(play.step(l, engine, b, b.stepToken(), "ask-details")));
    AttemptRow done = current(l);
    assertTrue(done.completed());
    assertEquals("QUEUED", done.delivery());
    assertEquals(1, grades.results.size());
    GradeResult r = grades.results.get(0);
    assertEquals("scenario", r.kind());
    assertEquals("scenario:tiny-call", r.activityKey());
    assertEquals(100.0, r.scoreMaximum());
    assertEquals(done.score(), r.scoreGiven());
    assertEquals(done.id().toString(), r.attemptRef());
    assertEquals(List.of("scenario scenario:tiny-call"), grades.started, "started only once");
  }

  @Test
  void when_the_grade_cannot_be_recorded_the_ending_is_not_recorded_either() throws Exception {
    RecordingGrades grades = new RecordingGrades();
    PlayService play = new PlayService(server.core().pool(), repo, grades, Clock.systemUTC());
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
}
