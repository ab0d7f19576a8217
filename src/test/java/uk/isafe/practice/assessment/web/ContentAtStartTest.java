package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** At server start every instrument is validated: a valid one is served, an invalid one is reported and not served. */
class ContentAtStartTest {
  private static final Path TEST_INSTRUMENTS = Path.of("src/test/resources/instruments");

  @Test
  void invalid_instrument_is_not_served_and_a_valid_one_is(@TempDir Path scenarios) throws IOException {
    Path instruments = Files.createDirectories(scenarios.resolve("instruments"));
    Files.copy(TEST_INSTRUMENTS.resolve("valid/tiny.yaml"), instruments.resolve("tiny.yaml"));
    Files.writeString(instruments.resolve("broken.yaml"), Files.readString(
        TEST_INSTRUMENTS.resolve("broken/reverse-not-marked.yaml")).replace("id: tiny", "id: broken"));
    try (TestServer server = TestServer.start(TestDatabase.fresh(), Map.of("SCENARIOS_DIR", scenarios.toString()))) {
      TestSessions.Session s = TestSessions.on(server).course("course-start").person("start-1", "Sam").create();
      assertEquals(200, server.http().get(s.url("/assessment/tiny/pre")).statusCode());
      var broken = server.http().get(s.url("/assessment/broken/pre"));
      assertEquals(404, broken.statusCode());
      assertTrue(broken.body().contains("Questionnaire not found"), broken.body());
      String health = server.http().get("/healthz").body();
      assertTrue(health.contains("\"invalidFiles\":1"), health);
    }
  }
}
