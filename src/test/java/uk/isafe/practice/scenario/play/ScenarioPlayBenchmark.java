package uk.isafe.practice.scenario.play;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.testsupport.CpuTime;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.ServerProcess;
import uk.isafe.practice.testsupport.SqlCounts;
import uk.isafe.practice.testsupport.TestHttp;

/**
 * {@code mvn -Pbench test -Dtest=ScenarioPlayBenchmark}: 200 learners play the shipped scenarios concurrently over
 * HTTP against the real server, started as its own process ({@code Main serve}) on its embedded PostgreSQL; each
 * learner arrives by a real LTI launch through the fake platform, chooses at random with no think time, and starts
 * a new attempt at every ending. A "choice" is one POST of the choice or continue form (recorded once with its step
 * token; at an ending the attempt is completed with its grade). The next turn comes in answer to the post; an
 * ending is a redirect to the end page, which is fetched as a learner would, then the start page, and the new
 * attempt's first turn comes in answer to the start. Prints choices/s, latency
 * percentiles, HTTP requests per choice, CPU per choice of the server JVM and of PostgreSQL, read from /proc, so the
 * figures can be read on a machine shared with other work (targets: ≥ 3,000 choices/s, p99 < 20 ms, 2 cores), the
 * server's RSS, and then, in a separate run with {@code pg_stat_statements} loaded, the SQL statements per choice.
 */
@Tag("benchmark")
class ScenarioPlayBenchmark {
  private static final int LEARNERS = Integer.getInteger("bench.learners", 200);
  /** Warm-up: rounds of this many seconds until the JIT compilers settle (see {@link CpuTime#warmUp}). */
  private static final int WARM_UP_ROUND_S = 5;
  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmupRounds", 30);
  private static final double JIT_SETTLED = Double.parseDouble(System.getProperty("bench.jitSettled", "0.05"));
  private static final int MEASURE_S = Integer.getInteger("bench.seconds", 20);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final ConcurrentLinkedQueue<Long> choiceNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> pageNanos = new ConcurrentLinkedQueue<>();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong endings = new AtomicLong();
  private final AtomicLong counted = new AtomicLong();
  private volatile boolean measuring;
  private volatile boolean counting;
  private volatile boolean stopped;
  private HttpClient http;
  private Vertx vertx;
  /** Mean pause before each choice in the paced phase (0: no pause), jittered ±25%. */
  private volatile int pauseMs;

  record Resp(int status, String location, String body) {
  }

