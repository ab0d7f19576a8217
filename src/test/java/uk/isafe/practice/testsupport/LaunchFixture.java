package uk.isafe.practice.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The launch tests' one fixture: a fake Moodle registered with a real server on its own database, started once for a
 * test class and closed after it. Use it as {@code @RegisterExtension static final LaunchFixture launch = new
 * LaunchFixture();}, then {@code fixture.launch(spec)}, or {@code prepare} and {@code post} to tamper in between.
 */
public final class LaunchFixture implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> settings;
  private FakePlatform lms;
  private TestServer server;

  public LaunchFixture() {
    this(Map.of());
  }

  /** {@code settings}: the server's settings beyond the test defaults (e.g. SCENARIOS_DIR). */
  public LaunchFixture(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    lms = FakePlatform.start();
    try {
      server = TestServer.start(settings);
      lms.register(server);
    } catch (RuntimeException | Error e) {
      afterAll(context);
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
    if (lms != null) {
      lms.close();
      lms = null;
    }
  }

  public FakePlatform lms() {
    return lms;
  }

  public TestServer server() {
    return server;
  }

  /** A complete login and launch as {@code spec} says. */
  public FakePlatform.Launch launch(LaunchSpec spec) {
    return lms.launch(server, spec);
  }

  /** Login and authorisation, stopping before the launch is posted. */
  public FakePlatform.Prepared prepare(LaunchSpec spec) {
    return lms.prepare(server, spec);
  }

  /** Posts a prepared (and perhaps altered) launch. */
  public FakePlatform.Launch post(FakePlatform.Prepared p) {
    return lms.post(server, p);
  }

  /** A launch refused with {@code status} and {@code reason}: no session, and the administrator's hint shown. */
  public static void assertRefused(FakePlatform.Launch l, int status, String reason) {
    assertNull(l.sessionToken(), "no session for a refused launch");
    assertEquals(reason, l.reason(), () -> "status " + l.status());
    assertEquals(status, l.status());
    assertTrue(l.response().body().contains("For the administrator"), "admin hint shown");
  }
}
