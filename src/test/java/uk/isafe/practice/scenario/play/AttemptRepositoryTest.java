package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** The attempt store against real PostgreSQL: conditional writes and scoping. */
class AttemptRepositoryTest {
  private static TestServer server;
  private static Pool pool;
  private final AttemptRepository repo = new AttemptRepository();

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SCENARIOS_DIR", ScenarioPlayerTest.FIXTURES));
    pool = server.core().pool();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static LaunchContext learner(String sub) {
    return TestSessions.on(server).course("repo-course").link("l", Map.of()).person(sub, sub).role(Role.LEARNER)
        .create().context();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  private AttemptRepository.NewAttempt attempt(LaunchContext l, String token) {
    return new AttemptRepository.NewAttempt(UUID.randomUUID(), l.courseId(), l.resourceLinkId().orElse(null),
        l.personId().orElseThrow(), "tiny-call", 1, "h".repeat(64), "hello", OffsetDateTime.now(ZoneOffset.UTC),
        token, "each");
  }

  private AttemptRepository.StepWrite step(UUID id, String expected, String next, int seq) {
    return new AttemptRepository.StepWrite(id, expected, next, "ask-view", OffsetDateTime.now(ZoneOffset.UTC), seq,
        "hello", "reflect-surprise", List.of("RC"), Map.of("C1_risk_resource", 2));
  }

  @Test
  void concurrent_submissions_of_one_step_token_record_exactly_one_event() throws Exception {
    LaunchContext l = learner("repo-1");
    AttemptRepository.NewAttempt a = attempt(l, "t0");
    assertTrue(await(repo.insertAfter(pool, a, 0)));
    List<Future<Boolean>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(repo.recordStep(pool, step(a.id(), "t0", "t1-" + i, 0)));
    }
    await(Future.all(all));
    assertEquals(1, all.stream().filter(Future::result).count());
    AttemptRow row = await(repo.find(pool, a.id(), l.courseId(), l.personId().orElseThrow(), "tiny-call")).get();
    assertEquals(List.of("reflect-surprise"), row.steps());
    assertTrue(row.stepToken().startsWith("t1-"));
    assertEquals("ask-view", row.currentNode());
  }

  @Test
  void a_step_with_an_old_token_writes_nothing() throws Exception {
    LaunchContext l = learner("repo-2");
    AttemptRepository.NewAttempt a = attempt(l, "t0");
    await(repo.insertAfter(pool, a, 0));
    assertTrue(await(repo.recordStep(pool, step(a.id(), "t0", "t1", 0))));
    assertFalse(await(repo.recordStep(pool, step(a.id(), "t0", "t2", 1))));
    AttemptRow row = await(repo.find(pool, a.id(), l.courseId(), l.personId().orElseThrow(), "tiny-call")).get();
    assertEquals(1, row.steps().size());
    assertEquals("t1", row.stepToken());
  }

  @Test
  void a_new_attempt_is_numbered_after_the_latest_and_a_repeated_start_is_refused() throws Exception {
    LaunchContext l = learner("repo-3");
    assertTrue(await(repo.insertAfter(pool, attempt(l, "a"), 0)));
    assertFalse(await(repo.insertAfter(pool, attempt(l, "b"), 0)), "the learner saw no attempt: already started");
    assertTrue(await(repo.insertAfter(pool, attempt(l, "c"), 1)));
    List<AttemptRow> history = await(repo.history(pool, l.courseId(), l.personId().orElseThrow(), "tiny-call"));
    assertEquals(List.of(2, 1), history.stream().map(AttemptRow::attemptNo).toList());
  }

  @Test
  void attempts_are_found_only_for_their_own_learner_and_course() throws Exception {
    LaunchContext mine = learner("repo-4");
    LaunchContext other = learner("repo-5");
    AttemptRepository.NewAttempt a = attempt(mine, "t");
    await(repo.insertAfter(pool, a, 0));
    assertTrue(await(repo.find(pool, a.id(), mine.courseId(), mine.personId().orElseThrow(), "tiny-call"))
        .isPresent());
    assertTrue(await(repo.find(pool, a.id(), other.courseId(), other.personId().orElseThrow(), "tiny-call"))
        .isEmpty());
    assertTrue(await(repo.latest(pool, other.courseId(), other.personId().orElseThrow(), "tiny-call")).isEmpty());
    assertTrue(await(repo.find(pool, a.id(), mine.courseId() + 1000, mine.personId().orElseThrow(), "tiny-call"))
        .isEmpty());
  }

  @Test
  void completing_stores_the_result_once() throws Exception {
    LaunchContext l = learner("repo-6");
    AttemptRepository.NewAttempt a = attempt(l, "t");
    await(repo.insertAfter(pool, a, 0));
    AttemptRepository.Completion c = new AttemptRepository.Completion(a.id(), OffsetDateTime.now(ZoneOffset.UTC),
        "engaged-end", "engaged", 87.5, Map.of("C1_risk_resource", 0.75), Map.of("reflections", 1),
        "NOT_SENT_NO_SERVICE");
    await(repo.complete(pool, c));
    AttemptRow row = await(repo.find(pool, a.id(), l.courseId(), l.personId().orElseThrow(), "tiny-call")).get();
    assertTrue(row.completed());
    assertEquals(87.5, row.score());
    assertEquals(0.75, row.competencyScores().getDouble("C1_risk_resource"));
    assertFalse(await(repo.recordStep(pool, step(a.id(), "t", "u", 0))), "no step after completion");
  }
}
