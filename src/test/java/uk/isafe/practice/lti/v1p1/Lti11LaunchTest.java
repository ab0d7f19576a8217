package uk.isafe.practice.lti.v1p1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.FakeLti11Consumer;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** LTI 1.1 launches from a Totara-like consumer: signed, checked, recorded as any launch; each refusal explained. */
class Lti11LaunchTest {
  static FakeLti11Consumer totara;
  static TestServer server;
  static Path config;

  @BeforeAll
  static void start() throws IOException {
    totara = FakeLti11Consumer.start("totara-key", "s3cret-for-tests");
    config = Files.createTempDirectory("lti-config");
    Files.createDirectories(config.resolve("consumers"));
    Files.writeString(config.resolve("consumers/totara.yaml"),
        "consumer_key: totara-key\nshared_secret: s3cret-for-tests\n");
    server = TestServer.start(Map.of("LTI_CONFIG_DIR", config.toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
    totara.close();
  }

  private static String url() {
    return server.url(SignedLaunchRoutes.PATH);
  }

  private static String reason(HttpResponse<String> r) {
    var m = java.util.regex.Pattern.compile("\\(([a-z0-9-]+)\\)").matcher(r.body());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  private static LaunchContext session(HttpResponse<String> r) {
    assertEquals(303, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    String token = location.substring(location.indexOf("s=") + 2);
    return GradesTesting.run(server.core().sessions().find(token)).orElseThrow();
  }

  @Test
  void a_signed_launch_opens_the_activity_as_any_launch_does() {
    HttpResponse<String> r = totara.post(server, totara.sign(totara.learnerLaunch("u-1", "scenario:dad-not-on-file"),
        url()));
    LaunchContext c = session(r);
    assertEquals(Role.LEARNER, c.role());
    assertEquals("u-1", c.subject());
    assertEquals("totara-course-3", c.contextId());
    assertEquals(Optional.of("scenario:dad-not-on-file"), c.custom("activity"));
    assertEquals("en-GB", c.locale());
    HttpResponse<String> landed = server.http().get(r.headers().firstValue("Location").orElseThrow());
    assertEquals(303, landed.statusCode());
    assertTrue(landed.headers().firstValue("Location").orElseThrow().startsWith("/scenario/dad-not-on-file"));
  }

  @Test
  void roles_in_short_and_urn_forms_map_as_for_lti_13() {
    Map<String, String> p = totara.learnerLaunch("u-teacher", "scenario:dad-not-on-file");
    p.put("roles", "urn:lti:role:ims/lis/Instructor");
    assertEquals(Role.TRAINER, session(totara.post(server, totara.sign(p, url()))).role());
    p.put("user_id", "u-admin");
    p.put("roles", "Instructor,urn:lti:sysrole:ims/lis/Administrator");
    assertEquals(Role.ADMINISTRATOR, session(totara.post(server, totara.sign(p, url()))).role());
  }

  @Test
  void any_tampered_parameter_breaks_the_signature() {
    Map<String, String> signed = totara.sign(totara.learnerLaunch("u-2", "scenario:dad-not-on-file"), url());
    for (String name : signed.keySet()) {
      if (name.equals("oauth_consumer_key") || name.equals("oauth_timestamp") || name.equals("oauth_nonce")
          || name.equals("oauth_signature_method") || name.equals("lti_message_type") || name.equals("lti_version")) {
        continue;
      }
      Map<String, String> tampered = new LinkedHashMap<>(signed);
      tampered.put(name, signed.get(name) + "x");
      HttpResponse<String> r = totara.post(server, tampered);
      assertEquals(400, r.statusCode(), name);
      assertEquals("lti1-signature-invalid", reason(r), name);
    }
    Map<String, String> added = new LinkedHashMap<>(signed);
    added.put("custom_activity_extra", "pathway:fathers-core");
    assertEquals("lti1-signature-invalid", reason(totara.post(server, added)));
  }

  @Test
  void each_failed_check_has_its_own_reason() {
    Map<String, String> p = totara.learnerLaunch("u-3", "scenario:dad-not-on-file");
    long now = Instant.now().getEpochSecond();
    assertEquals("lti1-timestamp", reason(totara.post(server,
        FakeLti11Consumer.sign(p, url(), "totara-key", "s3cret-for-tests", now - 3600))));
    assertEquals("lti1-consumer-unknown", reason(totara.post(server,
        FakeLti11Consumer.sign(p, url(), "nobody", "s3cret-for-tests", now))));
    assertEquals("lti1-signature-invalid", reason(totara.post(server,
        FakeLti11Consumer.sign(p, url(), "totara-key", "wrong-secret", now))));
    Map<String, String> wrongType = new LinkedHashMap<>(p);
    wrongType.put("lti_message_type", "ContentItemSelectionRequest");
    assertEquals("lti1-message-type", reason(totara.post(server, totara.sign(wrongType, url()))));
    Map<String, String> wrongVersion = new LinkedHashMap<>(p);
    wrongVersion.put("lti_version", "LTI-2p0");
    assertEquals("lti1-version", reason(totara.post(server, totara.sign(wrongVersion, url()))));
    Map<String, String> noLink = new LinkedHashMap<>(p);
    noLink.remove("resource_link_id");
    assertEquals("lti1-resource-link-missing", reason(totara.post(server, totara.sign(noLink, url()))));
    Map<String, String> plaintext = new LinkedHashMap<>(totara.sign(p, url()));
    plaintext.put("oauth_signature_method", "PLAINTEXT");
    assertEquals("lti1-signature-method", reason(totara.post(server, plaintext)));
  }

  @Test
  void a_replayed_launch_is_refused() {
    Map<String, String> signed = totara.sign(totara.learnerLaunch("u-4", "scenario:dad-not-on-file"), url());
    assertEquals(303, totara.post(server, signed).statusCode());
    HttpResponse<String> again = totara.post(server, signed);
    assertEquals(400, again.statusCode());
    assertEquals("nonce-replayed", reason(again));
  }

  @Test
  void a_refusal_page_never_shows_the_secret() {
    HttpResponse<String> r = totara.post(server, FakeLti11Consumer.sign(
        totara.learnerLaunch("u-5", "scenario:dad-not-on-file"), url(), "totara-key", "wrong-secret",
        Instant.now().getEpochSecond()));
    assertFalse(r.body().contains("s3cret-for-tests"));
    assertTrue(r.body().contains("lti1-signature-invalid"));
  }

  @Test
  void behind_a_proxy_the_signature_is_over_the_public_url() throws IOException {
    Path cfg = Files.createTempDirectory("lti-config");
    Files.createDirectories(cfg.resolve("consumers"));
    Files.writeString(cfg.resolve("consumers/totara.yaml"), "consumer_key: proxy-key\nshared_secret: p\n");
    try (TestServer behind = TestServer.start(Map.of("LTI_CONFIG_DIR", cfg.toString(),
        "PUBLIC_URL", "https://practice.council.example"))) {
      Map<String, String> p = totara.learnerLaunch("u-6", "scenario:dad-not-on-file");
      long now = Instant.now().getEpochSecond();
      HttpResponse<String> viaPublic = totara.post(behind, FakeLti11Consumer.sign(p,
          "https://practice.council.example/lti/1p1/launch", "proxy-key", "p", now));
      assertEquals(303, viaPublic.statusCode(), viaPublic.body());
      HttpResponse<String> viaInternal = totara.post(behind, FakeLti11Consumer.sign(p,
          behind.url("/lti/1p1/launch"), "proxy-key", "p", now));
      assertEquals("lti1-signature-invalid", reason(viaInternal));
    }
  }

  @Test
  void consumers_are_managed_from_the_command_line_and_a_disabled_one_is_refused() throws Exception {
    DbSettings db = server.database();
    AppConfig cfg = AppConfig.load(Map.of("DATABASE_URL", db.toUrl()), Optional.empty());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    var verbs = ConsumerCommands.verbs(out, Map.of("TOTARA_SECRET", "from-env"));
    assertEquals(0, verbs.get("add-consumer").run(List.of("--name", "northshire", "--key", "north-key",
        "--secret-env", "TOTARA_SECRET"), cfg));
    assertEquals(0, verbs.get("list-consumers").run(List.of(), cfg));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("northshire") && printed.contains("north-key"), printed);
    assertFalse(printed.contains("from-env"), "the secret is never shown");
    HttpResponse<String> ok = totara.post(server, FakeLti11Consumer.sign(
        totara.learnerLaunch("u-7", "scenario:dad-not-on-file"), url(), "north-key", "from-env",
        Instant.now().getEpochSecond()));
    assertEquals(303, ok.statusCode(), ok.body());
    assertEquals(0, verbs.get("disable-consumer").run(List.of("northshire"), cfg));
    HttpResponse<String> refused = totara.post(server, FakeLti11Consumer.sign(
        totara.learnerLaunch("u-7", "scenario:dad-not-on-file"), url(), "north-key", "from-env",
        Instant.now().getEpochSecond()));
    assertEquals("lti1-consumer-disabled", reason(refused));
    assertEquals(1, verbs.get("disable-consumer").run(List.of("nobody-here"), cfg));
    assertEquals(2, verbs.get("add-consumer").run(List.of("--name", "x"), cfg));
  }
}
