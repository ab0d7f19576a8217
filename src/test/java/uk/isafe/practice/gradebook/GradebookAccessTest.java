package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Only trainers and administrators of the session’s course reach the gradebook, and only that course’s data. */
class GradebookAccessTest {
  static TestServer server;
  static GradebookFixtures.Course course1;
  static GradebookFixtures.Course course2;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    course1 = GradebookFixtures.seed(server, "access-1", List.of("Aled Evans", "Bea Khan", "Cal Osei"));
    course2 = GradebookFixtures.seed(server, "access-2", List.of("Dee Novak", "Eli Brown"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(TestSessions.Session s, String path) {
    return server.http().get(s.url(path));
  }

  @Test
  void a_trainer_of_the_course_sees_the_gradebook() {
    HttpResponse<String> r = get(course1.trainer(), "/gradebook");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Aled Evans"));
  }

  @Test
  void an_administrator_sees_the_gradebook() {
    var admin = TestSessions.on(server).course("access-1").person("admin-1", "Ada Admin").role(Role.ADMINISTRATOR)
        .create();
    assertEquals(200, get(admin, "/gradebook").statusCode());
  }

  @Test
  void without_a_session_the_gradebook_asks_to_open_it_from_the_course() {
    assertEquals(401, server.http().get("/gradebook").statusCode());
    assertEquals(401, server.http().get("/gradebook/export/cohort.csv").statusCode());
  }

  @Test
  void a_learner_session_is_refused_everywhere_in_the_gradebook() {
    TestSessions.Session learner = course1.learners().get(0);
    for (String path : List.of("/gradebook", "/gradebook/report", "/gradebook/export/cohort.csv",
        "/gradebook/export/choices.csv", "/gradebook/learners/" + course1.learnerId(0),
        "/gradebook/attempts/" + course1.attempts().get(0), "/gradebook/scenarios/tiny-call")) {
      HttpResponse<String> r = get(learner, path);
      assertEquals(403, r.statusCode(), path);
      assertFalse(r.body().contains("Bea Khan"), path);
    }
  }

  @Test
  void another_courses_trainer_sees_only_their_own_learners() {
    HttpResponse<String> r = get(course2.trainer(), "/gradebook");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Dee Novak"));
    assertFalse(r.body().contains("Aled Evans"));
    String csv = get(course2.trainer(), "/gradebook/export/choices.csv").body();
    assertFalse(csv.contains("Aled Evans"));
  }

  @Test
  void another_courses_trainer_cannot_open_a_learner_or_attempt_of_this_course() {
    assertEquals(404, get(course2.trainer(), "/gradebook/learners/" + course1.learnerId(0)).statusCode());
    assertEquals(404, get(course2.trainer(), "/gradebook/attempts/" + course1.attempts().get(0)).statusCode());
  }

  @Test
  void a_course_id_in_the_url_is_ignored_the_session_decides() {
    HttpResponse<String> r = get(course2.trainer(), "/gradebook?course=" + course1.id() + "&courseId="
        + course1.id());
    assertEquals(200, r.statusCode());
    assertFalse(r.body().contains("Aled Evans"));
  }

  @Test
  void the_same_context_id_in_another_deployment_is_another_course() {
    var other = TestSessions.on(server).course("access-1").deployment("other-deployment")
        .person("dep-trainer", "Dan Deploy").role(Role.TRAINER).create();
    HttpResponse<String> r = get(other, "/gradebook");
    assertEquals(200, r.statusCode());
    assertFalse(r.body().contains("Aled Evans"));
    assertEquals(404, get(other, "/gradebook/learners/" + course1.learnerId(0)).statusCode());
  }

  @Test
  void forged_or_malformed_ids_are_not_found() {
    TestSessions.Session t = course1.trainer();
    assertEquals(404, get(t, "/gradebook/learners/999999").statusCode());
    assertEquals(404, get(t, "/gradebook/learners/not-a-number").statusCode());
    assertEquals(404, get(t, "/gradebook/attempts/" + UUID.randomUUID()).statusCode());
    assertEquals(404, get(t, "/gradebook/attempts/not-a-uuid").statusCode());
    assertEquals(404, get(t, "/gradebook/scenarios/no-such-scenario").statusCode());
  }

  @Test
  void a_trainer_is_not_shown_as_a_learner_and_cannot_be_opened_as_one() {
    long trainerId = course1.trainer().context().personId().orElseThrow();
    assertEquals(404, get(course1.trainer(), "/gradebook/learners/" + trainerId).statusCode());
    assertFalse(get(course1.trainer(), "/gradebook").body().contains("Tess Trainer</a>"));
  }
}
