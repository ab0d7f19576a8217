package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;

/** lti_storage_target: the state is bound through platform storage (lti.put_data / lti.get_data), not a cookie. */
class PlatformStorageTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture();

  @Test
  void storage_target_launch_works_with_cookies_blocked() {
    FakePlatform.Launch l = fixture.launch(LaunchSpec.learner().storageTarget("post_message_forwarding")
        .cookiesBlocked());
    assertEquals(303, l.status(), () -> "reason " + l.reason());
    assertTrue(l.launched());
  }

  @Test
  void storage_login_page_loads_the_external_script_and_names_the_target() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner().storageTarget("post_message_forwarding")
        .cookiesBlocked());
    FakePlatform.Launch first = fixture.post(p.with("lti_storage_value", null));
    assertTrue(first.launched(), "the get_data page is answered from the platform's storage");
  }

  @Test
  void wrong_storage_value_is_rejected() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner().storageTarget("_parent").cookiesBlocked());
    FakePlatform.Launch l = fixture.post(p.with("lti_storage_value", "forged"));
    assertNull(l.sessionToken());
    assertEquals("state-mismatch", l.reason());
  }

  @Test
  void storage_launch_page_has_no_inline_script() {
    FakePlatform.Prepared p = fixture.prepare(LaunchSpec.learner().storageTarget("_parent").cookiesBlocked());
    var r = fixture.server().http().postForm(p.action(), p.form(), "Accept", "text/html");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("src=\"/assets/lti-storage.js\""));
    assertTrue(r.body().contains("data-mode=\"get\""));
    assertTrue(!r.body().contains("<script>"));
    assertEquals(200, fixture.server().http().get("/assets/lti-storage.js").statusCode());
  }
}
