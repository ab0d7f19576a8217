package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.gradebook.team.GrantsCommandAccess;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The learning team’s view across courses: institution administrators and granted people see every cohort of their
 * platform deployment with the cohort page’s rules; learners, trainers without a grant, other deployments and other
 * platforms see nothing of it.
 */
class LearningTeamTest {
  static TestServer server;
  static GradebookFixtures.Course spring;
  static GradebookFixtures.Course autumn;
  static GradebookFixtures.Course otherDeployment;
  static long otherPlatformCourse;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    spring = GradebookFixtures.seed(server, "team-spring", names("Spring", 12));
    autumn = GradebookFixtures.seed(server, "team-autumn", names("Autumn", 4));
    TestDatabase.execute(server.database(), "UPDATE course SET title = 'Autumn cohort' WHERE context_id = 'team-autumn';"
        + "UPDATE course SET title = 'Spring cohort' WHERE context_id = 'team-spring'");
    // the same LMS, another deployment (another tool link in Moodle): a separate estate
    otherDeployment = GradebookFixtures.seed(server, "team-elsewhere", names("Elsewhere", 6));
    TestDatabase.execute(server.database(), """
        INSERT INTO platform_deployment (registration_id, deployment_id, status)
          SELECT registration_id, '2', 'active' FROM course WHERE context_id = 'team-elsewhere';
        UPDATE course SET deployment_id = '2', title = 'Other deployment cohort' WHERE context_id = 'team-elsewhere';
        UPDATE launch_session SET deployment_id = '2'
          WHERE course_id = (SELECT id FROM course WHERE context_id = 'team-elsewhere');
        INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url)
          VALUES ('other-lms', 'https://other.example', 'c', 'https://other.example/a', 'https://other.example/t',
            'https://other.example/k');
        INSERT INTO course (registration_id, deployment_id, context_id, title)
          SELECT id, '1', 'team-spring', 'Other platform cohort' FROM platform_registration WHERE name = 'other-lms';
        """);
    otherPlatformCourse = queryLong("SELECT c.id FROM course c JOIN platform_registration r "
        + "ON r.id = c.registration_id WHERE r.name = 'other-lms'");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long queryLong(String sql) {
    var db = server.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> names(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(prefix + " Learner " + (char) ('A' + i));
    }
    return out;
  }

  private static TestSessions.Session admin() {
    return TestSessions.on(server).course("team-spring").courseTitle("Spring cohort").person("lt-admin", "Lee Admin")
        .role(Role.ADMINISTRATOR).create();
  }

  @Test
  void an_institution_administrator_sees_every_cohort_of_their_deployment_and_nothing_else() {
    HttpResponse<String> r = server.http().get(admin().url("/learning-team"));
    assertEquals(200, r.statusCode(), r.body());
    String html = r.body();
    assertTrue(html.contains("Spring cohort"));
    assertTrue(html.contains("Autumn cohort"));
    assertFalse(html.contains("Other deployment cohort"), "another deployment");
    assertFalse(html.contains("Other platform cohort"), "another platform");
    assertFalse(html.contains("Elsewhere Learner"));
    assertTrue(html.contains("href=\"/learning-team/courses/" + spring.id() + "?s="), "links to the course’s gradebook");
    // Spring: 12 learners; 0–9 have pre and post (change +0.73 on average), 10 in progress, 11 not started
    assertTrue(html.contains(">12</td>"));
    assertTrue(html.contains("10 of 12"), "completed of learners");
    assertTrue(html.contains("+0.73, large (10 learners)"), html);
    // Autumn: 4 learners, 2 with both scores: suppressed exactly as on its own page
    assertTrue(html.contains("– (fewer than 5 with both scores)"));
    assertTrue(html.contains("Change: Your confidence"), "scale headings from the questionnaire");
  }

