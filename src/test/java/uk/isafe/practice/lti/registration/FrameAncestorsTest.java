package uk.isafe.practice.lti.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** A registration added or disabled anywhere changes frame-ancestors on every instance within seconds. */
class FrameAncestorsTest {

  @Test
  void a_platform_added_or_disabled_on_the_command_line_reaches_every_instance_within_seconds() throws Exception {
    DbSettings db = TestDatabase.fresh();
    try (FakePlatform lms = FakePlatform.start(); TestServer one = TestServer.start(db, Map.of());
        TestServer two = TestServer.start(db, Map.of())) {
      String origin = lms.issuer();
      assertFalse(csp(one).contains(origin));
      AppConfig config = AppConfig.load(Map.of("DATABASE_URL", db.toUrl()), Optional.empty());
      PlatformCommand cmd = new PlatformCommand(new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8));
      assertEquals(0, cmd.run(List.of("add", "--name", "lms", "--issuer", lms.issuer(), "--client-id",
          lms.clientId(), "--auth-login-url", lms.authUrl(), "--auth-token-url", lms.tokenUrl(), "--key-set-url",
          lms.jwksUrl(), "--deployment", "1"), config));
      long added = System.nanoTime();
      long first = waitFor(one, c -> c.contains("frame-ancestors 'self' " + origin));
      long second = waitFor(two, c -> c.contains("frame-ancestors 'self' " + origin));
      long ms = (Math.max(first, second) - added) / 1_000_000;
      System.out.println("frame-ancestors updated on both instances after ms=" + ms);
      assertTrue(ms < 5_000, "framed within seconds");
      assertEquals(0, cmd.run(List.of("disable", "lms"), config));
      waitFor(one, c -> !c.contains(origin));
      waitFor(two, c -> !c.contains(origin));
    }
  }

  @Test
  void an_instance_started_without_the_files_leaves_the_others_platforms_alone(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("platforms"));
    DbSettings db = TestDatabase.fresh();
    try (FakePlatform lms = FakePlatform.start()) {
      Files.writeString(dir.resolve("platforms").resolve("lms.yaml"), lms.registrationYaml());
      try (TestServer server = TestServer.start(db, Map.of("LTI_CONFIG_DIR", dir.toString()))) {
        assertTrue(csp(server).contains(lms.issuer()));
        try (TestServer bare = TestServer.start(db, Map.of("LTI_CONFIG_DIR", dir.resolve("elsewhere").toString()))) {
          assertTrue(csp(bare).contains(lms.issuer()), "the stored registration serves every instance");
          assertTrue(lms.launch(bare, uk.isafe.practice.testsupport.LaunchSpec.learner()).launched());
        }
      }
    }
  }

  static String csp(TestServer server) {
    return server.http().get("/healthz").headers().firstValue("Content-Security-Policy").orElse("");
  }

  /** Polls until the CSP satisfies {@code test} (at most 10 s); answers when. */
  static long waitFor(TestServer server, Predicate<String> test) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (test.test(csp(server))) {
        return System.nanoTime();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("CSP never changed: " + csp(server));
  }
}
