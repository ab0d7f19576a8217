package uk.isafe.practice.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * The view benchmarks' one measuring loop: full HTTP requests of one page, one after another, after a warm-up; every
 * answer must be 200. Gives the latencies and this JVM's CPU per request (server and client, for an in-process
 * server; PostgreSQL is a process of its own).
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
