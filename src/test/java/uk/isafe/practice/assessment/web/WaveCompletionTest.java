package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Completing a wave hands the confidence mean to grade passback in the same transaction, and only when complete. */
class WaveCompletionTest {
  private static TestServer server;
  private static final List<GradeResult> RECORDED = new CopyOnWriteArrayList<>();
  private static Core core;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Core c = server.core();
    GradePassback recording = new GradePassback() {
      @Override
      public Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result) {
        RECORDED.add(result);
        return Future.succeededFuture(Delivery.QUEUED);
      }

      @Override
      public Future<Void> recordStarted(SqlClient tx, LaunchContext launch, String kind, String activityKey) {
        return Future.succeededFuture();
      }
    };
    core = new Core(c.vertx(), c.config(), c.pool(), c.pages(), c.platformOrigins(), c.sessions(), c.sessionHandler(),
        c.health(), recording, c.activities(), c.metrics(), c.clock());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static WaveCompletion.Outcome complete(String sub, String wave, Map<String, Integer> answers)
      throws Exception {
    LaunchContext launch = TestSessions.on(server).course("course-grade").person(sub, "L " + sub).create().context();
    WaveRoutes.Target t = new WaveRoutes.Target(AssessmentHttp.FATHERS, AssessmentHttp.FATHERS.wave(wave)
        .orElseThrow(), AssessmentHttp.sections(wave));
    ResponseRepository repo = new ResponseRepository();
    AssessmentContent content = AssessmentContent.load(java.nio.file.Path.of("scenarios"));
    WaveCompletion completion = new WaveCompletion(core, repo, () -> content);
    return core.pool().withTransaction(tx -> repo.save(tx, WaveRoutes.key(launch, t, wave), null,
            AssessmentHttp.FATHERS.version(), answers,
            Map.of(), List.of())
        .compose(saved -> completion.complete(tx, core.pages().messages().forLocale("en-GB"), launch, t,
            saved.orElseThrow().row())))
        .await(20, TimeUnit.SECONDS);
  }

  private static Map<String, Integer> everyItem(int value) {
    Map<String, Integer> m = new HashMap<>();
    AssessmentHttp.FATHERS.scales().forEach(s -> s.items().forEach((Item i) -> m.put(i.id(), Math.min(value,
        s.max()))));
    return m;
  }

  @Test
  void complete_confidence_is_sent_as_the_scale_mean_out_of_seven() throws Exception {
    RECORDED.clear();
    WaveCompletion.Outcome o = complete("grade-1", Wave.POST, everyItem(6));
    assertTrue(o.completed());
    assertEquals(WaveCompletion.QUEUED, o.delivery());
    assertEquals(1, RECORDED.size());
    GradeResult r = RECORDED.get(0);
    assertEquals("confidence-post", r.kind());
    assertEquals("assessment:working-with-fathers:post", r.activityKey());
    assertEquals(6.0, r.scoreGiven(), 1e-9);
    assertEquals(7.0, r.scoreMaximum(), 1e-9);
    assertEquals(String.valueOf(o.row().id()), r.attemptRef());
    assertTrue(r.comment().contains("6.0 out of 7"), r.comment());
  }

  @Test
  void follow_up_confidence_goes_to_its_own_column() throws Exception {
    RECORDED.clear();
    WaveCompletion.Outcome o = complete("grade-3", Wave.FOLLOW_UP, everyItem(5));
    assertTrue(o.completed());
    assertEquals(1, RECORDED.size());
    GradeResult r = RECORDED.get(0);
    assertEquals("confidence-follow-up", r.kind());
    assertEquals("assessment:working-with-fathers:follow-up", r.activityKey());
    assertEquals(5.0, r.scoreGiven(), 1e-9);
    assertTrue(r.comment().contains("at follow-up: 5.0 out of 7"), r.comment());
    var kind = server.core().activities().gradeKind("confidence-follow-up").orElseThrow();
    assertEquals(7.0, kind.maximum(), 1e-9);
    assertEquals(uk.isafe.practice.core.activity.GradeKind.Column.TOOL_CREATED, kind.column());
  }

  @Test
  void incomplete_confidence_sends_nothing() throws Exception {
    RECORDED.clear();
    Map<String, Integer> answers = everyItem(4);
    answers.remove("conf-identify");
    answers.remove("conf-risk");
    WaveCompletion.Outcome o = complete("grade-2", Wave.PRE, answers);
    assertTrue(o.completed());
    assertEquals(WaveCompletion.INCOMPLETE, o.delivery());
    assertEquals(List.of(), RECORDED);
  }
}
