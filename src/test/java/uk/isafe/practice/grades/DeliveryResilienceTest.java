package uk.isafe.practice.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.record;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.FakeAgsPlatform.Fault;
import uk.isafe.practice.testsupport.FakeAgsPlatform.Received;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;
import uk.isafe.practice.testsupport.TestSessions.Session;

/** Delivery through platform failures, restarts and several instances: nothing lost, nothing out of order. */
class DeliveryResilienceTest {
  private SigningKey key;
  private FakeAgsPlatform platform;
  private DbSettings db;
  private final List<TestServer> servers = new ArrayList<>();

  @BeforeEach
  void start() {
    key = GradesTesting.newKey();
    platform = FakeAgsPlatform.start(key.publicKey(), TestSessions.CLIENT_ID);
    db = TestDatabase.fresh();
  }

  @AfterEach
  void stop() {
    servers.forEach(TestServer::close);
    platform.close();
  }

  private TestServer server() {
    TestServer s = GradesTesting.server(db, key, GradesTesting.fast());
    servers.add(s);
    return s;
  }

  private List<Session> learners(TestServer server, String own, int n, Map<String, String> custom) {
    List<Session> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TestSessions.on(server).course("c-r").link("link-r", custom).person("sub-" + i, "Learner " + i)
          .role(Role.LEARNER).ags(own, platform.lineItemsUrl("c-r")).create());
    }
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    return out;
  }

  private static GradeResult scenario(double score) {
    return new GradeResult("scenario", "scenario:s1", score, 100, "", Instant.now(), "a");
  }

  @Test
  void failures_then_recovery_deliver_every_score_once_in_order() {
    TestServer server = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    List<Session> learners = learners(server, own, 6, Map.of("grading_policy", "latest"));
    platform.fail(3, Fault.status(500));
    platform.fail(2, Fault.tooMany("1"));
    platform.fail(2, Fault.hang());
    platform.fail(2, Fault.reset());
    platform.fail(1, Fault.status(503));
    for (int i = 0; i < learners.size(); i++) {
      record(server, learners.get(i).context(), scenario(10 + i));
    }
    await("all first scores", () -> learners.size() == platform.accepted().size());
    platform.down();
    for (int i = 0; i < learners.size(); i++) {
      record(server, learners.get(i).context(), scenario(50 + i));
    }
    await("attempts while the platform refuses connections", () -> run(server.core().pool()
        .query("SELECT count(*) FROM grade_delivery_log WHERE outcome = 'retry' AND detail LIKE '%Connect%'")
        .execute().map(r -> r.iterator().next().getLong(0))) >= 1);
    platform.up();
    await("all second scores", () -> platform.accepted().size() == 2 * learners.size());
    for (int i = 0; i < learners.size(); i++) {
      List<Double> scores = platform.accepted(own, "sub-" + i).stream().map(Received::scoreGiven).toList();
      assertEquals(List.of(10.0 + i, 50.0 + i), scores, "learner " + i + " once each, in order");
      assertEquals(Optional.of(50.0 + i), platform.grade(own, "sub-" + i));
    }
    assertEquals(0, GradesTesting.outboxCount(server, "failed"));
    assertTrue(platform.received().stream().noneMatch(r -> r.answeredWith() == 409), "timestamps always later");
    String metrics = server.http().get("/metrics").body();
    assertTrue(metrics.contains("isafe_grades_retried_total"), "retries counted");
  }

  @Test
  void a_newer_result_supersedes_an_undelivered_older_one() {
    TestServer server = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    Session s = learners(server, own, 1, Map.of("grading_policy", "latest")).get(0);
    platform.down();
    record(server, s.context(), scenario(30));
    record(server, s.context(), scenario(40));
    record(server, s.context(), scenario(35));
    platform.up();
    await("delivered", () -> GradesTesting.outboxCount(server, "queued") == 0 && !platform.accepted().isEmpty());
    List<Double> scores = platform.accepted(own, "sub-0").stream().map(Received::scoreGiven).toList();
    assertEquals(35.0, scores.get(scores.size() - 1), "the latest result is the last to arrive");
    assertTrue(scores.size() <= 2, "older undelivered results were superseded: " + scores);
  }

  @Test
  void a_server_restart_mid_delivery_loses_nothing() {
    TestServer first = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    List<Session> learners = learners(first, own, 10, Map.of());
    platform.fail(10, Fault.hang());
    for (int i = 0; i < learners.size(); i++) {
      record(first, learners.get(i).context(), scenario(20 + i));
    }
    await("deliveries in flight", () -> run(first.core().pool()
        .query("SELECT count(*) FROM grade_outbox WHERE attempts > 0").execute()
        .map(r -> r.iterator().next().getLong(0))) > 0);
    first.close();
    servers.remove(first);
    TestServer second = server();
    await("all delivered after restart", () -> GradesTesting.outboxCount(second, "delivered") == 10);
    for (int i = 0; i < learners.size(); i++) {
      assertEquals(Optional.of(20.0 + i), platform.grade(own, "sub-" + i), "learner " + i);
    }
  }

  @Test
  void two_instances_deliver_each_grade_once() {
    TestServer a = server();
    TestServer b = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    List<Session> learners = learners(a, own, 40, Map.of());
    for (int i = 0; i < learners.size(); i++) {
      record(i % 2 == 0 ? a : b, learners.get(i).context(), scenario(i));
    }
    await("all delivered", () -> GradesTesting.outboxCount(a, "delivered") == 40);
    assertEquals(40, platform.received().size(), "each grade posted once");
    for (int i = 0; i < learners.size(); i++) {
      assertEquals(1, platform.accepted(own, "sub-" + i).size());
    }
    long byBoth = run(a.core().pool().query("SELECT count(DISTINCT claimed_by) FROM grade_outbox").execute()
        .map(r -> r.iterator().next().getLong(0)));
    assertTrue(byBoth >= 1);
  }

  @Test
  void a_401_refreshes_the_token_once() {
    TestServer server = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    List<Session> learners = learners(server, own, 2, Map.of());
    record(server, learners.get(0).context(), scenario(70));
    await("first delivered", () -> platform.accepted().size() == 1);
    int tokensBefore = platform.tokenRequests();
    platform.revokeTokens();
    record(server, learners.get(1).context(), scenario(75));
    await("second delivered", () -> platform.accepted().size() == 2);
    assertEquals(tokensBefore + 1, platform.tokenRequests(), "one new token");
    assertEquals(1, platform.received().stream().filter(r -> r.userId().equals("sub-1")).count());
  }

  @Test
  void line_items_for_many_links_are_created_without_exhausting_the_pool() {
    TestServer server = server();
    int links = 12;
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < links; i++) {
      sessions.add(TestSessions.on(server).course("c-many").link("link-" + i, Map.of()).person("sub-m", "M")
          .role(Role.LEARNER).ags(null, platform.lineItemsUrl("c-many")).create());
    }
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    for (Session s : sessions) {
      record(server, s.context(), new GradeResult("confidence-pre", "assessment:f:pre", 4, 7, "", Instant.now(), "r"));
    }
    await("every link's column created and graded", () -> platform.accepted().size() == links);
    for (int i = 0; i < links; i++) {
      String id = platform.lineItem("link-" + i, "confidence-pre").orElseThrow().id();
      assertEquals(Optional.of(4.0), platform.grade(id, "sub-m"));
    }
  }

  @Test
  void scores_claimed_by_an_instance_that_died_are_taken_over_when_the_lease_runs_out() {
    TestServer server = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    Session s = learners(server, own, 1, Map.of()).get(0);
    // As a crashed instance leaves it: claimed, never finished, lease still running.
    run(server.core().pool().preparedQuery("""
        INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, line_item_label, activity_progress,
          grading_progress, score_given, score_maximum, claimed_by, claim_until, attempts)
        VALUES ($1, $2, $3, 'scenario', 'x', 'Completed', 'FullyGraded', 42, 100, 'dead-instance',
          now() + interval '2 seconds', 1)""").execute(io.vertx.sqlclient.Tuple.of(s.context().courseId(),
        s.context().resourceLinkId().get(), s.context().personId().get())));
    await("taken over and delivered", () -> platform.grade(own, "sub-0").isPresent());
    assertEquals(Optional.of(42.0), platform.grade(own, "sub-0"));
    // The platform answers before the worker records the delivery: wait for the row, do not race it.
    await("delivery recorded", () -> run(server.core().pool()
        .query("SELECT count(*) FROM grade_outbox WHERE status = 'delivered'").execute()
        .map(r -> r.iterator().next().getLong(0))) == 1);
    long attempts = run(server.core().pool().query("SELECT attempts FROM grade_outbox WHERE status = 'delivered'")
        .execute().map(r -> r.iterator().next().getInteger(0).longValue()));
    assertEquals(2, attempts, "one attempt by the dead instance, one by the live one");
  }

  @Test
  void with_the_default_lease_a_crashed_instances_scores_move_again_within_ten_seconds() {
    TestServer server = GradesTesting.server(db, key, DeliverySettings.defaults());
    servers.add(server);
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    Session s = learners(server, own, 1, Map.of()).get(0);
    // As kill -9 leaves it right after a claim: claimed by an instance that no longer renews, a full lease to run.
    run(server.core().pool().preparedQuery("""
        INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, line_item_label, activity_progress,
          grading_progress, score_given, score_maximum, claimed_by, claim_until, attempts)
        VALUES ($1, $2, $3, 'scenario', 'x', 'Completed', 'FullyGraded', 61, 100, 'killed-instance',
          now() + make_interval(secs => $4), 1)""").execute(io.vertx.sqlclient.Tuple.of(s.context().courseId(),
        s.context().resourceLinkId().get(), s.context().personId().get(),
        (double) DeliverySettings.defaults().claimLease().toSeconds())));
    long crashed = System.nanoTime();
    await("taken over and delivered", () -> platform.grade(own, "sub-0").isPresent());
    double seconds = (System.nanoTime() - crashed) / 1e9;
    assertTrue(seconds < 10, "delivered " + seconds + " s after the crash");
    assertEquals(Optional.of(61.0), platform.grade(own, "sub-0"));
  }

  @Test
  void a_platform_slower_than_a_lease_never_gets_a_score_twice_from_two_instances() {
    DeliverySettings shortLease = new DeliverySettings(Duration.ofMillis(100), 64, Duration.ofMillis(900),
        Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(5));
    TestServer a = GradesTesting.server(db, key, shortLease);
    TestServer b = GradesTesting.server(db, key, shortLease);
    servers.add(a);
    servers.add(b);
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    List<Session> learners = learners(a, own, 6, Map.of());
    GradesTesting.useTokenEndpoint(b, platform.tokenUrl());
    platform.fail(6, Fault.slow(2_500));
    for (int i = 0; i < learners.size(); i++) {
      record(i % 2 == 0 ? a : b, learners.get(i).context(), scenario(50 + i));
    }
    await("all delivered", () -> GradesTesting.outboxCount(a, "delivered") == 6);
    for (int i = 0; i < learners.size(); i++) {
      String user = "sub-" + i;
      assertEquals(1, platform.received().stream().filter(r -> r.userId().equals(user)).count(),
          "learner " + i + " posted once: " + platform.received());
      assertEquals(Optional.of(50.0 + i), platform.grade(own, "sub-" + i), "learner " + i);
    }
    assertEquals(6, platform.received().size(), "each score posted once, though each answer took longer than a lease");
  }

  @Test
  void a_409_bumps_the_timestamp_and_delivers() {
    TestServer server = server();
    String own = platform.activityLineItem("c-r", "Scenario", 100);
    Session s = learners(server, own, 1, Map.of()).get(0);
    platform.fail(1, Fault.status(409));
    record(server, s.context(), scenario(66));
    await("delivered", () -> platform.accepted().size() == 1);
    assertEquals(Optional.of(66.0), platform.grade(own, "sub-0"));
  }
}
