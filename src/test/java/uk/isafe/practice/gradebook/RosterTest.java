package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestHttp;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Learners who have not started appear, from the platform's course list (NRPS), merged with those who have. */
class RosterTest {
  private static final String URI_LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  private static TestServer server;
  private static FakeAgsPlatform lms;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    JsonObject jwks = new JsonObject(server.http().get("/.well-known/jwks.json").body());
    lms = FakeAgsPlatform.trustingKeySet(jwks, TestSessions.CLIENT_ID);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  private static JsonObject member(String id, String name, String status, String... roles) {
    JsonObject m = new JsonObject().put("user_id", id).put("status", status).put("roles", new JsonArray(List.of(
        (Object[]) roles)));
    if (name != null) {
      m.put("name", name).put("given_name", name.split(" ")[0]).put("family_name", name.split(" ")[1]);
    }
    return m.put("email", id + "@example.org");
  }

  @Test
  void the_course_list_adds_learners_who_have_not_started_and_is_cached_until_refreshed() {
    GradebookFixtures.Course course = GradebookFixtures.seed(server, "nrps-1",
        List.of("Ada Launched", "Ben Launched", "Cal Launched", "Dee Launched"));
    GradesTesting.useTokenEndpoint(server, lms.tokenUrl());
    List<JsonObject> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      members.add(member("nrps-1-learner-" + i, null, "Active", i % 2 == 0 ? "Learner" : URI_LEARNER));
    }
    members.add(member("nrps-1-new-1", "Nia Newcomer", "Active", "Learner"));
    members.add(member("nrps-1-new-2", "Omar Notyet", "Active", URI_LEARNER));
    members.add(member("nrps-1-gone", "Pat Withdrawn", "Inactive", "Learner"));
    members.add(member("nrps-1-teacher", "Quinn Teacher", "Active", "Instructor"));
    // a non-editing teacher: Moodle lists them as Learner, but they launched as a trainer
    members.add(member("nrps-1-trainer", "Tess Trainer", "Active", "Learner"));
    lms.members("nrps-1", members, 2);
    TestSessions.Session trainer = TestSessions.on(server).course("nrps-1").person("nrps-1-trainer", "Tess Trainer")
        .role(Role.TRAINER).nrps(lms.membershipsUrl("nrps-1")).create();

    HttpResponse<String> page = server.http().get(trainer.url("/gradebook"));
    assertEquals(200, page.statusCode(), page.body());
    String html = page.body();
    assertTrue(html.contains("Nia Newcomer") && html.contains("Omar Notyet"), "learners who never launched");
    assertTrue(html.contains("Ada Launched"), "learners who launched keep their results");
    assertFalse(html.contains("Pat Withdrawn"), "inactive members are not learners");
    assertFalse(html.contains("Quinn Teacher"), "instructors are not learners");
    assertTrue(html.contains("6 learners:"), "4 who launched + 2 who did not, once each");
    assertTrue(html.contains("3 not started"), "1 who launched and did nothing + 2 who never launched");
    assertTrue(html.contains("8 members"), "active members, teachers included");
    int pages = lms.membershipRequests().size();
    assertEquals(5, pages, "paged by 2, every rel=\"next\" followed: " + lms.membershipRequests());
    assertTrue(lms.membershipRequests().get(1).endsWith("?type_id=7&from=2"), "the next link as given");

    // cached: another view does not read the list again
    server.http().get(trainer.url("/gradebook"));
    assertEquals(pages, lms.membershipRequests().size());

    // on demand: read again now; someone who left the course leaves the list
    lms.members("nrps-1", members.subList(0, 5), 2);
    HttpResponse<String> refreshed = server.http().postForm("/gradebook/roster",
        TestHttp.form("s", trainer.token(), "csrf", trainer.context().csrfToken()));
    assertEquals(303, refreshed.statusCode());
    assertTrue(lms.membershipRequests().size() > pages);
    String after = server.http().get(trainer.url("/gradebook")).body();
    assertTrue(after.contains("Nia Newcomer") && !after.contains("Omar Notyet"), "Omar left the course");
    assertTrue(after.contains("5 learners:"));
    assertEquals(403, server.http().postForm("/gradebook/roster", TestHttp.form("s", trainer.token())).statusCode(),
        "CSRF checked");
    assertEquals(course.learners().size(), 4);
  }

  @Test
  void a_platform_without_the_course_list_says_so_and_a_failing_one_is_reported() {
    GradebookFixtures.seed(server, "nrps-2", List.of("Eve Launched", "Fay Launched"));
    TestSessions.Session without = TestSessions.on(server).course("nrps-2").person("nrps-2-t", "Tess Trainer")
        .role(Role.TRAINER).create();
    String html = server.http().get(without.url("/gradebook")).body();
    assertTrue(html.contains("does not share its course list"), "a platform without NRPS says so");
    assertTrue(html.contains("2 learners:"));

    GradesTesting.useTokenEndpoint(server, lms.tokenUrl());
    lms.membershipStatus(500);
    try {
      TestSessions.Session failing = TestSessions.on(server).course("nrps-2").person("nrps-2-t", "Tess Trainer")
          .role(Role.TRAINER).nrps(lms.membershipsUrl("nrps-2")).create();
      String page = server.http().get(failing.url("/gradebook")).body();
      assertTrue(page.contains("could not be read just now") && page.contains("roster-refused-500"), page);
      assertTrue(page.contains("Eve Launched"), "the page still works from what is known");
    } finally {
      lms.membershipStatus(0);
    }
  }
}
