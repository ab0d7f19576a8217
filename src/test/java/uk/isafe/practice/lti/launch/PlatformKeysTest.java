package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.keys.PlatformKeySets;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.FakePlatform.Signing;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/**
 * The platform's key set: fetched once, refetched on an unknown kid (a genuine new key always gets through), rate
 * limited per key set, failures explained.
 */
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
  void a_made_up_kid_just_before_a_rotation_cannot_keep_the_new_key_out() {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      lms.register(server);
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      FakePlatform.Launch forged = lms.launch(server, LaunchSpec.learner().signing(Signing.OTHER_KEY)
          .header("kid", "made-up-1"));
      assertEquals("kid-unknown", forged.reason());
      lms.rotateKey(true);
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched(), "the genuine new key is fetched and accepted");
      assertEquals(3, lms.jwksFetches());
    }
  }

  @Test
  void a_flood_of_made_up_kids_fetches_the_key_set_at_most_once_a_second() throws Exception {
    try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
      lms.register(server);
      assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
      long before = lms.jwksFetches();
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(12);
      try {
        List<Future<FakePlatform.Launch>> launches = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
          LaunchSpec spec = LaunchSpec.learner().signing(Signing.OTHER_KEY).header("kid", "made-up-" + i);
          launches.add(pool.submit(() -> lms.launch(server, spec)));
        }
        for (Future<FakePlatform.Launch> l : launches) {
          assertEquals("kid-unknown", l.get(60, TimeUnit.SECONDS).reason());
        }
      } finally {
        pool.shutdownNow();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long fetches = lms.jwksFetches() - before;
      assertTrue(fetches <= Math.ceil(seconds / PlatformKeySets.SPACING.toMillis() * 1000) + 1,
          fetches + " fetches in " + seconds + " s");
      assertTrue(fetches < 36, "lookups share fetches: " + fetches);
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
