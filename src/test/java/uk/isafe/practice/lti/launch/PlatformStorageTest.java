package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/** lti_storage_target: the state is bound through platform storage (lti.put_data / lti.get_data), not a cookie. */
class PlatformStorageTest {
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
  void storage_target_launch_works_with_cookies_blocked() {
    FakePlatform.Launch l = lms.launch(server, LaunchSpec.learner().storageTarget("post_message_forwarding")
        .cookiesBlocked());
    assertEquals(303, l.status(), () -> "reason " + l.reason());
    assertTrue(l.launched());
  }

  @Test
  void storage_login_page_loads_the_external_script_and_names_the_target() {
    FakePlatform.Prepared p = lms.prepare(server, LaunchSpec.learner().storageTarget("post_message_forwarding")
        .cookiesBlocked());
    FakePlatform.Launch first = lms.post(server, p.with("lti_storage_value", null));
    assertTrue(first.launched(), "the get_data page is answered from the platform's storage");
  }

  @Test
  void wrong_storage_value_is_rejected() {
    FakePlatform.Prepared p = lms.prepare(server, LaunchSpec.learner().storageTarget("_parent").cookiesBlocked());
    FakePlatform.Launch l = lms.post(server, p.with("lti_storage_value", "forged"));
    assertNull(l.sessionToken());
    assertEquals("state-mismatch", l.reason());
  }

  @Test
  void storage_launch_page_has_no_inline_script() {
    FakePlatform.Prepared p = lms.prepare(server, LaunchSpec.learner().storageTarget("_parent").cookiesBlocked());
    var r = server.http().postForm(p.action(), p.form(), "Accept", "text/html");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("src=\"/assets/lti-storage.js\""));
    assertTrue(r.body().contains("data-mode=\"get\""));
    assertTrue(!r.body().contains("<script>"));
    assertEquals(200, server.http().get("/assets/lti-storage.js").statusCode());
  }
}
