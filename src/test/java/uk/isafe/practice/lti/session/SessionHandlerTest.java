package uk.isafe.practice.lti.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;
import uk.isafe.practice.web.Feature;

/** Sessions travel by URL, form or cookie; forms need the CSRF token; trainer pages refuse learners. */
class SessionHandlerTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestDatabase.fresh(), Map.of(), List.of(core -> new Feature() {
      @Override
      public void mount(Router router) {
        router.get("/test/whoami").handler(core.sessionHandler()).handler(ctx -> {
          LaunchContext l = SessionHandler.current(ctx);
          ctx.response().end(l.subject() + "|" + l.role() + "|" + l.courseId());
        });
        router.post("/test/form").handler(core.sessionHandler()).handler(ctx -> ctx.response().end("saved"));
        router.get("/test/trainer").handler(core.sessionHandler()).handler(ctx -> {
          SessionHandler.requireTrainer(ctx);
          ctx.response().end("trainer page");
        });
      }
    }));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_token_in_the_url_finds_the_session() {
    var s = TestSessions.on(server).person("u-1", "Alex").create();
    HttpResponse<String> r = server.http().get(s.url("/test/whoami"));
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("u-1|LEARNER|"), r.body());
  }

  @Test
  void a_token_in_the_cookie_finds_the_session() {
    var s = TestSessions.on(server).person("u-2", "Bo").create();
    HttpResponse<String> r = server.http().get("/test/whoami", "Cookie", SessionHandler.COOKIE + "=" + s.token());
    assertEquals(200, r.statusCode());
  }

  @Test
  void no_token_is_refused_with_advice_to_reopen_from_the_course() {
    HttpResponse<String> r = server.http().get("/test/whoami", "Accept", "text/html");
    assertEquals(401, r.statusCode());
    assertTrue(r.body().contains("Open this activity from your course"));
  }

  @Test
  void an_unknown_or_malformed_token_is_refused() {
    assertEquals(401, server.http().get("/test/whoami?s=" + SessionToken.generate()).statusCode());
    assertEquals(401, server.http().get("/test/whoami?s=short").statusCode());
  }

  @Test
  void a_form_without_the_csrf_token_is_refused_and_with_it_accepted() {
    var s = TestSessions.on(server).person("u-3", "Cai").create();
    HttpResponse<String> refused = server.http().postForm("/test/form", Map.of("s", s.token()), "Accept", "text/html");
    assertEquals(403, refused.statusCode());
    HttpResponse<String> wrong = server.http().postForm("/test/form", Map.of("s", s.token(), "csrf", "nope"));
    assertEquals(403, wrong.statusCode());
    HttpResponse<String> ok = server.http().postForm("/test/form", s.formWith());
    assertEquals(200, ok.statusCode());
    assertEquals("saved", ok.body());
  }

  @Test
  void trainer_pages_refuse_learners_and_admit_trainers() {
    var learner = TestSessions.on(server).person("u-4", "Dee").create();
    var trainer = TestSessions.on(server).person("t-1", "Tutor").role(Role.TRAINER).create();
    assertEquals(403, server.http().get(learner.url("/test/trainer")).statusCode());
    assertEquals(200, server.http().get(trainer.url("/test/trainer")).statusCode());
  }

  @Test
  void the_stored_session_holds_only_a_hash_of_the_token() throws Exception {
    var s = TestSessions.on(server).person("u-5", "Eli").create();
    long plain = server.core().pool().preparedQuery(
            "SELECT count(*) FROM launch_session WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'")
        .execute(io.vertx.sqlclient.Tuple.of(s.token()))
        .map(rows -> rows.iterator().next().getLong(0)).await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0, plain);
  }
}
