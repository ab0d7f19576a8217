package uk.isafe.practice.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/** {@code STORE_NAMES=false}: launches keep no name even when the platform shares one; pages show the LMS user id. */
class NoNamesTest {
  static FakePlatform lms;
  static TestServer server;

  @BeforeAll
  static void start() {
    lms = FakePlatform.start();
    server = TestServer.start(Map.of("STORE_NAMES", "false"));
    lms.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  @Test
  void no_name_is_kept_and_the_trainer_sees_the_lms_user_id() throws Exception {
    FakePlatform.Launch learner = lms.launch(server, LaunchSpec.learner().sub("lms-user-3141")
        .name("Nerys", "Pritchard").context("c-nn", "No names cohort"));
    assertEquals(303, learner.status(), learner.reason());
    FakePlatform.Launch trainer = lms.launch(server, LaunchSpec.trainer().sub("lms-trainer-9")
        .context("c-nn", "No names cohort"));
    assertEquals(303, trainer.status(), trainer.reason());

    var rows = server.core().pool().preparedQuery("SELECT name FROM person WHERE subject = ANY($1)")
        .execute(Tuple.of(new String[] {"lms-user-3141", "lms-trainer-9"})).await(10, TimeUnit.SECONDS);
    assertEquals(2, rows.size());
    rows.forEach(r -> assertNull(r.getString("name")));

    String page = server.http().get("/gradebook?s=" + trainer.sessionToken()).body();
    assertTrue(page.contains("lms-user-3141"), page);
    assertFalse(page.contains("Nerys") || page.contains("Pritchard"), "no name anywhere on the page");
  }
}
