package uk.isafe.practice.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * A bounded, seeded fuzz of the endpoints that take input from outside: login, launch, the player's forms, the
 * questionnaire's forms and the case-file audit's forms, over real HTTP on loopback (raw sockets, so that broken encodings reach the server as sent).
 * Every answer must be below 500, no page may show a stack trace, and no client mistake may be logged as an ERROR.
 */
class InputFuzzTest {
  private static final long SEED = 20261128L;
  /** Raw (already encoded) values that have broken the server before, and their relatives. */
  private static final List<String> RAW = List.of("%00", "a%00b", "%zz", "%", "%4", "%e9", "%ED%A0%80", "%C0%80",
      "%FF%FE", "%F4%90%80%80", "%u0000", "%%", "+%2", "%0D%0ASet-Cookie:%20x=1", "%3Cscript%3E", "%E2%80%AE",
      "%22%7D%7B%22", "%5Cu0000", "x".repeat(5000));
  /** Decoded text that a platform may put in a signed claim. */
  private static final List<String> CLAIMS = List.of("\u0000", "name\u0000", "\uD800", "a\uDC00b", "\\u0000",
      "<b>x</b>", "\u202Eevil", "x".repeat(3000), "\uD83D\uDE00 ok");

  static FakePlatform lms;
  static TestServer server;
  private ListAppender<ILoggingEvent> log;

  @BeforeAll
  static void start() {
    lms = FakePlatform.start();
    server = TestServer.start(Map.of("AUDIT_CASE_REF_SECRET", "fuzz-secret-for-case-references-0123456789"));
    lms.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  @BeforeEach
  void captureLog() {
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
  }

  @Test
  void login_query_strings_and_forms() throws IOException {
    Random random = new Random(SEED);
    String[] names = {"iss", "login_hint", "target_link_uri", "client_id", "lti_message_hint", "lti_deployment_id",
        "lti_storage_target"};
    for (int i = 0; i < 240; i++) {
      String query = params(random, names);
      check(raw("GET", "/lti/login?" + query, null, null));
      check(raw("POST", "/lti/login", "application/x-www-form-urlencoded", query));
    }
    assertQuiet();
  }

  @Test
  void launch_posts() throws IOException {
    Random random = new Random(SEED + 1);
    String[] names = {"id_token", "state", "s", "utf8"};
    for (int i = 0; i < 160; i++) {
      check(raw("POST", "/lti/launch", "application/x-www-form-urlencoded", params(random, names)));
      check(raw("POST", "/lti/launch?" + params(random, names), "application/json", "{\"id_token\":\"\\u0000\"}"));
    }
    check(chunked("/lti/launch", "zz\r\nabc\r\n0\r\n\r\n"));
    check(chunked("/lti/launch", "-1\r\nabc\r\n0\r\n\r\n"));
    check(chunked("/lti/launch", "ffffffffffffffffff\r\nabc\r\n"));
    assertQuiet();
  }

  @Test
  void signed_launches_with_hostile_claims() {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < 60; i++) {
      String value = CLAIMS.get(random.nextInt(CLAIMS.size()));
      LaunchSpec spec = switch (i % 6) {
        case 0 -> LaunchSpec.learner().name(value, value);
        case 1 -> LaunchSpec.learner().locale(value);
        case 2 -> LaunchSpec.learner().custom("activity", value);
        case 3 -> LaunchSpec.learner().custom(value, "x");
        case 4 -> LaunchSpec.learner().context("c-" + value, value);
        default -> LaunchSpec.learner().resourceLink("l-" + value, value);
      };
      FakePlatform.Launch launch = lms.launch(server, spec);
      assertTrue(launch.status() < 500, "status " + launch.status() + " for claim " + escape(value));
      assertNoStackTrace(launch.response() == null ? "" : launch.response().body());
    }
    assertQuiet();
  }

  @Test
  void player_and_questionnaire_forms() throws IOException {
    Random random = new Random(SEED + 3);
    TestSessions.Session session = TestSessions.on(server).person("fuzz-learner", "Fuzz Learner").create();
    List<Supplier<String>> paths = List.of(() -> "/scenario/dad-not-on-file/start",
        () -> "/scenario/dad-not-on-file/choose", () -> "/scenario/dad-not-on-file/continue",
        () -> "/assessment/working-with-fathers/pre", () -> "/assessment/working-with-fathers/post",
        () -> "/scenario/" + RAW.get(random.nextInt(RAW.size())) + "/choose",
        () -> "/assessment/" + RAW.get(random.nextInt(RAW.size())) + "/pre");
    String[] names = {"choice", "attempt", "step", "latest", "path", "section", "confidence-1", "action"};
    for (int i = 0; i < 200; i++) {
      String body = "s=" + session.token() + "&csrf=" + session.context().csrfToken() + "&" + params(random, names);
      check(raw("POST", paths.get(random.nextInt(paths.size())).get(), "application/x-www-form-urlencoded", body));
      check(raw("GET", "/scenario/dad-not-on-file/play?s=" + session.token() + "&" + params(random, names), null,
          null));
    }
    assertQuiet();
  }

