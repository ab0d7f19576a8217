package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.audit.bank.BankLibrary;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestHttp;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * A small organisation for audit tests, driven through real HTTP: an administrator, two auditors (LMS instructors),
 * a team leader for each of two teams, a senior leader and a learner with no role; plus SQL reads for ids.
 */
final class AuditWorld {
  static final String SECRET = "test-secret-for-case-references-0123456789";
  static final AuditBank BANK = BankLibrary.load(Path.of("scenarios/audit")).find("father-inclusion").orElseThrow();
  final TestServer server;
  final TestSessions.Session admin;
  final TestSessions.Session auditorA;
  final TestSessions.Session auditorB;
  final TestSessions.Session northLeader;
  final TestSessions.Session southLeader;
  final TestSessions.Session senior;
  final TestSessions.Session learner;
  long north;
  long south;

  AuditWorld() {
    server = TestServer.start(Map.of("AUDIT_CASE_REF_SECRET", SECRET));
    Map<String, String> link = Map.of("activity", "audit");
    admin = TestSessions.on(server).link("audit-link", link).person("admin-1", "Ada Admin").role(Role.ADMINISTRATOR)
        .create();
    auditorA = TestSessions.on(server).link("audit-link", link).person("aud-a", "Alex Auditor").role(Role.TRAINER)
        .create();
    auditorB = TestSessions.on(server).link("audit-link", link).person("aud-b", "Bo Auditor").role(Role.TRAINER)
        .create();
    northLeader = TestSessions.on(server).link("audit-link", link).person("tl-n", "Nia Leader").create();
    southLeader = TestSessions.on(server).link("audit-link", link).person("tl-s", "Sol Leader").create();
    senior = TestSessions.on(server).link("audit-link", link).person("sr-1", "Sam Senior").create();
    learner = TestSessions.on(server).link("audit-link", link).person("sw-1", "Pat Practitioner").create();
  }

  /** Posts the pairs as a form; a name may repeat (check boxes), unlike with a map. */
  HttpResponse<String> post(TestSessions.Session s, String path, String... pairs) {
    StringBuilder body = new StringBuilder(TestHttp.encode(s.formWith()));
    for (int i = 0; i < pairs.length; i += 2) {
      body.append('&').append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return server.http().send(HttpRequest.newBuilder(server.http().resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  HttpResponse<String> get(TestSessions.Session s, String path) {
    return server.http().get(s.url(path));
  }

  long person(TestSessions.Session s) {
    return s.context().personId().orElseThrow();
  }

  /** Teams North and South, their leaders and the senior leader, through the administrator's page. */
  AuditWorld organised() {
    assertEquals(303, post(admin, "/audit/admin/teams", "name", "North").statusCode());
    assertEquals(303, post(admin, "/audit/admin/teams", "name", "South").statusCode());
    north = longs("SELECT id FROM audit_team WHERE name = 'North'").get(0);
    south = longs("SELECT id FROM audit_team WHERE name = 'South'").get(0);
    assertEquals(303, post(admin, "/audit/admin/grants", "person", "" + person(northLeader), "role", "team_leader",
        "team", "" + north).statusCode());
    assertEquals(303, post(admin, "/audit/admin/grants", "person", "" + person(southLeader), "role", "team_leader",
        "team", "" + south).statusCode());
    assertEquals(303, post(admin, "/audit/admin/grants", "person", "" + person(senior), "role", "senior_leader")
        .statusCode());
    assertEquals(303, post(admin, "/audit/admin/members", "person", "" + person(learner), "team", "" + north)
        .statusCode());
    return this;
  }

  /** Creates and opens a live round; returns its id. */
  long openRound(String title, String northCases, String southCases, int share) {
    HttpResponse<String> r = post(admin, "/audit/rounds", "title", title, "kind", "live", "bank", BANK.id(),
        "casesPerTeam", "10", "doubleShare", "" + share, "auditor", "" + person(auditorA),
        "cases-" + north, northCases, "cases-" + south, southCases);
    assertEquals(200, r.statusCode(), r.body());
    long id = longs("SELECT max(id) FROM audit_round").get(0);
    assertEquals(303, post(admin, "/audit/rounds/" + id + "/state", "from", "planned", "to", "open").statusCode());
    return id;
  }

  /** Adds one man and answers every item for him and the child with {@code answer}, then submits. */
  void auditAll(TestSessions.Session s, long assignment, String role, String answer) {
    String base = "/audit/case/" + assignment;
    assertEquals(303, post(s, base + "/men", "role", role, "version", "" + version(assignment)).statusCode());
    List<String> man = new ArrayList<>(List.of("version", "" + version(assignment)));
    for (BankItem i : BANK.manItems()) {
      man.add("answer-" + i.id());
      man.add(answer);
    }
    HttpResponse<String> saved = post(s, base + "/man/1", man.toArray(String[]::new));
    assertEquals(303, saved.statusCode(), saved.body());
    List<String> child = new ArrayList<>(List.of("version", "" + version(assignment), "judgement", "good"));
    for (BankItem i : BANK.childItems()) {
      child.add("answer-" + i.id());
      child.add(answer);
    }
    assertEquals(303, post(s, base + "/child", child.toArray(String[]::new)).statusCode());
    assertEquals(303, post(s, base + "/submit", "version", "" + version(assignment)).statusCode());
  }

  int version(long assignment) {
    return longs("SELECT version FROM audit_assignment WHERE id = " + assignment).get(0).intValue();
  }

  List<Long> assignments(TestSessions.Session s) {
    return longs("SELECT id FROM audit_assignment WHERE auditor_id = " + person(s) + " ORDER BY id");
  }

  List<Long> longs(String sql) {
    List<Long> out = new ArrayList<>();
    query(sql, rs -> out.add(rs.getLong(1)));
    return out;
  }

  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  void query(String sql, RowReader reader) {
    var db = server.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  void close() {
    server.close();
  }
}
