package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** Two instances behind one load balancer share the database: login on one, launch on the other. */
class TwoInstancesTest {

  @Test
  void login_on_one_instance_and_launch_on_the_other() {
    DbSettings db = TestDatabase.fresh();
    try (FakePlatform lms = FakePlatform.start();
         TestServer a = TestServer.start(db, Map.of());
         TestServer b = TestServer.start(db, Map.of("PUBLIC_URL", a.url("")))) {
      lms.register(a);
      // both instances answer for one PUBLIC_URL (here A's address)
      FakePlatform.Prepared p = lms.prepare(a, LaunchSpec.learner());
      // the platform posts to the redirect URI it was given (instance A's); the load balancer sends it to B
      FakePlatform.Prepared toB = new FakePlatform.Prepared(p.form(), b.url("/lti/launch"), p.stateCookie(), null);
      FakePlatform.Launch l = lms.post(b, toB);
      assertEquals(303, l.status(), () -> "reason " + l.reason());
      assertTrue(l.launched());
      assertEquals(200, b.http().get("/.well-known/jwks.json").statusCode());
      assertEquals(a.http().get("/.well-known/jwks.json").body(), b.http().get("/.well-known/jwks.json").body(),
          "both instances publish the same keys");
    }
  }
}
