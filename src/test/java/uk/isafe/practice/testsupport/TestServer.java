package uk.isafe.practice.testsupport;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import uk.isafe.practice.app.Application;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.web.Feature;

/**
 * The real server on a free port, against a fresh database of the shared test PostgreSQL (or a database you give).
 * Start one per test class ({@code @BeforeAll}) and close it in {@code @AfterAll}.
 */
public final class TestServer implements AutoCloseable {
  private final Application app;
  private final int port;
  private final DbSettings db;
  private final TestHttp http;

  private TestServer(Application app, int port, DbSettings db) {
    this.app = app;
    this.port = port;
    this.db = db;
    this.http = new TestHttp(URI.create("http://localhost:" + port));
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** Starts with extra settings (environment names, e.g. {@code LTI_CLOCK_SKEW_SECONDS}). */
  public static TestServer start(Map<String, String> settings) {
    return start(TestDatabase.fresh(), settings);
  }

  /** Starts against {@code db} (two servers on one database: pass the same settings twice). */
  public static TestServer start(DbSettings db, Map<String, String> settings) {
    return start(db, settings, List.of());
  }

  /** As {@link #start(DbSettings, Map)}, with extra routes for the test (mounted after the product's own). */
  public static TestServer start(DbSettings db, Map<String, String> settings,
      List<Function<Core, Feature>> extraFeatures) {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(port));
    env.put("PUBLIC_URL", "http://localhost:" + port);
    env.put("DATABASE_URL", db.toUrl());
    env.put("HTTP_INSTANCES", "1");
    env.put("DB_POOL_SIZE", "4");
    env.put("SHUTDOWN_GRACE_SECONDS", "1");
    env.putAll(settings);
    AppConfig config = AppConfig.load(env, Optional.empty());
    try {
      Application app = Application.start(config, List.of(), extraFeatures).await(60, TimeUnit.SECONDS);
      return new TestServer(app, port, db);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start: " + e.getMessage(), e);
    }
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public int port() {
    return port;
  }

  public DbSettings database() {
    return db;
  }

  public Core core() {
    return app.core();
  }

  public Vertx vertx() {
    return app.vertx();
  }

  /** A blocking HTTP client for this server that does not follow redirects and keeps no cookies. */
  public TestHttp http() {
    return http;
  }

  @Override
  public void close() {
    try {
      app.stop().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not stop: " + e.getMessage(), e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
