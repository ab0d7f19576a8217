package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** One learner (or trainer) playing through real HTTP: reads the forms' hidden fields as a browser would. */
final class Player {
  private static final Pattern HIDDEN = Pattern.compile("name=\"(attempt|step|path|latest)\" value=\"([^\"]*)\"");
  private static final Pattern RADIO = Pattern.compile("name=\"choice\" type=\"radio\" value=\"([^\"]+)\"");

  final TestServer server;
  final TestSessions.Session session;
  final String scenario;

  Player(TestServer server, TestSessions.Session session, String scenario) {
    this.server = server;
    this.session = session;
    this.scenario = scenario;
  }

  HttpResponse<String> get(String path) {
    return server.http().get(session.url(path));
  }

  HttpResponse<String> post(String path, String... pairs) {
    return server.http().postForm(path, session.formWith(pairs));
  }

  /**
   * The page a form post leads to: the page itself when it was sent in answer to the post (a choice that moved the
   * learner on), else the page its 303 leads to.
   */
  HttpResponse<String> follow(HttpResponse<String> redirect) {
    if (redirect.statusCode() == 200) {
      return redirect;
    }
    assertEquals(303, redirect.statusCode(), () -> "expected a redirect, got " + redirect.statusCode() + "\n"
        + redirect.body());
    return server.http().get(location(redirect));
  }

  /** Where a post's 303 leads; "" for a page sent in answer to the post itself (200: no redirect). */
  static String location(HttpResponse<String> r) {
    if (r.statusCode() == 200) {
      return "";
    }
    return r.headers().firstValue("Location").orElseThrow();
  }

  HttpResponse<String> startPage() {
    return get("/scenario/" + scenario);
  }

  /** Posts the start form as shown on the start page; returns the redirect. */
  HttpResponse<String> start() {
    String latest = field(startPage().body(), "latest");
    return post("/scenario/" + scenario + "/start", "latest", latest);
  }

  HttpResponse<String> play() {
    return get("/scenario/" + scenario + "/play");
  }

  /** Chooses on the page given (its attempt, step token and path); returns the redirect. */
  HttpResponse<String> choose(String page, String choiceId) {
    return post("/scenario/" + scenario + "/choose", formOf(page, "choice", choiceId));
  }

  HttpResponse<String> advance(String page) {
    return post("/scenario/" + scenario + "/continue", formOf(page));
  }

  private static String[] formOf(String page, String... extra) {
    List<String> pairs = new ArrayList<>();
    Matcher m = HIDDEN.matcher(page);
    while (m.find()) {
      if (!m.group(1).equals("latest")) {
        pairs.add(m.group(1));
        pairs.add(m.group(2).replace("&#44;", ","));
      }
    }
    pairs.addAll(List.of(extra));
    return pairs.toArray(String[]::new);
  }

  static String field(String page, String name) {
    Matcher m = HIDDEN.matcher(page);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no hidden field " + name + " in\n" + page);
  }

  static List<String> choices(String page) {
    List<String> out = new ArrayList<>();
    Matcher m = RADIO.matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Rows of a query against the server's database. */
  List<Row> rows(String sql, Object... args) {
    try {
      List<Row> out = new ArrayList<>();
      server.core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS)
          .forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String sql, Object... args) {
    return rows(sql, args).get(0).getLong(0);
  }

  long personId() {
    return session.context().personId().orElseThrow();
  }

  long attempts() {
    return count("SELECT count(*) FROM scenario_attempt WHERE person_id = $1 AND course_id = $2", personId(),
        session.context().courseId());
  }
}
