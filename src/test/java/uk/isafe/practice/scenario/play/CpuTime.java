package uk.isafe.practice.scenario.play;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used, for benchmarks on a shared machine: wall-clock figures there depend on everyone else's load,
 * CPU time per operation does not. Linux only (reads /proc); answers 0 where it cannot tell.
 */
final class CpuTime {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  private CpuTime() {
  }

  static long jvmNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** User + system CPU of another process. */
  static long processNanos(long pid) {
    String[] stat = fields(read(Path.of("/proc", String.valueOf(pid), "stat")));
    return stat.length > 15 ? (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) * TICK_NANOS : 0;
  }

  /** User + system CPU of the PostgreSQL postmaster listening on {@code port} and of its backends. */
  static long postgresNanos(int port) {
    return postgresNanos(" -p " + port + " ");
  }

  /** As {@link #postgresNanos(int)}, for the postmaster whose command line contains {@code marker}. */
  static long postgresNanos(String marker) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      List<Path> pids = procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
      String postmaster = null;
      for (Path p : pids) {
        String cmd = read(p.resolve("cmdline")).replace('\0', ' ');
        if (cmd.contains("postgres") && cmd.contains(marker)) {
          postmaster = p.getFileName().toString();
          break;
        }
      }
      if (postmaster == null) {
        return 0;
      }
      long ticks = 0;
      for (Path p : pids) {
        String[] stat = fields(read(p.resolve("stat")));
        if (stat.length > 15 && (p.getFileName().toString().equals(postmaster) || stat[3].equals(postmaster))) {
          ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        }
      }
      return ticks * TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** /proc/pid/stat fields, with the command name (in parentheses, may hold spaces) collapsed to one field. */
  private static String[] fields(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return new String[0];
    }
    String head = stat.substring(0, stat.indexOf('(')).trim();
    String[] rest = stat.substring(close + 1).trim().split(" ");
    String[] out = new String[rest.length + 2];
    out[0] = head;
    out[1] = "comm";
    System.arraycopy(rest, 0, out, 2, rest.length);
    return out;
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