  @Test
  void the_course_link_opens_that_courses_gradebook_and_its_learners() throws Exception {
    TestSessions.Session a = admin();
    HttpResponse<String> page = server.http().get(a.url("/learning-team/courses/" + autumn.id()));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Autumn Learner A"));
    assertFalse(page.body().contains("Spring Learner A"));
    assertTrue(page.body().contains("/learning-team/courses/" + autumn.id() + "/learners/" + autumn.learnerId(0)));
    assertEquals(200, server.http().get(a.url("/learning-team/courses/" + autumn.id() + "/learners/"
        + autumn.learnerId(0))).statusCode());
    assertEquals(200, server.http().get(a.url("/learning-team/courses/" + autumn.id() + "/report")).statusCode());
    HttpResponse<String> csv = server.http().get(a.url("/learning-team/courses/" + autumn.id()
        + "/export/cohort.csv"));
    assertTrue(csv.body().contains("team-autumn-learner-0,Autumn Learner A,"));
    assertEquals(404, server.http().get(a.url("/learning-team/courses/" + autumn.id() + "/learners/"
        + spring.learnerId(0))).statusCode(), "a learner of another course");
    // The access log names the course viewed, not the course the viewer launched from.
    for (String action : List.of("gradebook-cohort", "gradebook-learner", "gradebook-report",
        "gradebook-cohort-csv")) {
      List<Long> courses = new ArrayList<>();
      server.core().pool().preparedQuery("SELECT course_id FROM privacy_access_log WHERE action = $1"
          + " AND viewer_subject = $2").execute(io.vertx.sqlclient.Tuple.of(action, a.context().subject()))
          .await(10, java.util.concurrent.TimeUnit.SECONDS).forEach(r -> courses.add(r.getLong(0)));
      assertFalse(courses.isEmpty(), action + " is logged");
      assertEquals(List.of(autumn.id()), courses.stream().distinct().toList(), action + ": the course viewed");
    }
  }

  @Test
  void courses_of_another_deployment_or_platform_cannot_be_opened_by_id() {
    TestSessions.Session a = admin();
    assertEquals(404, server.http().get(a.url("/learning-team/courses/" + otherDeployment.id())).statusCode());
    assertEquals(404, server.http().get(a.url("/learning-team/courses/" + otherPlatformCourse)).statusCode());
    assertEquals(404, server.http().get(a.url("/learning-team/courses/" + otherDeployment.id()
        + "/export/cohort.csv")).statusCode());
    assertEquals(404, server.http().get(a.url("/learning-team/courses/nonsense")).statusCode());
  }

  @Test
  void learners_and_course_trainers_without_a_grant_are_refused() {
    HttpResponse<String> learner = server.http().get(spring.learners().get(0).url("/learning-team"));
    assertEquals(403, learner.statusCode());
    assertTrue(learner.body().contains("Only for the learning team"));
    assertEquals(403, server.http().get(spring.learners().get(0).url("/learning-team/courses/" + spring.id()))
        .statusCode());
    assertEquals(403, server.http().get(spring.trainer().url("/learning-team")).statusCode());
    assertEquals(403, server.http().get(spring.trainer().url("/learning-team/courses/" + autumn.id()))
        .statusCode());
    assertFalse(server.http().get(spring.trainer().url("/gradebook")).body().contains("/learning-team"),
        "no link to a view they cannot open");
    assertEquals(401, server.http().get("/learning-team").statusCode());
  }

  @Test
  void a_grant_by_platform_and_user_opens_the_view_and_its_removal_closes_it() throws Exception {
    TestSessions.Session trainer = TestSessions.on(server).course("team-autumn").courseTitle("Autumn cohort")
        .person("lt-lead", "Lowri Lead").role(Role.TRAINER).create();
    assertEquals(403, server.http().get(trainer.url("/learning-team")).statusCode());
    AppConfig config = AppConfig.load(Map.of("DATABASE_URL", server.database().toUrl()), Optional.empty());
    assertEquals(0, GrantsCommandAccess.run(List.of("add", "test-platform", "lt-lead", "--note", "L&D lead"), config));
    assertEquals(200, server.http().get(trainer.url("/learning-team")).statusCode());
    assertTrue(server.http().get(trainer.url("/gradebook")).body().contains("href=\"/learning-team?s="),
        "the gradebook links to the view");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, GrantsCommandAccess.run(List.of("list"), config, new PrintStream(out, true,
        StandardCharsets.UTF_8)));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("lt-lead"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Lowri Lead"));
    // the grant names the platform: the same user id on another platform is another person
    assertEquals(1, GrantsCommandAccess.run(List.of("add", "no-such-platform", "lt-lead"), config));
    assertEquals(0, GrantsCommandAccess.run(List.of("remove", "test-platform", "lt-lead"), config));
    assertEquals(403, server.http().get(trainer.url("/learning-team")).statusCode());
    assertEquals(2, GrantsCommandAccess.run(List.of("add", "test-platform"), config), "usage");
  }
}
