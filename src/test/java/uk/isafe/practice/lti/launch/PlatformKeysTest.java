package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.FakePlatform.Signing;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/** The platform's key set: fetched once, refetched once on an unknown kid, rate limited, failures explained. */
class PlatformKeysTest {

  @Test
  void platform_key_rotation_is_picked_up_with_one_refetch() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      lms.register(server);
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      assertEquals(1, lms.jwksFetches());
      lms.rotateKey(true);
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      assertEquals(2, lms.jwksFetches());
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      assertEquals(2, lms.jwksFetches(), "the new key is cached");
    }
  }

  @Test
  void unknown_kids_refetch_at_most_once_per_interval() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      lms.register(server);
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      for (int i = 0; i < 3; i++) {
        FakePlatform.Launch l = lms.launch(server, LaunchSpec.learner().signing(Signing.OTHER_KEY));
        assertEquals("kid-unknown", l.reason());
      }
      assertEquals(2, lms.jwksFetches(), "one initial fetch and one refetch within the interval");
    }
  }

  @Test
  void unreachable_key_set_gives_a_clear_error_not_a_hang() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      lms.register(server);
      lms.jwksAvailable(false);
      FakePlatform.Launch l = lms.launch(server, LaunchSpec.learner());
      assertNull(l.sessionToken());
      assertEquals(502, l.status());
      assertEquals("platform-keys-unavailable", l.reason());
      assertTrue(l.response().body().contains("key_set_url"));
    }
  }
}
