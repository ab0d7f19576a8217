package uk.isafe.practice.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The view benchmarks' one measuring loop: full HTTP requests of one page, one after another, after a warm-up; every
 * answer must be 200. {@link #time} gives the latencies and this JVM's CPU per request (server and client, for an
 * in-process server; PostgreSQL is a process of its own); {@link #measure} adds, over exactly the measured requests,
 * PostgreSQL's CPU and the SQL statements PostgreSQL ran ({@link SqlCounts}; counted under the {@code bench}
 * profile, which loads {@code pg_stat_statements}).
 */
public final class PageTimer {
  private PageTimer() {
  }

  /** Sorted latencies and CPU per request. */
  public record Timing(long[] sortedNanos, double jvmCpuMsPerRequest) {
    /** The {@code q} quantile in milliseconds. */
    public double ms(double q) {
      return CpuTime.percentileMs(sortedNanos, q);
    }

    public double maxMs() {
      return sortedNanos[sortedNanos.length - 1] / 1e6;
    }
  }

  /** A measured page: latencies and JVM CPU, PostgreSQL CPU per request (NaN where unknown), and its SQL. */
  public record Measured(Timing timing, double pgCpuMsPerRequest, SqlCounts.Snapshot sql, Set<String> background) {
    public int samples() {
      return timing.sortedNanos().length;
    }

    /** Statements per request, BEGIN and COMMIT included (0 without {@code pg_stat_statements}). */
    public double statementsPerRequest() {
      return sql.statements() / (double) samples();
    }

    /**
     * Statements per request counting only the page's own: those run at least every other request and not among
     * the {@code background} ones (the server's timers: a registration check every 2 s, the grade outbox's poll),
     * which add more the longer a page takes.
     */
    public double ownStatementsPerRequest() {
      return ownStatements().stream().mapToLong(q -> sql.byStatement().get(q)).sum() / (double) samples();
    }

    /** Prints the figures every view benchmark gives, under its own heading: latencies, CPU and SQL per request. */
    public void print() {
      System.out.printf(Locale.ROOT, "BENCHMARK p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          timing.ms(0.50), timing.ms(0.95), timing.ms(0.99), timing.maxMs());
      System.out.printf(Locale.ROOT, "BENCHMARK CPU per request: %.1f ms in this JVM (server + test client), %.1f ms in"
          + " PostgreSQL; load average %.1f on %d cores%n", timing.jvmCpuMsPerRequest(), pgCpuMsPerRequest,
          CpuTime.loadAverage(), Runtime.getRuntime().availableProcessors());
      sql.print("request", samples(), 0.5);
      System.out.println();
    }

    /** The page's own statement texts (see {@link #ownStatementsPerRequest}), as {@code pg_stat_statements} has them. */
    public List<String> ownStatements() {
      return sql.byStatement().entrySet().stream()
          .filter(e -> e.getValue() * 2 >= samples() && !background.contains(e.getKey()))
          .map(Map.Entry::getKey).sorted().toList();
    }
  }

  /** {@link #time} against the shared test database's server, with PostgreSQL's CPU and SQL counted alongside. */
  public static Measured measure(TestServer server, String url, int warmUp, int samples) {
    return measure(server, url, warmUp, samples, Set.of());
  }

  /** As above; {@code background}: statements the server runs on its own ({@link SqlCounts#background}). */
  public static Measured measure(TestServer server, String url, int warmUp, int samples, Set<String> background) {
    for (int i = 0; i < warmUp; i++) {
      server.http().get(url);
    }
    long postmaster = CpuTime.postmaster(TestDatabase.directory()).orElse(-1L);
    SqlCounts.Snapshot before = SqlCounts.snapshot(server.database(), server.url(""));
    long pg0 = postmaster > 0 ? CpuTime.postgresNanos(postmaster) : 0;
    Timing t = time(server.http(), url, 0, samples);
    double pg = postmaster > 0 ? (CpuTime.postgresNanos(postmaster) - pg0) / 1e6 / samples : Double.NaN;
    SqlCounts.Snapshot sql = SqlCounts.snapshot(server.database(), server.url("")).minus(before);
    return new Measured(t, pg, sql, background);
  }

  public static Timing time(TestHttp http, String url, int warmUp, int samples) {
    for (int i = 0; i < warmUp; i++) {
      http.get(url);
    }
    long cpu0 = CpuTime.jvmNanos();
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.get(url);
      nanos[i] = System.nanoTime() - t0;
      assertEquals(200, r.statusCode(), url);
    }
    double cpu = (CpuTime.jvmNanos() - cpu0) / 1e6 / samples;
    Arrays.sort(nanos);
    return new Timing(nanos, cpu);
  }
}
