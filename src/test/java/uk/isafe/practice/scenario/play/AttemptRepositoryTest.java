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
        token, "each", "scenario:tiny-call");
  }

  private AttemptRepository.StepWrite step(UUID id, String expected, String next, int seq) {
    return new AttemptRepository.StepWrite(id, expected, next, "ask-view", OffsetDateTime.now(ZoneOffset.UTC), seq,
        "hello", "reflect-surprise", List.of("RC"), Map.of("C1_risk_resource", 2));
  }

  @Test
  void concurrent_submissions_of_one_step_token_record_exactly_one_event() throws Exception {
    LaunchContext l = learner("repo-1");
    AttemptRepository.NewAttempt a = attempt(l, "t0");
    assertTrue(await(repo.insertAfter(pool, a, 0)).isPresent());
    List<Future<Boolean>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(repo.recordStep(pool, step(a.id(), "t0", "t1-" + i, 0)));
    }
    await(Future.all(all));
    assertEquals(1, all.stream().filter(Future::result).count());
    AttemptRow row = await(repo.find(pool, a.id(), AttemptRepository.Owner.of(l), "tiny-call")).get();
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
    AttemptRow row = await(repo.find(pool, a.id(), AttemptRepository.Owner.of(l), "tiny-call")).get();
    assertEquals(1, row.steps().size());
    assertEquals("t1", row.stepToken());
  }

  @Test
  void a_new_attempt_is_numbered_after_the_latest_and_a_repeated_start_is_refused() throws Exception {
    LaunchContext l = learner("repo-3");
    assertTrue(await(repo.insertAfter(pool, attempt(l, "a"), 0)).isPresent());
    assertFalse(await(repo.insertAfter(pool, attempt(l, "b"), 0)).isPresent(),
        "the learner saw no attempt: already started");
    AttemptRow second = await(repo.insertAfter(pool, attempt(l, "c"), 1)).orElseThrow();
    AttemptRow stored = await(repo.latest(pool, AttemptRepository.Owner.of(l), "tiny-call")).orElseThrow();
    // What the start answers is the attempt as stored: the first turn is shown from it without reading it again.
    assertEquals(List.of(stored.id(), stored.attemptNo(), stored.status(), stored.currentNode(), stored.stepToken(),
        stored.contentHash(), stored.feedbackMode(), stored.steps(), stored.scenarioVersion()),
        List.of(second.id(), 2, second.status(), second.currentNode(), second.stepToken(), second.contentHash(),
            second.feedbackMode(), second.steps(), second.scenarioVersion()));
    assertTrue(java.time.Duration.between(stored.startedAt(), second.startedAt()).abs().toNanos() < 1000,
        "stored to the microsecond");
    List<AttemptRow> history = await(repo.history(pool, AttemptRepository.Owner.of(l), "tiny-call"));
    assertEquals(List.of(2, 1), history.stream().map(AttemptRow::attemptNo).toList());
    AttemptRepository.WithLatest first = await(repo.findWithLatestNo(pool, history.get(1).id(),
        AttemptRepository.Owner.of(l), "tiny-call")).orElseThrow();
    assertEquals(List.of(1, 2), List.of(first.attempt().attemptNo(), first.latestNo()),
        "the first attempt, read with the number of the latest");
    LaunchContext other = learner("repo-3-other");
    assertTrue(await(repo.findWithLatestNo(pool, history.get(1).id(), AttemptRepository.Owner.of(other),
        "tiny-call")).isEmpty(), "another learner's attempt is not found");
  }

  @Test
  void attempts_are_found_only_for_their_own_learner_and_course() throws Exception {
    LaunchContext mine = learner("repo-4");
    LaunchContext other = learner("repo-5");
    AttemptRepository.NewAttempt a = attempt(mine, "t");
    await(repo.insertAfter(pool, a, 0));
    assertTrue(await(repo.find(pool, a.id(), AttemptRepository.Owner.of(mine), "tiny-call"))
        .isPresent());
    assertTrue(await(repo.find(pool, a.id(), AttemptRepository.Owner.of(other), "tiny-call"))
        .isEmpty());
    assertTrue(await(repo.latest(pool, AttemptRepository.Owner.of(other), "tiny-call")).isEmpty());
    AttemptRepository.Owner me = AttemptRepository.Owner.of(mine);
    assertTrue(await(repo.find(pool, a.id(), new AttemptRepository.Owner(me.courseId() + 1000, me.personId(),
        me.linkId()), "tiny-call")).isEmpty());
    assertTrue(await(repo.find(pool, a.id(), new AttemptRepository.Owner(me.courseId(), me.personId(),
        me.linkId() + 1000), "tiny-call")).isEmpty(), "not from another activity of the same course");
  }

  @Test
  void attempts_are_numbered_and_found_per_activity_so_nothing_crosses_links() throws Exception {
    LaunchContext first = TestSessions.on(server).course("repo-course").link("link-a", Map.of())
        .person("repo-7", "repo-7").role(Role.LEARNER).create().context();
    LaunchContext second = TestSessions.on(server).course("repo-course").link("link-b", Map.of())
        .person("repo-7", "repo-7").role(Role.LEARNER).create().context();
    assertEquals(first.personId(), second.personId());
    assertTrue(await(repo.insertAfter(pool, attempt(first, "a1"), 0)).isPresent());
    assertTrue(await(repo.insertAfter(pool, attempt(second, "b1"), 0)).isPresent(), "link b starts its own attempt 1");
    assertTrue(await(repo.insertAfter(pool, attempt(first, "a2"), 1)).isPresent());
    assertEquals(List.of(2, 1), await(repo.history(pool, AttemptRepository.Owner.of(first), "tiny-call")).stream()
        .map(AttemptRow::attemptNo).toList());
    assertEquals(List.of(1), await(repo.history(pool, AttemptRepository.Owner.of(second), "tiny-call")).stream()
        .map(AttemptRow::attemptNo).toList());
    assertEquals("b1", await(repo.latest(pool, AttemptRepository.Owner.of(second), "tiny-call")).orElseThrow()
        .stepToken(), "the other link's latest attempt is not seen");
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
    AttemptRow row = await(repo.find(pool, a.id(), AttemptRepository.Owner.of(l), "tiny-call")).get();
    assertTrue(row.completed());
    assertEquals(87.5, row.score());
    assertEquals(0.75, row.competencyScores().getDouble("C1_risk_resource"));
    assertFalse(await(repo.recordStep(pool, step(a.id(), "t", "u", 0))), "no step after completion");
  }

  @Test
  void steps_of_several_learners_recorded_by_one_statement_each_get_their_own_answer() throws Exception {
    LaunchContext l = learner("repo-8");
    AttemptRepository.NewAttempt moving = attempt(l, "m0");
    AttemptRepository.NewAttempt stale = attempt(learner("repo-9"), "s0");
    AttemptRepository.NewAttempt twice = attempt(learner("repo-10"), "d0");
    AttemptRepository.NewAttempt done = attempt(learner("repo-11"), "c0");
    for (AttemptRepository.NewAttempt a : List.of(moving, stale, twice, done)) {
      assertTrue(await(repo.insertAfter(pool, a, 0)).isPresent());
    }
    await(repo.complete(pool, new AttemptRepository.Completion(done.id(), OffsetDateTime.now(ZoneOffset.UTC),
        "engaged-end", "engaged", 50, Map.of(), Map.of(), "NOT_SENT_NO_SERVICE")));
    AttemptRepository.StepWrite withTags = new AttemptRepository.StepWrite(moving.id(), "m0", "m1", "ask-view",
        OffsetDateTime.parse("2026-11-28T10:15:00Z"), 0, "hello", "reflect-surprise", List.of("CR", "OQ"),
        Map.of("C1_risk_resource", 2, "C6_mi_spirit", -1));

    List<Boolean> answers = await(repo.recordSteps(pool, List.of(
        step(twice.id(), "d0", "d1-first", 0),
        withTags,
        step(stale.id(), "not-the-token", "s1", 0),
        step(twice.id(), "d0", "d1-second", 0),
        step(done.id(), "c0", "c1", 0))));

    assertEquals(List.of(true, true, false, false, false), answers,
        "in order: the first of a double submit, a step, an old token, the second of the double submit, a step"
            + " after completion");
    AttemptRow moved = await(repo.find(pool, moving.id(), AttemptRepository.Owner.of(l), "tiny-call")).get();
    assertEquals("m1", moved.stepToken());
    assertEquals("ask-view", moved.currentNode());
    assertEquals(List.of("reflect-surprise"), moved.steps());
    try (var c = java.sql.DriverManager.getConnection(server.database().jdbcUrl(), server.database().user(),
        server.database().password());
         var q = c.prepareStatement("SELECT attempt_id, seq, node_id, choice_id, tags, points::text, chosen_at"
             + " FROM scenario_choice_event WHERE attempt_id = ANY (?) ORDER BY attempt_id")) {
      q.setArray(1, c.createArrayOf("uuid", new Object[] {moving.id(), stale.id(), twice.id(), done.id()}));
      var rows = q.executeQuery();
      java.util.Map<UUID, String> events = new java.util.HashMap<>();
      while (rows.next()) {
        events.put(rows.getObject(1, UUID.class), rows.getInt(2) + " " + rows.getString(3) + " " + rows.getString(4)
            + " " + java.util.Arrays.toString((String[]) rows.getArray(5).getArray()) + " " + rows.getString(6) + " "
            + rows.getObject(7, OffsetDateTime.class).toInstant());
      }
      assertEquals(2, events.size(), "one event each for the step and the double submit, none for the others");
      assertEquals("0 hello reflect-surprise [CR, OQ] {\"C6_mi_spirit\": -1, \"C1_risk_resource\": 2}"
          + " 2026-11-28T10:15:00Z", events.get(moving.id()),
          "a time on the minute (which Java's toString writes without seconds) reads back exactly");
      assertTrue(events.containsKey(twice.id()));
    }
    assertEquals("d1-first", await(repo.find(pool, twice.id(), AttemptRepository.Owner.of(learner("repo-10")),
        "tiny-call")).get().stepToken(), "the double submit that came first moved the attempt");
  }
}
