package uk.isafe.practice.lti;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.CpuTime;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.ServerProcess;
import uk.isafe.practice.testsupport.SqlCounts;

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
  /** Warm-up: rounds of this many flows until the JIT compilers settle (see {@link CpuTime#warmUp}). */
  private static final int WARM_UP_ROUND = 2000;
  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmupRounds", 30);
  private static final double JIT_SETTLED = Double.parseDouble(System.getProperty("bench.jitSettled", "0.05"));
  private static final int MEASURED_FLOWS = 6000;
  private static final int COUNTED_FLOWS = 1000;

  @Test
  void login_and_launch_at_100_concurrent_users() throws Exception {
    try (FakePlatform lms = FakePlatform.start();
         ServerProcess server = ServerProcess.start("bench", lms, Map.of())) {
      FakePlatform.Tool tool = server.tool();
      long postmaster = server.postmaster();
      // Each round ends with the readings the measured window starts and ends with (/metrics, as Prometheus scrapes
      // a server in service): read first inside the window, they set off a wave of recompilation there.
      CpuTime.warmUp(server.pid(), WARM_UP_ROUNDS, JIT_SETTLED, () -> {
        run(lms, tool, WARM_UP_ROUND, new long[WARM_UP_ROUND]);
        return server.sqlCounts();
      });
      server.analyze();
      CpuTime.Threads threadsBefore = CpuTime.Threads.of(server.pid());
      long serverBefore = CpuTime.processNanos(server.pid());
      long pgBefore = CpuTime.postgresNanos(postmaster);
      Map<Long, long[]> pgProcsBefore = CpuTime.children(postmaster);
      long genBefore = CpuTime.jvmNanos();
      long requestsBefore = CpuTime.httpRequests(tool.url(""));
      long keySetFetchesBefore = lms.jwksFetches();
      SqlCounts.Snapshot sqlBefore = server.sqlCounts();
      long[] latencies = new long[MEASURED_FLOWS];
      double upFrom = CpuTime.uptimeSeconds(server.pid());
      long start = System.nanoTime();
      int ok = run(lms, tool, MEASURED_FLOWS, latencies);
      double seconds = (System.nanoTime() - start) / 1e9;
      double upTo = CpuTime.uptimeSeconds(server.pid());
      double serverMs = (CpuTime.processNanos(server.pid()) - serverBefore) / 1e6;
      CpuTime.Threads threads = CpuTime.Threads.of(server.pid()).minus(threadsBefore);
      double pgMs = (CpuTime.postgresNanos(postmaster) - pgBefore) / 1e6;
      double genMs = (CpuTime.jvmNanos() - genBefore) / 1e6;
      long requests = CpuTime.httpRequests(tool.url("")) - requestsBefore;
      SqlCounts.Snapshot sql = server.sqlCounts().minus(sqlBefore);
      double rss = CpuTime.rssMb(server.pid());
      Arrays.sort(latencies);
      System.out.printf("%nLTI login+launch benchmark: %d users, %d flows measured (%d succeeded), %d cores, load"
          + " average %.1f%n", USERS, MEASURED_FLOWS, ok, Runtime.getRuntime().availableProcessors(),
          CpuTime.loadAverage());
      System.out.printf("  measured from %.1f to %.1f s of the server's uptime (to match its logs)%n", upFrom, upTo);
      System.out.printf("  launches/s             %8.1f%n", ok / seconds);
      System.out.printf("  flow latency p50       %8.1f ms%n", CpuTime.percentileMs(latencies, 0.50));
      System.out.printf("  flow latency p99       %8.1f ms%n", CpuTime.percentileMs(latencies, 0.99));
      System.out.printf("  HTTP requests/launch   %8.2f to the tool (the page after the launch not followed)%n",
          (double) requests / MEASURED_FLOWS);
      System.out.printf("  server RSS             %8.1f MB%n", rss);
      System.out.printf("  key set fetches        %8d during the measured launches (a valid launch fetches none)%n",
          lms.jwksFetches() - keySetFetchesBefore);
      System.out.printf("  server JVM CPU/launch  %8.3f ms%n", serverMs / ok);
      System.out.printf("    by thread            %s%n", threads.perOperation(ok));
      System.out.printf("  PostgreSQL CPU/launch  %8.3f ms%n", pgMs / ok);
      System.out.printf("  server+DB CPU/launch   %8.3f ms%n", (serverMs + pgMs) / ok);
      System.out.printf("  generator CPU/launch   %8.3f ms (not counted above: signing, HTTP client)%n", genMs / ok);
      long backendsUser = 0;
      long backendsSystem = 0;
      long others = 0;
      for (Map.Entry<Long, long[]> e : CpuTime.children(postmaster).entrySet()) {
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
          backendsUser / 1e6 / ok, backendsSystem / 1e6 / ok, others / 1e6 / ok);
      long hzServer = CpuTime.processNanos(server.pid());
      long hzPg = CpuTime.postgresNanos(postmaster);
      int healthz = healthRequests(tool, MEASURED_FLOWS * 3);
      System.out.printf("  baseline: GET /healthz (one request + SELECT 1), server %.3f ms, PostgreSQL %.3f ms per"
          + " request%n", (CpuTime.processNanos(server.pid()) - hzServer) / 1e6 / healthz,
          (CpuTime.postgresNanos(postmaster) - hzPg) / 1e6 / healthz);
      if (ok != MEASURED_FLOWS) {
        throw new AssertionError((MEASURED_FLOWS - ok) + " launches failed; see " + server.log());
      }
      // With no pause, 100 users keep 100 launches in flight, so the latency above is 100 / throughput (Little's
      // law). The latency a user feels is measured with the users pausing so that about 200 launches/s are offered.
      int rate = Integer.getInteger("bench.pacedRate", 200);
      int pause = USERS * 1000 / rate;
      long[] paced = new long[rate * 15];
      long[] atPlatform = new long[paced.length];
      long pacedStart = System.nanoTime();
      int pacedOk = run(lms, tool, paced.length, paced, pause, atPlatform);
      double pacedSeconds = (System.nanoTime() - pacedStart) / 1e9;
      // A flow's time is the tool's three requests plus the platform's authorisation step (signing the id_token, in
      // this JVM): the tool's share is what this server makes a user wait.
      long[] toolOnly = new long[paced.length];
      for (int i = 0; i < paced.length; i++) {
        toolOnly[i] = paced[i] - atPlatform[i];
      }
      Arrays.sort(paced);
      Arrays.sort(toolOnly);
      Arrays.sort(atPlatform);
      System.out.printf("  paced: %d users pausing %d ms (±25%%) → %.0f launches/s%n", USERS, pause,
          pacedOk / pacedSeconds);
      printPercentiles("the tool's three requests", toolOnly);
      printPercentiles("the platform's authorisation step", atPlatform);
      printPercentiles("the whole flow", paced);
      System.out.printf("  SQL per launch, measured above: %.2f commands sent by the server%n",
          sql.clientCommands() / (double) ok);
      // Statements are counted in a separate run, so that pg_stat_statements does not weigh on the CPU above
      // (-Dbench.countStatements=false skips it, e.g. when profiling the server).
      if (!Boolean.parseBoolean(System.getProperty("bench.countStatements", "true"))) {
        return;
      }
      server.countStatements();
      run(lms, tool, COUNTED_FLOWS / 2, new long[COUNTED_FLOWS / 2]);
      SqlCounts.Snapshot countedBefore = server.sqlCounts();
      int counted = run(lms, tool, COUNTED_FLOWS, new long[COUNTED_FLOWS]);
      server.sqlCounts().minus(countedBefore).print("launch", counted, 0.01);
      // Expected: a few not-null violations of launch_session.course_id, each a concurrent first launch retried.
      server.printDatabaseErrors();
    }
  }

  /** Runs {@code flows} complete launches with {@link #USERS} concurrent users; fills per-flow latencies. */
  private static int run(FakePlatform lms, FakePlatform.Tool tool, int flows, long[] latencies) throws Exception {
    return run(lms, tool, flows, latencies, 0, new long[flows]);
  }

  /**
   * As above, each user pausing about {@code pauseMs} (±25%) before each launch (0: no pause); {@code atPlatform}
   * gets each flow's time at the platform's authorisation endpoint.
   */
  private static int run(FakePlatform lms, FakePlatform.Tool tool, int flows, long[] latencies, int pauseMs,
      long[] atPlatform) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(USERS);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    List<Future<?>> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      int user = u;
      users.add(pool.submit(() -> {
        java.util.Random jitter = new java.util.Random(user);
        for (int i = next.getAndIncrement(); i < flows; i = next.getAndIncrement()) {
          if (pauseMs > 0) {
            Thread.sleep(Math.round(pauseMs * (0.75 + jitter.nextDouble() * 0.5)));
          }
          long t0 = System.nanoTime();
          FakePlatform.Launch l = lms.launch(tool, LaunchSpec.learner().sub("bench-" + user)
              .context("bench-course", "Benchmark").custom("activity", "scenario:dad-not-on-file"));
          latencies[i] = System.nanoTime() - t0;
          atPlatform[i] = FakePlatform.platformNanos();
          if (l.launched()) {
            ok.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : users) {
      f.get();
    }
    pool.shutdown();
    return ok.get();
  }

  private static void printPercentiles(String what, long[] sorted) {
    System.out.printf("    %-36s p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what,
        CpuTime.percentileMs(sorted, 0.50), CpuTime.percentileMs(sorted, 0.90), CpuTime.percentileMs(sorted, 0.95),
        CpuTime.percentileMs(sorted, 0.99), CpuTime.percentileMs(sorted, 1.0));
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
}
