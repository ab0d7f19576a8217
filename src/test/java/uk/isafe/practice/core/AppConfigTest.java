package uk.isafe.practice.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  @Test
  void defaults_run_locally_on_the_embedded_database() {
    AppConfig c = AppConfig.load(Map.of(), Optional.empty());
    assertEquals("http://localhost:8080", c.publicUrl().toString());
    assertEquals(8080, c.port());
    assertTrue(c.database().isEmpty());
    assertTrue(c.dataDir().endsWith("data"));
    assertEquals(Duration.ofSeconds(60), c.ltiClockSkew());
    assertEquals(Duration.ofMinutes(5), c.ltiMaxTokenAge());
  }

  @Test
  void environment_wins_over_the_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("isafe.yaml");
    Files.writeString(file, "port: 9000\npublic_url: https://file.example.org\n");
    AppConfig c = AppConfig.load(Map.of("PORT", "9100"), Optional.of(file));
    assertEquals(9100, c.port());
    assertEquals("https://file.example.org", c.publicUrl().toString());
    assertTrue(c.publicUrlIsHttps());
  }

  @Test
  void database_url_is_parsed_and_the_password_never_printed() {
    AppConfig c = AppConfig.load(Map.of("DATABASE_URL", "postgresql://isafe:s%40cret@db.internal:5433/isafe"),
        Optional.empty());
    var db = c.database().orElseThrow();
    assertEquals("db.internal", db.host());
    assertEquals(5433, db.port());
    assertEquals("s@cret", db.password());
    assertTrue(!db.toString().contains("cret"), db.toString());
  }

  @Test
  void a_bad_port_names_the_setting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load(Map.of("PORT", "eighty"), Optional.empty()));
    assertEquals("PORT: must be a whole number, got 'eighty'", e.getMessage());
  }

  @Test
  void a_port_out_of_range_names_the_setting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load(Map.of("PORT", "70000"), Optional.empty()));
    assertTrue(e.getMessage().startsWith("PORT: must be between 0 and 65535"), e.getMessage());
  }

  @Test
  void a_public_url_without_scheme_names_the_setting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load(Map.of("PUBLIC_URL", "isafe.example.org"), Optional.empty()));
    assertTrue(e.getMessage().startsWith("PUBLIC_URL:"), e.getMessage());
  }

  @Test
  void a_database_url_of_another_kind_names_the_setting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load(Map.of("DATABASE_URL", "mysql://x@y/z"), Optional.empty()));
    assertTrue(e.getMessage().startsWith("DATABASE_URL: must start with postgresql://"), e.getMessage());
  }

  @Test
  void an_unknown_key_in_the_file_is_refused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("isafe.yaml");
    Files.writeString(file, "prot: 9000\n");
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(Map.of(), Optional.of(file)));
    assertTrue(e.getMessage().startsWith("prot: is not a setting"), e.getMessage());
  }

  @Test
  void a_bad_boolean_names_the_setting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load(Map.of("TRUST_FORWARDED_HEADERS", "maybe"), Optional.empty()));
    assertEquals("TRUST_FORWARDED_HEADERS: must be true or false, got 'maybe'", e.getMessage());
  }
}
