package uk.isafe.practice.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.record;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradePassback.Delivery;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.FakeAgsPlatform.Received;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;
import uk.isafe.practice.testsupport.TestSessions.Session;

/** What reaches the fake Moodle when learners finish activities: which scores, on which line items, and when not. */
class GradeDeliveryTest {
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

  private Session learner(String course, String link, String ownLineItem, Map<String, String> custom, String sub) {
    Session s = TestSessions.on(server).course(course).link(link, custom).person(sub, "Learner " + sub)
        .role(Role.LEARNER).ags(ownLineItem, platform.lineItemsUrl(course)).create();
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    return s;
  }

  private static GradeResult result(String kind, double given, double max) {
    return new GradeResult(kind, "scenario:dad-not-on-file", given, max, "Well done", Instant.now(), "a-1");
  }

  @Test
  void a_learners_results_reach_the_expected_line_items() {
    String own = platform.activityLineItem("c-items", "Dad not on file", 100);
    Session a = learner("c-items", "link-items", own, Map.of(), "sub-a");
    assertEquals(Delivery.QUEUED, record(server, a.context(), result("scenario", 80, 100)));
    assertEquals(Delivery.QUEUED, record(server, a.context(), result("confidence-pre", 4.2, 7)));
    assertEquals(Delivery.QUEUED, record(server, a.context(), result("confidence-post", 5.5, 7)));
    Session b = learner("c-items", "link-items", own, Map.of(), "sub-b");
    record(server, b.context(), result("confidence-pre", 3, 7));
    await("four scores accepted", () -> platform.accepted().stream()
        .filter(r -> r.lineItem().contains("/c-items/")).count() == 4);

    Received scenario = platform.accepted(own, "sub-a").get(0);
    assertEquals(80.0, scenario.scoreGiven());
    assertEquals(100.0, scenario.scoreMaximum());
    assertEquals("FullyGraded", scenario.gradingProgress());
    assertEquals("Completed", scenario.activityProgress());
    assertEquals("Well done", scenario.comment());

    FakeAgsPlatform.LineItem pre = platform.lineItem("link-items", "confidence-pre").orElseThrow();
    FakeAgsPlatform.LineItem post = platform.lineItem("link-items", "confidence-post").orElseThrow();
    assertEquals("Practice activity – confidence before", pre.label());
    assertEquals("Practice activity – confidence after", post.label());
    assertEquals(7.0, pre.scoreMaximum());
    assertEquals(1, platform.lineItems().stream().filter(l -> l.tag().equals("confidence-pre")
        && l.resourceId().equals("link-items")).count(), "found, not created twice");
    assertEquals(Optional.of(4.2), platform.grade(pre.id(), "sub-a"));
    assertEquals(Optional.of(3.0), platform.grade(pre.id(), "sub-b"));
    assertEquals(Optional.of(5.5), platform.grade(post.id(), "sub-a"));
  }

  @Test
  void best_policy_sends_improvements_only_and_a_lower_retake_is_not_sent() {
    String own = platform.activityLineItem("c-best", "Scenario", 100);
    Session s = learner("c-best", "link-best", own, Map.of(), "sub-best");
    record(server, s.context(), result("scenario", 60, 100));
    await("first score", () -> platform.accepted(own, "sub-best").size() == 1);
    record(server, s.context(), result("scenario", 80, 100));
    await("better score", () -> platform.accepted(own, "sub-best").size() == 2);
    assertEquals(Delivery.QUEUED, record(server, s.context(), result("scenario", 70, 100)));
    record(server, s.context(), result("scenario", 80, 100));
    await("nothing queued", () -> GradesTesting.outboxCount(server, "queued") == 0);
    assertEquals(List.of(60.0, 80.0), platform.accepted(own, "sub-best").stream().map(Received::scoreGiven).toList());
    assertEquals(Optional.of(80.0), platform.grade(own, "sub-best"));
  }

  @Test
  void latest_policy_sends_every_change_and_first_policy_keeps_the_first() {
    String ownLatest = platform.activityLineItem("c-pol", "Latest", 100);
    Session latest = learner("c-pol", "link-latest", ownLatest, Map.of("grading_policy", "latest"), "sub-pol");
    record(server, latest.context(), result("scenario", 80, 100));
    await("first", () -> platform.accepted(ownLatest, "sub-pol").size() == 1);
    record(server, latest.context(), result("scenario", 50, 100));
    await("lower latest sent", () -> platform.accepted(ownLatest, "sub-pol").size() == 2);
    assertEquals(Optional.of(50.0), platform.grade(ownLatest, "sub-pol"));

    String ownFirst = platform.activityLineItem("c-pol", "First", 100);
    Session first = learner("c-pol", "link-first", ownFirst, Map.of("grading_policy", "first"), "sub-pol");
    record(server, first.context(), result("scenario", 40, 100));
    await("first sent", () -> platform.accepted(ownFirst, "sub-pol").size() == 1);
    record(server, first.context(), result("scenario", 90, 100));
    await("nothing queued", () -> GradesTesting.outboxCount(server, "queued") == 0);
    assertEquals(List.of(40.0), platform.accepted(ownFirst, "sub-pol").stream().map(Received::scoreGiven).toList());
  }

