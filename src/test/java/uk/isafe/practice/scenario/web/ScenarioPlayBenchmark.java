package uk.isafe.practice.scenario.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.ScenarioLibrary;
import uk.isafe.practice.testsupport.TestHttp;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * {@code mvn -Pbench test -Dtest=ScenarioPlayBenchmark}: 200 learners play the shipped scenarios concurrently over
 * HTTP against the real server on its embedded PostgreSQL, each choosing at random, restarting at every ending.
 * A "choice" is one POST of the choice form (recorded with its step token, the attempt completed with its grade at
 * an ending); its latency is the POST's. Each choice is followed by the GET of the next page, timed separately.
 * Prints choices/s and latency percentiles (targets: ≥ 3,000 choices/s, p99 < 20 ms on 2 cores).
 */
@Tag("benchmark")
class ScenarioPlayBenchmark {
  private static final int LEARNERS = Integer.getInteger("bench.learners", 200);
  private static final int WARM_UP_S = Integer.getInteger("bench.warmup", 15);
  private static final int MEASURE_S = Integer.getInteger("bench.seconds", 20);

  private final ConcurrentLinkedQueue<Long> choiceNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> pageNanos = new ConcurrentLinkedQueue<>();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong endings = new AtomicLong();
  private volatile boolean measuring;
  private volatile boolean stopped;
  private HttpClient http;
  private long jvmCpu;
  private long dbCpu;

  record Resp(int status, String location, String body) {
  }

  @Test
  void learners_play_scenarios_concurrently() throws Exception {
    List<String> ids = ScenarioLibrary.load(Path.of("scenarios")).all().stream().map(LoadedScenario::id).toList();
    try (TestServer server = TestServer.start(Map.of("SCENARIOS_DIR", "scenarios", "HTTP_INSTANCES", "2",
        "DB_POOL_SIZE", "16"))) {
      List<TestSessions.Session> sessions = new ArrayList<>();
      for (int i = 0; i < LEARNERS; i++) {
        sessions.add(TestSessions.on(server).course("bench").link("bench-link", Map.of())
            .person("bench-" + i, "Bench " + i).role(Role.LEARNER).create());
      }
      Vertx vertx = Vertx.vertx();
      http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
          .setDefaultPort(server.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(LEARNERS + 10));
      List<Future<Void>> loops = new ArrayList<>();
      for (int i = 0; i < LEARNERS; i++) {
        Learner l = new Learner(sessions.get(i), ids.get(i % ids.size()), new Random(i));
        loops.add(l.loop());
      }
      Thread.sleep(WARM_UP_S * 1000L);
      int dbPort = server.database().port();
      long jvm0 = CpuTime.jvmNanos();
      long db0 = CpuTime.postgresNanos(dbPort);
      measuring = true;
      long t0 = System.nanoTime();
      Thread.sleep(MEASURE_S * 1000L);
      measuring = false;
      double seconds = (System.nanoTime() - t0) / 1e9;
      jvmCpu = CpuTime.jvmNanos() - jvm0;
      dbCpu = CpuTime.postgresNanos(dbPort) - db0;
      stopped = true;
      Future.all(loops).await(30, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
      report(seconds);
      assertEquals(0, errors.get(), "requests that failed");
    }
  }

  private void report(double seconds) {
    long[] c = choiceNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] p = pageNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%nScenario play benchmark: %d learners, %d cores, %.1f s measured%n", LEARNERS,
        Runtime.getRuntime().availableProcessors(), seconds);
    System.out.printf("  choices recorded: %d  → %.0f choices/s (target ≥ 3000)%n", c.length, c.length / seconds);
    System.out.printf("  choice POST latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f (target p99 < 20)%n",
        ms(c, 0.50), ms(c, 0.95), ms(c, 0.99), ms(c, 1.0));
    System.out.printf("  next page GET latency ms: p50 %.2f  p95 %.2f  p99 %.2f  (%d pages, %.0f/s)%n",
        ms(p, 0.50), ms(p, 0.95), ms(p, 0.99), p.length, p.length / seconds);
    System.out.printf("  endings reached: %d, stale submissions: %d, errors: %d%n", endings.get(), stale.get(),
        errors.get());
    if (c.length > 0) {
      double jvmMs = jvmCpu / 1e6 / c.length;
      double dbMs = dbCpu / 1e6 / c.length;
      System.out.printf("  CPU per choice (incl. its next page): JVM %.2f ms (server and load generator together),"
          + " PostgreSQL %.2f ms%n", jvmMs, dbMs);
      System.out.printf("  → capacity of 2 dedicated cores at this cost: about %.0f choices/s"
          + " (machine load average now %.1f)%n%n", 2000 / (jvmMs + dbMs),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  private Future<Resp> call(HttpMethod method, String uri, String form) {
    RequestOptions o = new RequestOptions().setMethod(method).setURI(uri);
    if (form != null) {
      o.putHeader("Content-Type", "application/x-www-form-urlencoded");
    }
    return http.request(o)
        .compose(req -> form == null ? req.send() : req.send(Buffer.buffer(form)))
        .compose(resp -> resp.body().map(b -> new Resp(resp.statusCode(), resp.getHeader("Location"),
            b.toString())));
  }

  /** One learner's loop: read the page, choose at random, follow on; at an ending, start a new attempt. */
  private final class Learner {
    private final TestSessions.Session s;
    private final String id;
    private final Random random;

    Learner(TestSessions.Session s, String id, Random random) {
      this.s = s;
      this.id = id;
      this.random = random;
    }

    Future<Void> loop() {
      if (stopped) {
        return Future.succeededFuture();
      }
      long t0 = System.nanoTime();
      return call(HttpMethod.GET, s.url("/scenario/" + id + "/play"), null).compose(page -> {
        if (measuring) {
          pageNanos.add(System.nanoTime() - t0);
        }
        if (page.status() == 303) {
          return restart();
        }
        if (page.status() != 200) {
          errors.incrementAndGet();
          return restart();
        }
        return act(page.body());
      }).recover(e -> {
        errors.incrementAndGet();
        return Future.succeededFuture();
      }).compose(v -> loop());
    }

    private Future<Void> act(String body) {
      List<String> choices = Player.choices(body);
      String attempt = Player.field(body, "attempt");
      String step = Player.field(body, "step");
      String path;
      List<String> form = new ArrayList<>(Arrays.asList("attempt", attempt, "step", step));
      if (choices.isEmpty()) {
        path = "/scenario/" + id + "/continue";
      } else {
        path = "/scenario/" + id + "/choose";
        form.addAll(List.of("choice", choices.get(random.nextInt(choices.size()))));
      }
      long t0 = System.nanoTime();
      return call(HttpMethod.POST, path, TestHttp.encode(s.formWith(form.toArray(String[]::new)))).map(r -> {
        long took = System.nanoTime() - t0;
        if (r.status() != 303) {
          errors.incrementAndGet();
        } else if (r.location().contains("notice=stale")) {
          stale.incrementAndGet();
        } else if (measuring) {
          choiceNanos.add(took);
          if (r.location().contains("/end/")) {
            endings.incrementAndGet();
          }
        }
        return null;
      });
    }

    private Future<Void> restart() {
      return call(HttpMethod.GET, s.url("/scenario/" + id), null).compose(start -> {
        String latest = Player.field(start.body(), "latest");
        return call(HttpMethod.POST, "/scenario/" + id + "/start",
            TestHttp.encode(s.formWith("latest", latest)));
      }).mapEmpty();
    }
  }
}
