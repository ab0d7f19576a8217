package uk.isafe.practice.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.lti.registration.PlatformCommand;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.TestDatabase;

/** Command-line tools use the server's data and never create a database of their own. */
class ToolDatabaseTest {

  @Test
  void platform_list_in_an_empty_data_folder_refuses_and_creates_nothing(@TempDir Path dir) {
    Path dataDir = dir.resolve("data");
    AppConfig config = AppConfig.load(Map.of("DATA_DIR", dataDir.toString()), Optional.empty());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PlatformCommand cmd = new PlatformCommand(new PrintStream(buf, true, StandardCharsets.UTF_8));
    ConfigException e = assertThrows(ConfigException.class, () -> cmd.run(List.of("list"), config));
    assertTrue(e.getMessage().startsWith("DATA_DIR: "), e.getMessage());
    assertTrue(e.getMessage().contains(dataDir.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("never create a database"), e.getMessage());
    assertFalse(Files.exists(dataDir.resolve("pg-data")), "no database may be created");
    assertFalse(buf.toString(StandardCharsets.UTF_8).contains("No platform registrations"));
  }

  @Test
  void an_external_database_without_the_servers_tables_is_refused() {
    String name = "empty_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute(TestDatabase.server(), "CREATE DATABASE " + name);
    DbSettings empty = TestDatabase.server().withDatabase(name);
    AppConfig config = AppConfig.load(Map.of("DATABASE_URL", empty.toUrl()), Optional.empty());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ToolDatabase.run(config, (vertx, pool) -> io.vertx.core.Future.succeededFuture(1)));
    assertTrue(e.getMessage().startsWith("DATABASE_URL: "), e.getMessage());
    assertFalse(e.getMessage().contains(empty.password()), "never the password");
    TestDatabase.execute(empty, "SELECT 1"); // still there, still empty:
    assertThrows(IllegalStateException.class,
        () -> TestDatabase.execute(empty, "SELECT * FROM platform_registration"));
  }

  @Test
  void the_servers_database_is_used_and_named() throws Exception {
    DbSettings db = TestDatabase.fresh();
    AppConfig config = AppConfig.load(Map.of("DATABASE_URL", db.toUrl()), Optional.empty());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    assertEquals(0, new PlatformCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(List.of("list"), config));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Database: DATABASE_URL " + db), out);
    assertTrue(out.contains("/lti/register"), out);
  }
}