  @Test
  void started_progress_goes_only_to_a_line_item_without_a_final_result() {
    String own = platform.activityLineItem("c-start", "Scenario", 100);
    Session s = learner("c-start", "link-start", own, Map.of(), "sub-start");
    GradesTesting.started(server, s.context(), "scenario");
    await("started sent", () -> platform.accepted(own, "sub-start").size() == 1);
    Received started = platform.accepted(own, "sub-start").get(0);
    assertEquals("Started", started.activityProgress());
    assertEquals("NotReady", started.gradingProgress());
    assertEquals(null, started.scoreGiven());

    record(server, s.context(), result("scenario", 55, 100));
    await("result sent", () -> platform.accepted(own, "sub-start").size() == 2);
    GradesTesting.started(server, s.context(), "scenario");
    GradesTesting.started(server, s.context(), "scenario");
    await("nothing queued", () -> GradesTesting.outboxCount(server, "queued") == 0);
    assertEquals(2, platform.received().stream().filter(r -> r.userId().equals("sub-start")).count());
    assertEquals(Optional.of(55.0), platform.grade(own, "sub-start"), "a retake never wipes the grade");
  }

  @Test
  void anonymous_launches_and_launches_without_ags_stay_in_the_tool() {
    Session anon = TestSessions.on(server).course("c-none").link("link-none", Map.of()).anonymous()
        .ags(platform.activityLineItem("c-none", "x", 100), platform.lineItemsUrl("c-none")).create();
    assertEquals(Delivery.NOT_SENT_ANONYMOUS, record(server, anon.context(), result("scenario", 50, 100)));
    Session noAgs = TestSessions.on(server).course("c-none").link("link-none", Map.of()).person("sub-none", "N")
        .ags(null, null).create();
    assertEquals(Delivery.NOT_SENT_NO_SERVICE, record(server, noAgs.context(), result("scenario", 50, 100)));
    assertEquals(Delivery.NOT_SENT_NO_SERVICE, record(server, noAgs.context(), result("confidence-pre", 5, 7)));
    List<GradeStatusRepository.GradeStatus> statuses = run(new GradeStatusRepository()
        .forCourse(server.core().pool(), noAgs.context().courseId()));
    assertEquals(2, statuses.size());
    assertTrue(statuses.stream().allMatch(st -> st.status() == GradeStatusRepository.Status.NOT_SENT));
    long rows = run(server.core().pool().preparedQuery("SELECT count(*) FROM grade_outbox WHERE course_id = $1")
        .execute(Tuple.of(noAgs.context().courseId())).map(r -> r.iterator().next().getLong(0)));
    assertEquals(0, rows);
  }

  @Test
  void competency_columns_are_sent_only_when_the_link_asks_for_them() {
    String own = platform.activityLineItem("c-comp", "Scenario", 100);
    Session plain = learner("c-comp", "link-plain", own, Map.of(), "sub-comp");
    assertEquals(Delivery.NOT_SENT_NO_SERVICE, record(server, plain.context(), result("competency:C1_risk", 75, 100)));
    Session asked = learner("c-comp", "link-cols", own, Map.of("competency_columns", "true"), "sub-comp");
    assertEquals(Delivery.QUEUED, record(server, asked.context(), result("competency:C1_risk", 75, 100)));
    await("competency column created and graded", () -> platform.lineItem("link-cols", "competency:C1_risk")
        .map(li -> platform.grade(li.id(), "sub-comp").isPresent()).orElse(false));
    assertTrue(platform.lineItem("link-plain", "competency:C1_risk").isEmpty());
  }

  @Test
  void gradebook_status_and_health_report_deliveries() {
    String own = platform.activityLineItem("c-status", "Scenario", 100);
    Session s = learner("c-status", "link-status", own, Map.of(), "sub-status");
    record(server, s.context(), result("scenario", 65, 100));
    await("delivered", () -> platform.accepted(own, "sub-status").size() == 1);
    await("status delivered", () -> run(new GradeStatusRepository().forCourse(server.core().pool(),
        s.context().courseId())).stream().anyMatch(st -> st.status() == GradeStatusRepository.Status.DELIVERED));
    var health = server.http().get("/healthz");
    assertEquals(200, health.statusCode());
    JsonObject grades = new JsonObject(health.body()).getJsonObject("grades");
    assertTrue(grades.containsKey("queued") && grades.containsKey("oldestQueuedSeconds")
        && grades.containsKey("failed"), health.body());
    String metrics = server.http().get("/metrics").body();
    assertTrue(metrics.contains("isafe_grades_delivered_total"), "delivered counter exported");
  }
}
