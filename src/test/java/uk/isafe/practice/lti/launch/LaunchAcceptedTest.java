package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

class LaunchAcceptedTest {
  static FakePlatform lms;
  static TestServer server;

  @BeforeAll
  static void start() {
    lms = FakePlatform.start();
    server = TestServer.start();
    lms.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  @Test
  void learner_launch_creates_a_session_and_lands_on_activity() {
    FakePlatform.Launch l = lms.launch(server, LaunchSpec.learner().custom("activity", "scenario:dad-not-on-file"));
    assertEquals(303, l.status(), l.response().body());
    assertNotNull(l.sessionToken(), l.reason());
    assertTrue(l.response().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("isafe_sid=")));
  }
}
