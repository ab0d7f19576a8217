package uk.isafe.practice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.web.Feature;
import uk.isafe.practice.web.HttpProblem;

/** The server as a whole: health, migrations, metrics, home page, security headers, errors. */
class ServerTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestDatabase.fresh(), Map.of(), List.of(core -> new Feature() {
      @Override
      public void mount(Router router) {
        router.get("/test/boom").handler(ctx -> {
          throw new IllegalStateException("secret-token-abc must never be shown");
        });
        router.get("/test/refused").handler(ctx -> ctx.fail(new HttpProblem(403, "trainers-only",
            "error.trainersOnly.title", "error.trainersOnly.detail")));
      }
    }));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthz_is_up_when_the_database_answers() {
    HttpResponse<String> r = server.http().get("/healthz");
    assertEquals(200, r.statusCode());
    JsonObject body = new JsonObject(r.body());
    assertEquals("UP", body.getString("status"));
    assertEquals("UP", body.getString("database"));
  }

  @Test
  void cleartext_http2_by_upgrade_is_refused_so_nothing_tunnels_past_a_proxy() throws Exception {
    // Java's client asks for h2c (Upgrade: h2c) on plain HTTP; the server answers in HTTP/1.1 and never switches.
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_2).build();
    HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        server.url("/healthz"))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, r.version());
    // Said by hand, with the settings header h2c requires: no 101 Switching Protocols.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
          + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      assertEquals("HTTP/1.1 200 OK", statusLine);
    }
  }

  @Test
  void migrations_are_applied_at_start_up() throws Exception {
    long applied = server.core().pool()
        .query("SELECT count(*) FROM flyway_schema_history WHERE success").execute()
        .map(rows -> rows.iterator().next().getLong(0)).await(10, TimeUnit.SECONDS);
    assertTrue(applied >= 1, "at least V1 applied, got " + applied);
    long tables = server.core().pool()
        .query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'launch_session'").execute()
        .map(rows -> rows.iterator().next().getLong(0)).await(10, TimeUnit.SECONDS);
    assertEquals(1, tables);
  }

  @Test
  void metrics_answer_in_prometheus_format_with_request_and_pool_figures() {
    server.http().get("/healthz");
    HttpResponse<String> r = server.http().get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("vertx_http_server_requests_total"), "request counts");
    assertTrue(r.body().contains("vertx_http_server_response_time_seconds"), "latencies");
    assertTrue(r.body().contains("vertx_pool"), "pool usage");
  }

  @Test
  void home_page_lists_the_urls_an_lms_administrator_needs() {
    HttpResponse<String> r = server.http().get("/", "Accept", "text/html");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    String base = "http://localhost:" + server.port();
    assertTrue(r.body().contains(base + "/lti/login"), "login URL");
    assertTrue(r.body().contains(base + "/lti/launch"), "launch URL");
    assertTrue(r.body().contains(base + "/.well-known/jwks.json"), "JWKS URL");
    assertTrue(r.body().contains("lang=\"en-GB\""));
    String body = r.body();
    int registration = body.indexOf(base + "/lti/register");
    assertTrue(registration > 0 && registration < body.indexOf(base + "/lti/login"),
        "the registration URL comes first, the manual values after");
    assertTrue(body.contains("Registering by hand instead"), "manual values as the fallback");
    assertTrue(body.contains("production needs https://"), "an http address is flagged");
    server.core().activities().catalogue().forEach(e ->
        assertTrue(body.contains("activity=" + e.activity()), "lists " + e.activity()));
    assertTrue(!server.core().activities().catalogue().isEmpty());
  }

  @Test
  void every_response_carries_security_headers_with_framing_limited() {
    HttpResponse<String> r = server.http().get("/");
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("frame-ancestors 'self'"), csp);
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
  }

  @Test
  void unknown_path_gets_the_html_404_page_in_a_browser() {
    HttpResponse<String> r = server.http().get("/no/such/page", "Accept", "text/html,application/xhtml+xml");
    assertEquals(404, r.statusCode());
    assertTrue(r.body().contains("Page not found"), r.body());
    assertTrue(r.body().contains("<main"), "a full page in the layout");
  }

  @Test
  void unknown_path_gets_problem_json_for_an_api_caller() {
    HttpResponse<String> r = server.http().get("/api/nothing", "Accept", "application/json");
    assertEquals(404, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonObject p = new JsonObject(r.body());
    assertEquals(404, p.getInteger("status"));
    assertEquals("not-found", p.getString("code"));
  }

  @Test
  void an_exception_in_a_handler_gets_a_friendly_page_without_a_stack_trace() {
    HttpResponse<String> r = server.http().get("/test/boom", "Accept", "text/html");
    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("Sorry, something went wrong"), r.body());
    assertFalse(r.body().contains("IllegalStateException"));
    assertFalse(r.body().contains("secret-token-abc"));
    assertFalse(r.body().contains("at uk.isafe"));
  }

  @Test
  void an_exception_in_a_handler_gets_problem_json_for_an_api_caller() {
    HttpResponse<String> r = server.http().get("/test/boom", "Accept", "application/json");
    assertEquals(500, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonObject p = new JsonObject(r.body());
    assertEquals("internal", p.getString("code"));
    assertFalse(r.body().contains("secret-token-abc"));
  }

  @Test
  void a_domain_refusal_keeps_its_status_and_explanation() {
    HttpResponse<String> html = server.http().get("/test/refused", "Accept", "text/html");
    assertEquals(403, html.statusCode());
    assertTrue(html.body().contains("Only trainers can see this page"));
    HttpResponse<String> json = server.http().get("/test/refused", "Accept", "application/json");
    assertEquals("trainers-only", new JsonObject(json.body()).getString("code"));
  }

  @Test
  void static_assets_are_served_with_govuk_frontend() {
    assertEquals(200, server.http().get("/assets/isafe.css").statusCode());
    assertEquals(200, server.http().get("/assets/govuk/govuk-frontend.min.css").statusCode());
  }
}
