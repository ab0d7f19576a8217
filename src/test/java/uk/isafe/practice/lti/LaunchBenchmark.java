package uk.isafe.practice.lti;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/**
 * Complete login + launch flows (login POST, cookie check, platform authorisation with a fresh RS256 token, launch
 * POST with its database transaction) at 100 concurrent users against the real server, started as its own process
 * on its embedded PostgreSQL. CPU is read from /proc for the server JVM and for the PostgreSQL processes, so the
 * load generator's own CPU (this JVM, which also signs every id_token) is not counted.
 *
 * <p>Run: {@code mvn -Pbench test -Dtest=LaunchBenchmark} (after {@code mvn compile}).
 */
@Tag("benchmark")
class LaunchBenchmark {
  private static final int USERS = 100;
  private static final int WARM_UP_FLOWS = 5000;
  private static final int MEASURED_FLOWS = 6000;

  @Test
  void login_and_launch_at_100_concurrent_users() throws Exception {
    // Open to other users: under root the embedded PostgreSQL runs as 'nobody' and must reach DATA_DIR.
    Path dir = Path.of("target", "bench-" + ProcessHandle.current().pid()).toAbsolutePath();
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(dir.resolve("lti-config/platforms"));
    Files.createDirectories(dir.resolve("scenarios"));
    int port = TestServer.freePort();
    String base = "http://localhost:" + port;
    try (FakePlatform lms = FakePlatform.start()) {
      Files.writeString(dir.resolve("lti-config/platforms/bench.yaml"), lms.registrationYaml());
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m"));
      // e.g. -Dbench.serverJvmArgs="-XX:StartFlightRecording=filename=/tmp/launch.jfr" to profile the server
      String extra = System.getProperty("bench.serverJvmArgs", "");
      if (!extra.isBlank()) {
        cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
      }
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "uk.isafe.practice.app.Main", "serve"));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> env = pb.environment();
      env.put("PORT", String.valueOf(port));
      env.put("PUBLIC_URL", base);
      env.put("DATA_DIR", dir.resolve("data").toString());
      env.put("LTI_CONFIG_DIR", dir.resolve("lti-config").toString());
      env.put("SCENARIOS_DIR", dir.resolve("scenarios").toString());
      env.remove("DATABASE_URL");
      pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
      Process server = pb.start();
      try {
        FakePlatform.Tool tool = FakePlatform.Tool.at(base);
        waitForHealth(tool, server, dir);
        long postmaster = ProcStat.postmaster(dir.resolve("data")).orElseThrow(
            () -> new IllegalStateException("no postgres process for " + dir));
        run(lms, tool, WARM_UP_FLOWS, new long[WARM_UP_FLOWS]);
        long serverBefore = ProcStat.cpuTicks(server.pid());
        long pgBefore = ProcStat.treeCpuTicks(postmaster);
        Map<Long, long[]> pgProcsBefore = ProcStat.children(postmaster);
        long genBefore = generatorCpuNanos();
        long[] latencies = new long[MEASURED_FLOWS];
        long start = System.nanoTime();
        int ok = run(lms, tool, MEASURED_FLOWS, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        long serverTicks = ProcStat.cpuTicks(server.pid()) - serverBefore;
        long pgTicks = ProcStat.treeCpuTicks(postmaster) - pgBefore;
        double genMs = (generatorCpuNanos() - genBefore) / 1e6;
        Arrays.sort(latencies);
        double tickMs = 1000.0 / ProcStat.clockTicksPerSecond();
        System.out.printf("%nLTI login+launch benchmark: %d users, %d flows measured (%d succeeded), %d cores%n",
            USERS, MEASURED_FLOWS, ok, Runtime.getRuntime().availableProcessors());
        System.out.printf("  launches/s             %8.1f%n", ok / seconds);
        System.out.printf("  flow latency p50       %8.1f ms%n", latencies[latencies.length / 2] / 1e6);
        System.out.printf("  flow latency p99       %8.1f ms%n", latencies[(int) (latencies.length * 0.99)] / 1e6);
        System.out.printf("  server JVM CPU/launch  %8.3f ms%n", serverTicks * tickMs / ok);
        System.out.printf("  PostgreSQL CPU/launch  %8.3f ms%n", pgTicks * tickMs / ok);
        System.out.printf("  server+DB CPU/launch   %8.3f ms%n", (serverTicks + pgTicks) * tickMs / ok);
        System.out.printf("  generator CPU/launch   %8.3f ms (not counted above: signing, HTTP client)%n", genMs / ok);
        Map<Long, long[]> pgProcsAfter = ProcStat.children(postmaster);
        long backendsUser = 0;
        long backendsSystem = 0;
        long others = 0;
        for (Map.Entry<Long, long[]> e : pgProcsAfter.entrySet()) {
          long[] b = pgProcsBefore.getOrDefault(e.getKey(), new long[] {0, 0, 0});
          long[] a = e.getValue();
          if (a[2] == 1) {
            backendsUser += a[0] - b[0];
            backendsSystem += a[1] - b[1];
          } else {
            others += a[0] - b[0] + a[1] - b[1];
          }
        }
        System.out.printf("  PostgreSQL breakdown   backends user %.3f ms, system %.3f ms; background %.3f ms%n",
            backendsUser * tickMs / ok, backendsSystem * tickMs / ok, others * tickMs / ok);
        long hzServer = ProcStat.cpuTicks(server.pid());
        long hzPg = ProcStat.treeCpuTicks(postmaster);
        int requests = healthRequests(tool, MEASURED_FLOWS * 3);
        System.out.printf("  baseline: GET /healthz (one request + SELECT 1), server %.3f ms, PostgreSQL %.3f ms per"
            + " request%n", (ProcStat.cpuTicks(server.pid()) - hzServer) * tickMs / requests,
            (ProcStat.treeCpuTicks(postmaster) - hzPg) * tickMs / requests);
        if (ok != MEASURED_FLOWS) {
          throw new AssertionError((MEASURED_FLOWS - ok) + " launches failed; see " + dir.resolve("server.log"));
        }
      } finally {
        server.destroy();
        server.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs {@code flows} complete launches with {@link #USERS} concurrent users; fills per-flow latencies. */
  private static int run(FakePlatform lms, FakePlatform.Tool tool, int flows, long[] latencies) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(USERS);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    List<Future<?>> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      int user = u;
      users.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < flows; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          FakePlatform.Launch l = lms.launch(tool, LaunchSpec.learner().sub("bench-" + user)
              .context("bench-course", "Benchmark").custom("activity", "scenario:dad-not-on-file"));
          latencies[i] = System.nanoTime() - t0;
          if (l.launched()) {
            ok.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> f : users) {
      f.get();
    }
    pool.shutdown();
    return ok.get();
  }

  /** {@code n} GET /healthz requests from {@link #USERS} threads: the per-request cost of the stack itself. */
  private static int healthRequests(FakePlatform.Tool tool, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(USERS);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      users.add(pool.submit(() -> {
        while (next.getAndIncrement() < n) {
          tool.http().get(tool.url("/healthz"));
        }
      }));
    }
    for (Future<?> f : users) {
      f.get();
    }
    pool.shutdown();
    return n;
  }

  private static void waitForHealth(FakePlatform.Tool tool, Process server, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited: " + Files.readString(dir.resolve("server.log")));
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
    throw new IllegalStateException("server did not become healthy");
  }

  private static long generatorCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU ticks of processes from /proc/PID/stat (utime + stime, plus reaped children for the postmaster). */
  static final class ProcStat {
    static long clockTicksPerSecond() throws IOException, InterruptedException {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return out.isEmpty() ? 100 : Long.parseLong(out);
    }

    static long[] fields(long pid) {
      try {
        String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": f[0]=state, f[1]=ppid, f[11]=utime, f[12]=stime, f[13]=cutime, f[14]=cstime
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
            Long.parseLong(f[13]), Long.parseLong(f[14])};
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    static long cpuTicks(long pid) {
      long[] f = fields(pid);
      return f == null ? 0 : f[1] + f[2];
    }

    /** The postmaster and every child it has (backends, checkpointer, ...), including children already reaped. */
    static long treeCpuTicks(long postmaster) throws IOException {
      long[] root = fields(postmaster);
      long total = root == null ? 0 : root[1] + root[2] + root[3] + root[4];
      for (long pid : pids()) {
        long[] f = fields(pid);
        if (f != null && f[0] == postmaster) {
          total += f[1] + f[2];
        }
      }
      return total;
    }

    /** pid → {utime, stime, 1 if a client backend else 0} of the postmaster's children. */
    static Map<Long, long[]> children(long postmaster) throws IOException {
      Map<Long, long[]> out = new java.util.HashMap<>();
      for (long pid : pids()) {
        long[] f = fields(pid);
        if (f != null && f[0] == postmaster) {
          String cmd;
          try {
            cmd = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")));
          } catch (IOException gone) {
            continue;
          }
          out.put(pid, new long[] {f[1], f[2], cmd.contains("127.0.0.1") || cmd.contains("local") ? 1 : 0});
        }
      }
      return out;
    }

    static java.util.Optional<Long> postmaster(Path dataDir) throws IOException {
      String needle = dataDir.toString();
      for (long pid : pids()) {
        try {
          String cmd = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")))
              .replace('\0', ' ');
          if (cmd.contains("postgres") && cmd.contains(needle) && !cmd.contains("java")) {
            return java.util.Optional.of(pid);
          }
        } catch (IOException ignored) {
          // process went away
        }
      }
      return java.util.Optional.empty();
    }

    static List<Long> pids() throws IOException {
      List<Long> out = new ArrayList<>();
      try (var s = Files.list(Path.of("/proc"))) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
            .forEach(n -> out.add(Long.parseLong(n)));
      }
      Collections.sort(out);
      return out;
    }
  }
}