  @Test
  void learners_play_scenarios_concurrently() throws Exception {
    Path scenarios = Path.of("scenarios").toAbsolutePath();
    List<String> ids = ScenarioLibrary.load(scenarios).all().stream().map(LoadedScenario::id).toList();
    try (FakePlatform lms = FakePlatform.start();
         ServerProcess server = ServerProcess.start("bench-scenario", lms, Map.of("SCENARIOS_DIR",
             scenarios.toString(), "HTTP_INSTANCES", "2", "DB_POOL_SIZE", "16"))) {
      FakePlatform.Tool tool = server.tool();
      int port = server.port();
      vertx = Vertx.vertx();
      try {
        List<Learner> learners = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
          String id = ids.get(i % ids.size());
          FakePlatform.Launch l = lms.launch(tool, LaunchSpec.learner().sub("bench-" + i)
              .context("bench", "Benchmark").resourceLink("bench-" + id, id).custom("activity", "scenario:" + id));
          if (!l.launched()) {
            throw new IllegalStateException("launch refused: " + l.reason());
          }
          String start = tool.http().get("/scenario/" + id + "?s=" + l.sessionToken()).body();
          Matcher csrf = CSRF.matcher(start);
          if (!csrf.find()) {
            throw new IllegalStateException("no csrf field on the start page:\n" + start);
          }
          learners.add(new Learner(l.sessionToken(), csrf.group(1), id, new Random(i)));
        }
        // -Dbench.acceptGzip=true: the learners accept compressed pages, as browsers do, and the server compresses
        // every page. Off by default, so that figures compare with earlier rounds.
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port)
            .setKeepAlive(true).setDecompressionSupported(Boolean.getBoolean("bench.acceptGzip")),
            new PoolOptions().setHttp1MaxSize(LEARNERS + 10));
        List<Future<Void>> loops = new ArrayList<>();
        learners.forEach(l -> loops.add(l.loop()));
        // Each round ends with the reading the measured window starts and ends with (/metrics, as Prometheus scrapes
        // a server in service): read first inside the window, it sets off a wave of recompilation there.
        CpuTime.warmUp(server.pid(), WARM_UP_ROUNDS, JIT_SETTLED, () -> {
          Thread.sleep(WARM_UP_ROUND_S * 1000L);
          return CpuTime.httpRequests(tool.url(""));
        });
        server.analyze();
        Thread.sleep(2000);
        long postmaster = server.postmaster();
        long server0 = CpuTime.processNanos(server.pid());
        CpuTime.Threads threads0 = CpuTime.Threads.of(server.pid());
        long db0 = CpuTime.postgresNanos(postmaster);
        long gen0 = CpuTime.jvmNanos();
        long requests0 = CpuTime.httpRequests(tool.url(""));
        measuring = true;
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_S * 1000L);
        measuring = false;
        double seconds = (System.nanoTime() - t0) / 1e9;
        long serverCpu = CpuTime.processNanos(server.pid()) - server0;
        threads = CpuTime.Threads.of(server.pid()).minus(threads0);
        long dbCpu = CpuTime.postgresNanos(postmaster) - db0;
        long genCpu = CpuTime.jvmNanos() - gen0;
        requests = CpuTime.httpRequests(tool.url("")) - requests0;
        rssMb = CpuTime.rssMb(server.pid());
        stopped = true;
        Future.all(loops).await(60, TimeUnit.SECONDS);
        report(seconds, serverCpu, dbCpu, genCpu);
        assertEquals(0, errors.get(), "requests that failed; see " + server.log());
        paced(learners, server);
        // Statements per choice, counted apart so that pg_stat_statements does not weigh on the CPU above
        // (-Dbench.countStatements=false skips it, e.g. when profiling the server).
        if (!Boolean.parseBoolean(System.getProperty("bench.countStatements", "true"))) {
          return;
        }
        server.countStatements();
        stopped = false;
        List<Future<Void>> again = new ArrayList<>();
        learners.forEach(l -> again.add(l.loop()));
        Thread.sleep(3000);
        SqlCounts.Snapshot before = server.sqlCounts();
        counting = true;
        Thread.sleep(5000);
        counting = false;
        SqlCounts.Snapshot sql = server.sqlCounts().minus(before);
        stopped = true;
        Future.all(again).await(60, TimeUnit.SECONDS);
        sql.print("choice (with its share of endings and new attempts)", counted.get(), 0.01);
        server.printDatabaseErrors();
        assertEquals(0, errors.get(), "requests that failed; see " + server.log());
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * With no pause, 200 learners keep 200 requests in flight, so by Little's law the latency is 200 / throughput
   * whatever the server does (at 3,000 choices/s, 67 ms). The latency a learner feels is measured here, with the
   * same 200 learners pausing before each choice so that about {@code bench.pacedRate} choices/s are offered.
   */
  private void paced(List<Learner> learners, ServerProcess server) throws Exception {
    int rate = Integer.getInteger("bench.pacedRate", 1000);
    int pause = Math.max(1, LEARNERS * 1000 / rate);
    pauseMs = pause;
    stopped = false;
    choiceNanos.clear();
    List<Future<Void>> loops = new ArrayList<>();
    learners.forEach(l -> loops.add(l.loop()));
    Thread.sleep(5000);
    long server0 = CpuTime.processNanos(server.pid());
    measuring = true;
    long t0 = System.nanoTime();
    Thread.sleep(MEASURE_S * 1000L);
    measuring = false;
    double seconds = (System.nanoTime() - t0) / 1e9;
    long serverCpu = CpuTime.processNanos(server.pid()) - server0;
    stopped = true;
    Future.all(loops).await(60, TimeUnit.SECONDS);
    pauseMs = 0;
    long[] c = choiceNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("  paced: %d learners pausing %d ms (±25%%) before each choice → %.0f choices/s; POST latency ms:"
        + " p50 %.2f  p95 %.2f  p99 %.2f  max %.2f (target p99 < 20); server JVM CPU per choice %.2f ms%n%n",
        LEARNERS, pause, c.length / seconds, CpuTime.percentileMs(c, 0.50),
        CpuTime.percentileMs(c, 0.95), CpuTime.percentileMs(c, 0.99), CpuTime.percentileMs(c, 1.0),
        c.length == 0 ? 0.0 : serverCpu / 1e6 / c.length);
    choiceNanos.clear();
  }

  private volatile double rssMb = -1;
  private volatile CpuTime.Threads threads;
  private volatile long requests;

  private void report(double seconds, long serverCpu, long dbCpu, long genCpu) {
    long[] c = choiceNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] p = pageNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%nScenario play benchmark: %d learners, server in its own process, %d cores, %.1f s measured,"
        + " load average %.1f%n", LEARNERS, Runtime.getRuntime().availableProcessors(), seconds,
        CpuTime.loadAverage());
    System.out.printf("  choices recorded: %d  → %.0f choices/s (target ≥ 3000)%n", c.length, c.length / seconds);
    System.out.printf("  choice POST latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f (target p99 < 20)%n",
        CpuTime.percentileMs(c, 0.50), CpuTime.percentileMs(c, 0.95), CpuTime.percentileMs(c, 0.99), CpuTime.percentileMs(c, 1.0));
    System.out.printf("  page GET latency ms (end pages, new attempts, after a stale post): p50 %.2f  p99 %.2f  (%d"
        + " pages, %.0f/s)%n", CpuTime.percentileMs(p, 0.50), CpuTime.percentileMs(p, 0.99), p.length,
        p.length / seconds);
    System.out.printf("  HTTP requests per choice: %.2f (every request the server answered, start and end pages"
        + " included)%n", c.length == 0 ? 0.0 : (double) requests / c.length);
    System.out.printf("  endings reached: %d, stale submissions: %d, errors: %d%n", endings.get(), stale.get(),
        errors.get());
    System.out.printf("  server RSS with %d active learners: %.1f MB (target ≤ 300)%n", LEARNERS, rssMb);
    if (c.length > 0) {
      double serverMs = serverCpu / 1e6 / c.length;
      double dbMs = dbCpu / 1e6 / c.length;
      System.out.printf("  CPU per choice and its next page: server JVM %.2f ms, PostgreSQL %.2f ms"
          + " (load generator %.2f ms, not counted)%n", serverMs, dbMs, genCpu / 1e6 / c.length);
      System.out.printf("    server by thread: %s%n", threads.perOperation(c.length));
      System.out.printf("  → 2 dedicated cores at this cost: about %.0f choices/s%n%n", 2000 / (serverMs + dbMs));
    }
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
    private final String token;
    private final String csrf;
    private final String id;
    private final Random random;

    Learner(String token, String csrf, String id, Random random) {
      this.token = token;
      this.csrf = csrf;
      this.id = id;
      this.random = random;
    }

    private String url(String path) {
      return path + "?s=" + token;
    }

    private String form(String... pairs) {
      List<String> all = new ArrayList<>(Arrays.asList(pairs));
      all.addAll(List.of("s", token, "csrf", csrf));
      return TestHttp.encode(TestHttp.form(all.toArray(String[]::new)));
    }

    /** Reads where the learner is, then plays on from that page until stopped. */
    Future<Void> loop() {
      return loop(null);
    }

    /** Plays on from {@code turn} (a new attempt's first turn), or from where the learner is when null. */
    private Future<Void> loop(String turn) {
      if (stopped) {
        return Future.succeededFuture();
      }
      if (turn != null) {
        return act(turn).recover(e -> {
          errors.incrementAndGet();
          return Future.succeededFuture();
        }).compose(this::loop);
      }
      long t0 = System.nanoTime();
      return call(HttpMethod.GET, url("/scenario/" + id + "/play"), null).compose(page -> {
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
      }).compose(this::loop);
    }

    /**
     * Chooses on {@code body} and goes on from the answer: the next turn (200) is played at once; after an ending
     * (a redirect to the end page) the end page is read and a new attempt started, whose first turn is answered
     * (for the loop to play on); null: go back to the loop (a stale post).
     */
    private Future<String> act(String body) {
      if (stopped) {
        return Future.succeededFuture();
      }
      if (pauseMs > 0) {
        io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
        long pause = Math.max(1, Math.round(pauseMs * (0.75 + random.nextDouble() * 0.5)));
        vertx.setTimer(pause, t -> later.complete());
        return later.future().compose(v -> post(body));
      }
      return post(body);
    }

    private Future<String> post(String body) {
      if (stopped) {
        return Future.succeededFuture();
      }
      List<String> choices = Player.choices(body);
      List<String> fields = new ArrayList<>(List.of("attempt", Player.field(body, "attempt"),
          "step", Player.field(body, "step")));
      String path = "/scenario/" + id + (choices.isEmpty() ? "/continue" : "/choose");
      if (!choices.isEmpty()) {
        fields.addAll(List.of("choice", choices.get(random.nextInt(choices.size()))));
      }
      long t0 = System.nanoTime();
      return call(HttpMethod.POST, path, form(fields.toArray(String[]::new))).compose(r -> {
        long took = System.nanoTime() - t0;
        if (r.status() == 200) {
          record(took);
          return act(r.body());
        }
        if (r.status() != 303) {
          errors.incrementAndGet();
          return Future.succeededFuture();
        }
        if (r.location().contains("notice=stale")) {
          stale.incrementAndGet();
          return Future.succeededFuture();
        }
        record(took);
        if (!r.location().contains("/end/")) {
          return Future.succeededFuture();
        }
        if (measuring) {
          endings.incrementAndGet();
        }
        long e0 = System.nanoTime();
        return call(HttpMethod.GET, r.location(), null).compose(end -> {
          if (measuring) {
            pageNanos.add(System.nanoTime() - e0);
          }
          return restart();
        });
      });
    }

    private void record(long took) {
      if (measuring) {
        choiceNanos.add(took);
      }
      if (counting) {
        counted.incrementAndGet();
      }
    }

    /** The start page, then a new attempt: answers its first turn (the answer to the start), or null. */
    private Future<String> restart() {
      return call(HttpMethod.GET, url("/scenario/" + id), null).compose(start -> call(HttpMethod.POST,
          "/scenario/" + id + "/start", form("latest", Player.field(start.body(), "latest"))))
          .map(first -> first.status() == 200 ? first.body() : null);
    }
  }
}
