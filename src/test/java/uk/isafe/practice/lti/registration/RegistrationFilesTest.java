package uk.isafe.practice.lti.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.ConfigException;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** Registration files and the platform command. */
class RegistrationFilesTest {
  static final String MOODLE = """
      issuer: "https://moodle.example.org"
      client_id: "AbC123"
      auth_login_url: "https://moodle.example.org/mod/lti/auth.php"
      auth_token_url: "https://moodle.example.org/mod/lti/token.php"
      key_set_url: "https://moodle.example.org/mod/lti/certs.php"
      deployment_ids: ["2", 3]
      unknown_deployment_policy: pending
      """;

  @Test
  void registration_file_is_read_with_every_field(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("moodle.yaml"), MOODLE);
    List<RegistrationSpec> specs = RegistrationFiles.readAll(dir);
    assertEquals(1, specs.size());
    RegistrationSpec s = specs.get(0);
    assertEquals("moodle", s.name());
    assertEquals("AbC123", s.clientId());
    assertEquals(List.of("2", "3"), s.deploymentIds());
    assertEquals(PlatformRegistration.DeploymentPolicy.PENDING, s.unknownDeploymentPolicy());
    assertTrue(s.tokenAudience().isEmpty());
  }

  @Test
  void example_and_hidden_files_are_not_registrations(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("moodle.yaml.example"), MOODLE);
    Files.writeString(dir.resolve("_draft.yaml"), MOODLE);
    Files.writeString(dir.resolve("README.md"), "# x");
    assertEquals(List.of(), RegistrationFiles.readAll(dir));
    assertEquals(List.of(), RegistrationFiles.readAll(dir.resolve("missing")));
  }

  @Test
  void the_moodle_example_is_a_valid_registration_once_renamed(@TempDir Path dir) throws IOException {
    Files.copy(Path.of("lti-config/platforms/moodle.yaml.example"), dir.resolve("moodle.yaml"));
    RegistrationSpec s = RegistrationFiles.readAll(dir).get(0);
    assertEquals("https://moodle.example.org/mod/lti/certs.php", s.keySetUrl());
    assertEquals(List.of("2"), s.deploymentIds());
    assertEquals("moodle", RegistrationFiles.read(Path.of("lti-config/platforms/moodle.yaml.example")).name());
  }

  @Test
  void missing_field_names_the_file_and_the_field(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), MOODLE.replace("client_id: \"AbC123\"\n", ""));
    ConfigException e = assertThrows(ConfigException.class, () -> RegistrationFiles.readAll(dir));
    assertTrue(e.getMessage().contains("broken.yaml") && e.getMessage().contains("client_id"), e.getMessage());
  }

  @Test
  void bad_url_policy_or_unknown_field_are_named(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), MOODLE.replace("https://moodle.example.org/mod/lti/certs.php", "certs"));
    assertTrue(assertThrows(ConfigException.class, () -> RegistrationFiles.readAll(dir)).getMessage()
        .contains("key_set_url"));
    Files.writeString(dir.resolve("a.yaml"), MOODLE.replace("pending", "maybe"));
    assertTrue(assertThrows(ConfigException.class, () -> RegistrationFiles.readAll(dir)).getMessage()
        .contains("unknown_deployment_policy"));
    Files.writeString(dir.resolve("a.yaml"), MOODLE + "clientid: x\n");
    assertTrue(assertThrows(ConfigException.class, () -> RegistrationFiles.readAll(dir)).getMessage()
        .contains("clientid"));
    Files.writeString(dir.resolve("a.yaml"), MOODLE.replace("[\"2\", 3]", "[]"));
    assertTrue(assertThrows(ConfigException.class, () -> RegistrationFiles.readAll(dir)).getMessage()
        .contains("deployment_ids"));
  }

  @Test
  void server_loads_registration_files_at_start_and_launches_work(@TempDir Path dir) throws IOException {
    try (FakePlatform lms = FakePlatform.start()) {
      Files.createDirectories(dir.resolve("platforms"));
      Files.writeString(dir.resolve("platforms").resolve("fake.yaml"), lms.registrationYaml());
      try (TestServer server = TestServer.start(Map.of("LTI_CONFIG_DIR", dir.toString()))) {
        assertTrue(lms.launch(server, LaunchSpec.learner()).launched());
        String csp = server.http().get("/").headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'self' " + lms.issuer()), csp);
      }
    }
  }

  @Test
  void bad_registration_file_stops_start_up_with_the_file_name(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("platforms"));
    Files.writeString(dir.resolve("platforms").resolve("bad.yaml"), "issuer: [1, 2]\n");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestServer.start(Map.of("LTI_CONFIG_DIR", dir.toString())).close());
    assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
  }

  @Test
  void platform_command_adds_lists_disables_and_approves() throws Exception {
    DbSettings db = TestDatabase.fresh();
    AppConfig config = AppConfig.load(Map.of("DATABASE_URL", db.toUrl()), Optional.empty());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PlatformCommand cmd = new PlatformCommand(new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(0, cmd.run(List.of("add", "--name", "moodle", "--issuer", "https://m.example",
        "--client-id", "c1", "--auth-login-url", "https://m.example/mod/lti/auth.php",
        "--auth-token-url", "https://m.example/mod/lti/token.php", "--key-set-url", "https://m.example/mod/lti/certs.php",
        "--deployment", "2", "--unknown-deployment-policy", "pending"), config));
    buf.reset();
    assertEquals(0, cmd.run(List.of("list"), config));
    String listed = buf.toString(StandardCharsets.UTF_8);
    assertTrue(listed.contains("moodle") && listed.contains("client_id=c1") && listed.contains("2 (active)"), listed);
    assertEquals(0, cmd.run(List.of("disable", "moodle"), config));
    buf.reset();
    cmd.run(List.of("list"), config);
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("DISABLED"));
    assertEquals(1, cmd.run(List.of("approve-deployment", "moodle", "9"), config));
    assertEquals(1, cmd.run(List.of("disable", "nobody"), config));
    assertThrows(ConfigException.class, () -> cmd.run(List.of("add", "--name", "x"), config));
    assertEquals(2, cmd.run(List.of("frobnicate"), config));
    assertFalse(listed.isEmpty());
  }
}
