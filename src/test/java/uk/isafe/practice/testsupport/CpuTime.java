package uk.isafe.practice.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used, for benchmarks on a shared machine: wall-clock figures there depend on everyone else's load, CPU
 * time per operation does not. Reads /proc (Linux); answers 0 where it cannot tell. The benchmarks' one copy.
 */
public final class CpuTime {
  private static final long TICK_NANOS = 1_000_000_000L / clockTicksPerSecond();

  private CpuTime() {
  }

  /** CPU of this JVM (the load generator, in a benchmark that starts the server as its own process). */
  public static long jvmNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** The machine's load average over the last minute (to read the other figures by). */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** How long process {@code pid} has been running, in seconds (0 when it cannot tell). */
  public static double uptimeSeconds(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0).orElse(0.0);
  }

  /** User + system CPU of another process. */
  public static long processNanos(long pid) {
    long[] f = fields(pid);
    return f == null ? 0 : (f[1] + f[2]) * TICK_NANOS;
  }

  /**
   * A JVM's CPU by kind of thread, from /proc/PID/task: what a benchmark's window spent on the work itself and what
   * on warming up (threads that ended before the read are not counted).
   *
   * @param jit the JIT compiler threads (C1, C2): high while the JVM is still warming up
   * @param vm the VM thread: the serial collector's garbage collections and other safepoint work
   * @param eventLoops the Vert.x event loops: the requests themselves
   * @param other everything else (worker threads, timers, Netty's own threads)
   */
  public record Threads(long jit, long vm, long eventLoops, long other) {
    /** The threads of process {@code pid} now. */
    public static Threads of(long pid) {
      long jit = 0;
      long vm = 0;
      long loops = 0;
      long other = 0;
      try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
        for (Path task : tasks.toList()) {
          String stat;
          try {
            stat = Files.readString(task.resolve("stat"));
          } catch (IOException gone) {
            continue;
          }
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
          if (name.contains("CompilerThre")) {
            jit += nanos;
          } else if (name.equals("VM Thread") || name.startsWith("GC Thread")) {
            vm += nanos;
          } else if (name.startsWith("vert.x-eventlo")) {
            loops += nanos;
          } else {
            other += nanos;
          }
        }
      } catch (IOException | RuntimeException e) {
        return new Threads(0, 0, 0, 0);
      }
      return new Threads(jit, vm, loops, other);
    }

    public Threads minus(Threads before) {
      return new Threads(jit - before.jit, vm - before.vm, eventLoops - before.eventLoops, other - before.other);
    }

    public long total() {
      return jit + vm + eventLoops + other;
    }

    /** The JIT compilers' share of this CPU (0–1). */
    public double jitShare() {
      return total() == 0 ? 0 : (double) jit / total();
    }

    /** Milliseconds per operation by kind, for a report line. */
    public String perOperation(long operations) {
      double n = Math.max(1, operations) * 1e6;
      return String.format("event loops %.3f, JIT compiler %.3f, GC and VM %.3f, other %.3f ms", eventLoops / n,
          jit / n, vm / n, other / n);
    }
  }

  /**
   * Warms a server up until its JIT compilers have (nearly) settled, as a steady-state benchmark must: runs
   * {@code round} again and again, up to {@code maxRounds} times, until the compilers' share of the server's CPU
   * has been at most {@code settledShare} in two rounds running (one quiet round proved too little: C2 goes on
   * recompiling Netty's and Vert.x's hottest methods as their type profiles widen). Prints each round's share;
   * returns the last.
   */
  public static double warmUp(long pid, int maxRounds, double settledShare,
      java.util.concurrent.Callable<?> round) throws Exception {
    double share = 1;
    int quiet = 0;
    StringBuilder history = new StringBuilder();
    for (int i = 0; i < maxRounds && quiet < 2; i++) {
      Threads before = Threads.of(pid);
      round.call();
      share = Threads.of(pid).minus(before).jitShare();
      quiet = share <= settledShare ? quiet + 1 : 0;
      history.append(history.length() == 0 ? "" : ", ").append(String.format("%.0f%%", share * 100));
    }
    System.out.printf("%nwarm-up: the JIT compilers' share of the server's CPU, round by round: %s%s%n", history,
        quiet < 2 ? String.format(" (not settled to %.0f%%)", settledShare * 100) : "");
    return share;
  }

  /** The postmaster whose command line names {@code dataDir}. */
  public static Optional<Long> postmaster(Path dataDir) {
    String needle = dataDir.toString();
    for (long pid : pids()) {
      String cmd = cmdline(pid);
      if (cmd.contains("postgres") && cmd.contains(needle) && !cmd.contains("java")) {
        return Optional.of(pid);
      }
    }
    return Optional.empty();
  }

  /** The postmaster and every child it has (backends, checkpointer, ...), including children already reaped. */
  public static long postgresNanos(long postmaster) {
    long[] root = fields(postmaster);
    long ticks = root == null ? 0 : root[1] + root[2] + root[3] + root[4];
    for (long pid : pids()) {
      long[] f = fields(pid);
      if (f != null && f[0] == postmaster) {
        ticks += f[1] + f[2];
      }
    }
    return ticks * TICK_NANOS;
  }

  /** pid → {user nanos, system nanos, 1 if a client backend else 0} of the postmaster's living children. */
  public static Map<Long, long[]> children(long postmaster) {
    Map<Long, long[]> out = new HashMap<>();
    for (long pid : pids()) {
      long[] f = fields(pid);
      if (f != null && f[0] == postmaster) {
        String cmd = cmdline(pid);
        out.put(pid, new long[] {f[1] * TICK_NANOS, f[2] * TICK_NANOS,
            cmd.contains("127.0.0.1") || cmd.contains("local") ? 1 : 0});
      }
    }
    return out;
  }

  /** A process's resident memory in MB, from /proc/PID/status (VmRSS); -1 when unreadable. */
  public static double rssMb(long pid) {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** HTTP requests the server has answered, from its Prometheus {@code /metrics} (every route and status). */
  public static long httpRequests(String baseUrl) {
    long total = 0;
    for (String line : metrics(baseUrl).split("\n")) {
      if (line.startsWith("vertx_http_server_requests_total{") && !line.contains("route=\"/metrics\"")) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** The server's Prometheus {@code /metrics} text. */
  public static String metrics(String baseUrl) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code q} quantile (0–1) of {@code sorted} nanoseconds, in milliseconds. */
  public static double percentileMs(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** {ppid, utime, stime, cutime, cstime} in ticks, or null when the process is gone. */
  private static long[] fields(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // after "pid (comm) ": f[0]=state, f[1]=ppid, f[11]=utime, f[12]=stime, f[13]=cutime, f[14]=cstime
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
          Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  private static List<Long> pids() {
    List<Long> out = new ArrayList<>();
    try (var s = Files.list(Path.of("/proc"))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
          .forEach(n -> out.add(Long.parseLong(n)));
    } catch (IOException e) {
      return out;
    }
    Collections.sort(out);
    return out;
  }

  private static long clockTicksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return out.isEmpty() ? 100 : Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