  @Test
  void audit_forms() throws IOException {
    Random random = new Random(SEED + 4);
    Map<String, String> link = Map.of("activity", "audit");
    List<TestSessions.Session> people = List.of(
        TestSessions.on(server).link("audit-fuzz", link).person("fuzz-admin", "Fuzz Admin")
            .role(uk.isafe.practice.lti.Role.ADMINISTRATOR).create(),
        TestSessions.on(server).link("audit-fuzz", link).person("fuzz-auditor", "Fuzz Auditor")
            .role(uk.isafe.practice.lti.Role.TRAINER).create());
    String[] paths = {"/audit/actions", "/audit/actions/%s", "/audit/admin/settings", "/audit/admin/teams",
        "/audit/admin/members", "/audit/admin/grants", "/audit/admin/grants/%s/revoke", "/audit/case/%s/men",
        "/audit/case/%s/man/%s", "/audit/case/%s/man/%s/remove", "/audit/case/%s/child", "/audit/case/%s/submit",
        "/audit/find", "/audit/moderate/%s", "/audit/rounds", "/audit/rounds/%s/state"};
    String[] names = {"name", "team", "role", "person", "reference", "references", "sample", "size", "state", "version",
        "item", "answer", "na_reason", "comment", "due_on", "owner", "description", "status", "closure_note",
        "man_role", "age_band", "judgement", "pass_mark", "double_share"};
    String[] ids = {"1", "2", "0", "-1", "99999999999999999999", "abc", "%00", "%zz", "1%2F2"};
    for (int i = 0; i < 240; i++) {
      TestSessions.Session s = people.get(i % people.size());
      String path = String.format(paths[random.nextInt(paths.length)], ids[random.nextInt(ids.length)],
          ids[random.nextInt(ids.length)]);
      String body = "s=" + s.token() + "&csrf=" + s.context().csrfToken() + "&" + params(random, names);
      check(raw("POST", path, "application/x-www-form-urlencoded", body));
    }
    assertQuiet();
  }

  @Test
  void a_refused_request_gets_the_page_and_one_warning_naming_the_reason() throws IOException {
    Answer a = raw("GET", "/lti/login?iss=%zz", null, null);
    assertEquals(400, a.status);
    assertTrue(a.body.contains("could not be read"), a.body);
    Answer json = raw("POST", "/lti/launch", "application/x-www-form-urlencoded", "id_token=%00");
    assertEquals(400, json.status);
    List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN
        && e.getFormattedMessage().contains("code=bad-input")).toList();
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).getFormattedMessage().contains("reason=query has broken percent-encoding"));
    assertTrue(warnings.get(1).getFormattedMessage().contains("reason=form contains a NUL character"));
    assertQuiet();
  }

  private static String params(Random random, String[] names) {
    Map<String, String> p = new LinkedHashMap<>();
    int n = 1 + random.nextInt(names.length);
    for (int k = 0; k < n; k++) {
      String v = random.nextInt(4) == 0 ? "ok-" + random.nextInt(1000) : RAW.get(random.nextInt(RAW.size()));
      p.put(names[random.nextInt(names.length)], v);
    }
    List<String> parts = new ArrayList<>();
    p.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join("&", parts);
  }

  private record Answer(int status, String body) {
  }

  private static void check(Answer a) {
    assertTrue(a.status > 0 && a.status < 500, "status " + a.status + ": " + a.body.substring(0,
        Math.min(300, a.body.length())));
    assertNoStackTrace(a.body);
  }

  private static void assertNoStackTrace(String body) {
    assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("uk.isafe.practice."),
        "a page shows internals");
  }

  private void assertQuiet() {
    List<String> errors = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(List.of(), errors, "client mistakes are not errors");
  }

  private static Answer raw(String method, String target, String contentType, String body) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Accept: text/html\r\nConnection: close\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), content);
  }

  private static Answer chunked(String path, String badChunks) throws IOException {
    String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
    return exchange(head.getBytes(StandardCharsets.ISO_8859_1), badChunks.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Answer exchange(byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (IOException closedEarly) {
        // A connection the server closed on a broken request: judged by what arrived.
      }
      String text = all.toString(StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        return new Answer(400, "(connection closed without an answer)");
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      return new Answer(status, split < 0 ? "" : text.substring(split + 4));
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(20).forEach(c -> b.append(c < 32 || c > 126 ? String.format("\\u%04x", c) : (char) c));
    return b.toString();
  }
}
