package uk.isafe.practice.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server started as its own process ({@code Main serve}, as in production) on its own embedded PostgreSQL,
 * with {@code lms} registered: what the benchmarks measure, so that the load generator's CPU is not counted. Its
 * files are under {@code target/<name>-<pid>} (the server's log is {@code server.log} there). Extra JVM arguments
 * for the server, e.g. to profile it: {@code -Dbench.serverJvmArgs="-XX:StartFlightRecording=filename=/tmp/x.jfr"}.
 */
public final class ServerProcess implements AutoCloseable {
  /** The JVM options the README gives for running the jar: the benchmarks measure the server as it is run. */
  public static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
  private final ProcessBuilder builder;
  private Process process;
  private final Path dir;
  private final int port;
  private final FakePlatform.Tool tool;

  private ServerProcess(ProcessBuilder builder, Path dir, int port) throws IOException {
    this.builder = builder;
    this.process = builder.start();
    this.dir = dir;
    this.port = port;
    this.tool = FakePlatform.Tool.at("http://localhost:" + port);
  }

  /**
   * Starts the server and waits until it answers {@code /healthz}. {@code settings} are added to (or replace) the
   * environment: PORT, PUBLIC_URL, DATA_DIR, LTI_CONFIG_DIR and an empty SCENARIOS_DIR are set already.
   */
  public static ServerProcess start(String name, FakePlatform lms, Map<String, String> settings) throws Exception {
    // Open to other users: under root the embedded PostgreSQL runs as 'nobody' and must reach DATA_DIR.
    Path dir = Path.of("target", name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
    Files.createDirectories(dir.resolve("lti-config/platforms"));
    Files.createDirectories(dir.resolve("scenarios"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("lti-config/platforms/bench.yaml"), lms.registrationYaml());
    int port = TestServer.freePort();
    String base = "http://localhost:" + port;
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(PRODUCTION_JVM_OPTIONS);
    String extra = System.getProperty("bench.serverJvmArgs", "");
    if (!extra.isBlank()) {
      cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "uk.isafe.practice.app.Main", "serve"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.remove("DATABASE_URL");
    env.put("PORT", String.valueOf(port));
    env.put("PUBLIC_URL", base);
    env.put("DATA_DIR", dir.resolve("data").toString());
    env.put("LTI_CONFIG_DIR", dir.resolve("lti-config").toString());
    env.put("SCENARIOS_DIR", dir.resolve("scenarios").toString());
    env.putAll(settings);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    ServerProcess server = new ServerProcess(pb, dir, port);
    try {
      server.waitForHealth();
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Restarts the server with PostgreSQL's {@code pg_stat_statements} loaded, so that {@link SqlCounts} can count
   * statements (a benchmark's own set-up: the product never loads it).
   */
  public void countStatements() throws Exception {
    try (var c = java.sql.DriverManager.getConnection(database().jdbcUrl(), database().user(), database().password());
         var s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
      s.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
    }
    close();
    process = builder.start();
    waitForHealth();
    try (var c = java.sql.DriverManager.getConnection(database().jdbcUrl(), database().user(), database().password());
         var s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /**
   * Gathers PostgreSQL's statistics on the server's database now, as autovacuum does in service. A benchmark's
   * database is minutes old: autovacuum has usually not visited it yet, and without statistics the planner may read
   * every attempt of a course through the wrong index (16 ms instead of 0.1 ms at 3,000 attempts), which no
   * database in service does.
   */
  public void analyze() throws Exception {
    try (var c = java.sql.DriverManager.getConnection(database().jdbcUrl(), database().user(), database().password());
         var s = c.createStatement()) {
      s.execute("ANALYZE");
    }
    System.out.println("database statistics gathered (ANALYZE), as autovacuum keeps them in service");
  }

  /** Where the server's embedded database listens (while the server runs). */
  public uk.isafe.practice.store.DbSettings database() {
    return uk.isafe.practice.store.EmbeddedPostgres.running(dir.resolve("data"))
        .orElseThrow(() -> new IllegalStateException("no running database in " + dir));
  }

  /** The SQL work counted so far (see {@link SqlCounts}). */
  public SqlCounts.Snapshot sqlCounts() {
    return SqlCounts.snapshot(database(), tool.url(""));
  }

  /**
   * The ERROR lines in the embedded PostgreSQL's log so far, counted by message: a benchmark prints them, so that a
   * statement failing on every call (and costing a round trip) cannot hide behind a client that recovers.
   */
  public Map<String, Long> databaseErrors() throws IOException {
    Path log = dir.resolve("data/pg-data/server.log");
    Map<String, Long> errors = new java.util.TreeMap<>();
    if (Files.isReadable(log)) {
      try (var lines = Files.lines(log)) {
        lines.filter(l -> l.contains("ERROR:")).map(l -> l.substring(l.indexOf("ERROR:") + 6).strip())
            .forEach(m -> errors.merge(m, 1L, Long::sum));
      }
    }
    return errors;
  }

  /** Prints {@link #databaseErrors()}. */
  public void printDatabaseErrors() throws IOException {
    Map<String, Long> errors = databaseErrors();
    System.out.println("  PostgreSQL errors logged: " + (errors.isEmpty() ? "none" : ""));
    errors.forEach((m, n) -> System.out.printf("      %6d × %s%n", n, m));
  }

  /** The server as the fake platform and HTTP clients see it. */
  public FakePlatform.Tool tool() {
    return tool;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The server's own PostgreSQL postmaster (for {@link CpuTime#postgresNanos}). */
  public long postmaster() {
    return CpuTime.postmaster(dir.resolve("data"))
        .orElseThrow(() -> new IllegalStateException("no postgres process for " + dir));
  }

  public Path log() {
    return dir.resolve("server.log");
  }

  private void waitForHealth() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited: " + Files.readString(log()));
      }
      try {
        if (tool.http().get(tool.url("/healthz")).statusCode() == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("server did not become healthy; see " + log());
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
