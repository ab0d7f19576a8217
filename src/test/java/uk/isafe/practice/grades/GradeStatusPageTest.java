package uk.isafe.practice.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.record;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;
import uk.isafe.practice.testsupport.TestSessions.Session;

/** A score the platform refuses for good is kept with its answer, shown to trainers, and sent again on request. */
class GradeStatusPageTest {
  private static SigningKey key;
  private static FakeAgsPlatform platform;
  private static TestServer server;

  @BeforeAll
  static void start() {
    key = GradesTesting.newKey();
    platform = FakeAgsPlatform.start(key.publicKey(), TestSessions.CLIENT_ID);
    server = GradesTesting.server(TestDatabase.fresh(), key, GradesTesting.fast());
  }

  @AfterAll
  static void stop() {
    server.close();
    platform.close();
  }

  private static long failedOf(String subject) {
    return run(server.core().pool().preparedQuery("SELECT count(*) FROM grade_outbox o JOIN person p ON p.id = "
        + "o.person_id WHERE p.subject = $1 AND o.status = 'failed'").execute(io.vertx.sqlclient.Tuple.of(subject))
        .map(r -> r.iterator().next().getLong(0)));
  }

  private static long outboxIdOf(String subject) {
    return run(server.core().pool().preparedQuery("SELECT o.id FROM grade_outbox o JOIN person p ON p.id = "
        + "o.person_id WHERE p.subject = $1").execute(io.vertx.sqlclient.Tuple.of(subject))
        .map(r -> r.iterator().next().getLong(0)));
  }

  @Test
  void a_permanent_400_is_stored_shown_to_trainers_and_retried_once_fixed() {
    String own = platform.activityLineItem("c-s", "Scenario", 100);
    Session learner = TestSessions.on(server).course("c-s").link("link-s", Map.of()).person("sub-teacher", "Pat Jones")
        .role(Role.LEARNER).ags(own, platform.lineItemsUrl("c-s")).create();
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    platform.refuseUser("sub-teacher");
    record(server, learner.context(), new GradeResult("scenario", "scenario:s", 72, 100, "", Instant.now(), "a"));
    await("refused for good", () -> failedOf("sub-teacher") == 1);
    assertEquals(1, platform.received().stream().filter(r -> r.userId().equals("sub-teacher")).count(),
        "a permanent refusal is not retried by itself");

    Session trainer = TestSessions.on(server).course("c-s").link("link-s", Map.of()).person("sub-trainer", "Tr")
        .role(Role.TRAINER).ags(own, platform.lineItemsUrl("c-s")).create();
    HttpResponse<String> page = server.http().get(trainer.url("/grades/status"));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Pat Jones"), "learner named");
    assertTrue(page.body().contains("user not gradable"), "platform's answer shown");
    var status = run(new GradeStatusRepository().forCourse(server.core().pool(), learner.context().courseId()));
    assertEquals(GradeStatusRepository.Status.FAILED, status.get(0).status());
    assertTrue(status.get(0).lastError().orElse("").contains("user not gradable"));

    assertEquals(403, server.http().get(learner.url("/grades/status")).statusCode(), "learners may not look");
    long id = outboxIdOf("sub-teacher");
    assertEquals(403, server.http().postForm("/grades/retry/" + id, learner.formWith()).statusCode());

    platform.acceptUser("sub-teacher");
    HttpResponse<String> retried = server.http().postForm("/grades/retry/" + id, trainer.formWith());
    assertEquals(303, retried.statusCode());
    await("delivered after retry", () -> platform.grade(own, "sub-teacher").isPresent());
    assertEquals(Optional.of(72.0), platform.grade(own, "sub-teacher"));
    assertFalse(server.http().get(trainer.url("/grades/status")).body().contains("user not gradable"));
    assertEquals(404, server.http().postForm("/grades/retry/" + id, trainer.formWith()).statusCode(),
        "nothing left to retry");
  }

  @Test
  void a_trainer_cannot_retry_another_courses_grade() {
    Session other = TestSessions.on(server).course("c-other").link("link-o", Map.of()).person("sub-o", "O")
        .role(Role.TRAINER).create();
    String own = platform.activityLineItem("c-s2", "Scenario", 100);
    Session learner = TestSessions.on(server).course("c-s2").link("link-s2", Map.of()).person("sub-bad", "B")
        .role(Role.LEARNER).ags(own, platform.lineItemsUrl("c-s2")).create();
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    platform.refuseUser("sub-bad");
    record(server, learner.context(), new GradeResult("scenario", "scenario:s", 10, 100, "", Instant.now(), "a"));
    await("refused", () -> failedOf("sub-bad") == 1);
    long id = outboxIdOf("sub-bad");
    assertEquals(404, server.http().postForm("/grades/retry/" + id, other.formWith()).statusCode());
    assertFalse(server.http().get(other.url("/grades/status")).body().contains("sub-bad"));
  }
}
