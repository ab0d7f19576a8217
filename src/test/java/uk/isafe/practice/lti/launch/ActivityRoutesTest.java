package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/** /activity: learners to their activity, trainers to the gradebook, a chooser or "not set up" otherwise. */
class ActivityRoutesTest {
  static FakePlatform lms;
  static TestServer server;
  static Path scenarios;

  @BeforeAll
  static void start() throws IOException {
    scenarios = Files.createTempDirectory("scenarios");
    Files.writeString(scenarios.resolve("dad-not-on-file.yaml"), "id: dad-not-on-file\ntitle: Dad not on file\n");
    Files.writeString(scenarios.resolve("broken.yaml"), "id: [\n");
    Files.createDirectories(scenarios.resolve("instruments"));
    Files.writeString(scenarios.resolve("instruments/working-with-fathers.yaml"),
        "id: working-with-fathers\ntitle: Working with fathers\n");
    Files.createDirectories(scenarios.resolve("pathways"));
    Files.writeString(scenarios.resolve("pathways/fathers-core.yaml"), "id: fathers-core\ntitle: Core pathway\n");
    lms = FakePlatform.start();
    server = TestServer.start(Map.of("SCENARIOS_DIR", scenarios.toString()));
    lms.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  static HttpResponse<String> land(LaunchSpec spec) {
    return server.http().get("/activity?s=" + lms.launchToken(server, spec), "Accept", "text/html");
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  @Test
  void learner_goes_to_the_scenario() {
    HttpResponse<String> r = land(LaunchSpec.learner().custom("activity", "scenario:dad-not-on-file"));
    assertEquals(303, r.statusCode());
    assertTrue(location(r).startsWith("/scenario/dad-not-on-file?s="), location(r));
  }

  @Test
  void learner_goes_to_the_assessment_wave_and_pathway() {
    assertTrue(location(land(LaunchSpec.learner().custom("activity", "assessment:confidence:pre")))
        .startsWith("/assessment/confidence/pre?s="));
    assertTrue(location(land(LaunchSpec.learner().custom("activity", "pathway:core")))
        .startsWith("/pathway/core?s="));
  }

  @Test
  void trainer_goes_to_the_gradebook() {
    HttpResponse<String> r = land(LaunchSpec.trainer().custom("activity", "scenario:dad-not-on-file"));
    assertEquals(303, r.statusCode());
    assertTrue(location(r).startsWith("/gradebook?s="));
  }

  @Test
  void learner_on_a_link_without_activity_sees_not_set_up() {
    HttpResponse<String> r = land(LaunchSpec.learner());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("not set up yet"));
  }

  @Test
  void trainer_on_a_link_with_unknown_activity_gets_the_chooser() {
    HttpResponse<String> r = land(LaunchSpec.trainer().custom("activity", "quiz:<b>x</b>"));
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("activity=scenario:dad-not-on-file"), r.body());
    assertTrue(r.body().contains("Scenario: Dad not on file"), "kind label and title");
    assertTrue(r.body().contains("activity=assessment:working-with-fathers:pre"), "instruments under SCENARIOS_DIR");
    assertTrue(r.body().contains("activity=pathway:fathers-core"), "pathways under SCENARIOS_DIR");
    assertTrue(r.body().contains("Custom parameters"));
    assertTrue(r.body().contains("quiz:&lt;b&gt;x&lt;/b&gt;"), "escaped");
  }

  @Test
  void activity_without_session_is_refused() {
    assertEquals(401, server.http().get("/activity", "Accept", "text/html").statusCode());
  }
}
