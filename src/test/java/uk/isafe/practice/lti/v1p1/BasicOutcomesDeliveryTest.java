package uk.isafe.practice.lti.v1p1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.record;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.testsupport.FakeLti11Consumer;
import uk.isafe.practice.testsupport.FakeLti11Consumer.Outcome;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** Grades to an LTI 1.1 consumer: Basic Outcomes replaceResult through the outbox, signed, retried, checked. */
class BasicOutcomesDeliveryTest {
  private FakeLti11Consumer totara;
  private TestServer server;

  @BeforeEach
  void start() throws IOException {
    totara = FakeLti11Consumer.start("totara-key", "outcome-secret");
    Path config = Files.createTempDirectory("lti-config");
    Files.createDirectories(config.resolve("consumers"));
    Files.writeString(config.resolve("consumers/totara.yaml"), "consumer_key: totara-key\nshared_secret_env: PATH\n");
    server = GradesTesting.server(TestDatabase.fresh(), GradesTesting.newKey(), GradesTesting.fast(),
        Map.of("LTI_CONFIG_DIR", config.toString()));
    // The file names the secret through an environment variable; this test's consumer signs with its own secret.
    GradesTesting.run(server.core().pool().preparedQuery(
        "UPDATE lti1_consumer_secret SET shared_secret = $1").execute(io.vertx.sqlclient.Tuple.of("outcome-secret"))
        .mapEmpty());
  }

  @AfterEach
  void stop() {
    server.close();
    totara.close();
  }

  private LaunchContext launch(String user) {
    HttpResponse<String> r = totara.post(server, totara.sign(totara.learnerLaunch(user, "scenario:dad-not-on-file"),
        server.url(SignedLaunchRoutes.PATH)));
    assertEquals(303, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    return GradesTesting.run(server.core().sessions().find(location.substring(location.indexOf("s=") + 2)))
        .orElseThrow();
  }

  private static GradeResult scenario(double score) {
    return new GradeResult("scenario", "scenario:dad-not-on-file", score, 100, "", Instant.now(), "a");
  }

  @Test
  void a_result_goes_back_as_a_signed_replace_result_with_a_body_hash() {
    LaunchContext c = launch("u-10");
    assertEquals(GradePassback.Delivery.QUEUED, record(server, c, scenario(83)));
    await("outcome received", () -> !totara.outcomes().isEmpty());
    Outcome o = totara.outcomes().get(0);
    assertTrue(o.signatureValid(), "OAuth signature verifies with the shared secret");
    assertTrue(o.bodyHashValid(), "oauth_body_hash matches the XML");
    assertEquals(0.83, o.score(), 1e-9);
    assertTrue(o.sourcedid().contains("\"userid\":\"u-10\""), o.sourcedid());
    await("recorded as delivered", () -> GradesTesting.outboxCount(server, "delivered") == 1);
  }

  @Test
  void failures_are_retried_and_the_score_arrives_once() {
    LaunchContext c = launch("u-11");
    totara.fail(2, "500");
    record(server, c, scenario(64));
    await("delivered after retries", () -> GradesTesting.outboxCount(server, "delivered") == 1);
    List<Outcome> all = totara.outcomes();
    assertEquals(3, all.size(), "two failures, then one success");
    assertEquals(1, all.stream().filter(o -> o.answered() == 200).count());
  }

  @Test
  void a_hang_is_retried_after_the_timeout() {
    LaunchContext c = launch("u-12");
    totara.fail(1, "hang");
    record(server, c, scenario(70));
    await("delivered after the hang", () -> GradesTesting.outboxCount(server, "delivered") == 1);
  }

  @Test
  void a_consumer_that_answers_failure_leaves_the_grade_failed_for_the_trainer() {
    LaunchContext c = launch("u-13");
    totara.fail(1, "pox-failure");
    record(server, c, scenario(55));
    await("refused for good", () -> GradesTesting.outboxCount(server, "failed") == 1);
    String error = GradesTesting.run(server.core().pool().query("SELECT last_error FROM grade_outbox").execute()
        .map(rows -> rows.iterator().next().getString(0)));
    assertTrue(error.contains("imsx_codeMajor=failure"), error);
  }

  @Test
  void only_the_activitys_own_grade_goes_back_and_no_progress_is_posted() {
    LaunchContext c = launch("u-14");
    GradesTesting.started(server, c, "scenario");
    assertEquals(GradePassback.Delivery.NOT_SENT_NO_SERVICE, record(server, c, new GradeResult("confidence-pre",
        "assessment:working-with-fathers:pre", 4, 7, "", Instant.now(), "r")));
    record(server, c, scenario(90));
    await("delivered", () -> GradesTesting.outboxCount(server, "delivered") == 1);
    assertEquals(1, totara.outcomes().size(), "one replaceResult, nothing for progress or extra columns");
  }
}
