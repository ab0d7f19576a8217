package uk.isafe.practice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.store.EmbeddedPostgres;
import uk.isafe.practice.testsupport.TestServer;

/** The first-ten-minutes path: no DATABASE_URL, data under DATA_DIR, restarts keep data, one server per DATA_DIR. */
class EmbeddedDatabaseTest {

  private static AppConfig config(Path dataDir, Map<String, String> extra) {
    int port = TestServer.freePort();
    Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port),
        "PUBLIC_URL", "http://localhost:" + port, "DATA_DIR", dataDir.toString(), "HTTP_INSTANCES", "1",
        "SHUTDOWN_GRACE_SECONDS", "1"));
    env.putAll(extra);
    return AppConfig.load(env, Optional.empty());
  }

  private static Path newDataDir(String name) throws Exception {
    Path dir = Path.of("target", name + "-" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  @Test
  void a_restart_keeps_data_and_a_second_server_on_the_same_data_dir_is_refused() throws Exception {
    Path dataDir = newDataDir("restart");
    Application first = Application.start(config(dataDir, Map.of())).await(120, TimeUnit.SECONDS);
    try {
      first.core().pool().preparedQuery("""
          INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url)
          VALUES ($1, 'https://moodle.example', 'abc', 'https://m/a', 'https://m/t', 'https://m/k')""")
          .execute(Tuple.of("kept")).await(10, TimeUnit.SECONDS);

      Exception clash = assertThrows(Exception.class,
          () -> Application.start(config(dataDir, Map.of())).await(120, TimeUnit.SECONDS));
      assertTrue(String.valueOf(clash.getMessage()).contains("another ISAFE Practice server is already using DATA_DIR"),
          clash.getMessage());
    } finally {
      first.stop().await(60, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(dataDir.resolve("pg-data/PG_VERSION")), "data kept under DATA_DIR");

    Application second = Application.start(config(dataDir, Map.of())).await(120, TimeUnit.SECONDS);
    try {
      long kept = second.core().pool().query("SELECT count(*) FROM platform_registration WHERE name = 'kept'")
          .execute().map(rows -> rows.iterator().next().getLong(0)).await(10, TimeUnit.SECONDS);
      assertEquals(1, kept, "the row written before the restart is still there");
    } finally {
      second.stop().await(60, TimeUnit.SECONDS);
    }
    assertFalse(Files.exists(dataDir.resolve("pg-data/postmaster.pid")), "database stopped cleanly on shutdown");
  }

  @Test
  void database_url_uses_that_server_and_starts_no_embedded_one() throws Exception {
    Path externalDir = newDataDir("external-pg");
    try (EmbeddedPostgres external = EmbeddedPostgres.start(externalDir, List.of("fsync=off"))) {
      Path dataDir = newDataDir("unused-data");
      Application app = Application.start(config(dataDir,
          Map.of("DATABASE_URL", external.settings().toUrl()))).await(120, TimeUnit.SECONDS);
      try {
        long tables = app.core().pool()
            .query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'platform_registration'")
            .execute().map(rows -> rows.iterator().next().getLong(0)).await(10, TimeUnit.SECONDS);
        assertEquals(1, tables, "migrated the external database");
        assertFalse(Files.exists(dataDir.resolve("pg-data")), "no embedded database under DATA_DIR");
      } finally {
        app.stop().await(60, TimeUnit.SECONDS);
      }
    }
  }
}
