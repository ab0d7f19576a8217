package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * Who is refused what, and how bad input is answered: each refusal is a clear page with the right status, and nothing
 * already saved is lost.
 */
class AuditAccessTest {
  private static AuditWorld w;
  private static long round;
  private static long caseOfA;

  @BeforeAll
  static void start() {
    w = new AuditWorld().organised();
    round = w.openRound("Autumn", "NC3001\nNC3002", "SC4001", 0);
    caseOfA = w.assignments(w.auditorA).get(0);
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @Test
  void a_learner_with_no_audit_role_is_refused_everywhere_with_a_reason() {
    HttpResponse<String> home = w.get(w.learner, "/audit");
    assertEquals(403, home.statusCode());
    assertTrue(home.body().contains("You do not have a role in this audit"), home.body());
    assertEquals(403, w.get(w.learner, "/audit/case/" + caseOfA).statusCode());
    assertEquals(403, w.get(w.learner, "/audit/organisation").statusCode());
    assertEquals(403, w.get(w.learner, "/audit/admin").statusCode());
    assertEquals(403, w.post(w.learner, "/audit/admin/teams", "name", "Mine").statusCode());
  }

  @Test
  void an_auditor_cannot_open_a_case_assigned_to_someone_else_or_the_leaders_views() {
    TestSessions.Session other = TestSessions.on(w.server).link("audit-link", Map.of("activity", "audit"))
        .person("aud-c", "Cam Auditor").role(Role.TRAINER).create();
    HttpResponse<String> r = w.get(other, "/audit/case/" + caseOfA);
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("This case is not assigned to you"), r.body());
    assertEquals(403, w.get(w.auditorA, "/audit/organisation").statusCode());
    assertEquals(403, w.get(w.auditorA, "/audit/team/" + w.north).statusCode());
    assertEquals(403, w.get(w.auditorA, "/audit/rounds").statusCode());
  }

  @Test
  void a_team_leader_sees_their_team_only() {
    assertEquals(200, w.get(w.northLeader, "/audit/team/" + w.north).statusCode());
    HttpResponse<String> other = w.get(w.northLeader, "/audit/team/" + w.south);
    assertEquals(403, other.statusCode());
    assertTrue(other.body().contains("teams you lead"), other.body());
    assertEquals(403, w.get(w.northLeader, "/audit/team/" + w.south + "/export.csv").statusCode());
    assertEquals(403, w.get(w.northLeader, "/audit/organisation").statusCode());
    assertEquals(200, w.get(w.senior, "/audit/team/" + w.south).statusCode(), "senior leaders see every team");
  }

  @Test
  void another_deployment_sees_nothing_of_this_organisation() {
    TestSessions.Session stranger = TestSessions.on(w.server).deployment("other-la").course("other-course")
        .link("audit-link", Map.of("activity", "audit")).person("admin-x", "Xan Admin").role(Role.ADMINISTRATOR)
        .create();
    assertEquals(404, w.get(stranger, "/audit/case/" + caseOfA).statusCode(), "no such case in their organisation");
    assertEquals(404, w.get(stranger, "/audit/rounds/" + round).statusCode());
    HttpResponse<String> org = w.get(stranger, "/audit/organisation");
    assertEquals(200, org.statusCode());
    assertFalse(org.body().contains("North") || org.body().contains("Autumn"), "their own, empty organisation");
    HttpResponse<String> find = w.post(stranger, "/audit/find", "reference", "NC3001");
    assertEquals(404, find.statusCode(), "references are keyed per organisation");
  }

  @Test
  void an_unknown_reference_is_answered_clearly_and_a_known_one_opens_the_case() {
    HttpResponse<String> unknown = w.post(w.auditorA, "/audit/find", "reference", "ZZ9999");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("No audited case has this reference"), unknown.body());
    assertEquals(400, w.post(w.auditorA, "/audit/find", "reference", "  ").statusCode());
    HttpResponse<String> known = w.post(w.auditorA, "/audit/find", "reference", "nc 3001");
    assertEquals(303, known.statusCode(), known.body());
    assertTrue(known.headers().firstValue("Location").orElseThrow().startsWith("/audit/case/"));
    assertEquals(403, w.post(w.southLeader, "/audit/find", "reference", "NC3001").statusCode(),
        "a North case is not for the South team leader");
  }

  @Test
  void a_form_posted_twice_keeps_the_answers_and_says_what_happened() {
    long a = w.assignments(w.auditorA).get(1);
    int v = w.version(a);
    assertEquals(303, w.post(w.auditorA, "/audit/case/" + a + "/men", "role", "partner", "version", "" + v)
        .statusCode());
    int fresh = w.version(a);
    List<String> form = new ArrayList<>(List.of("version", "" + fresh));
    BankItem first = AuditWorld.BANK.manItems().get(0);
    form.addAll(List.of("answer-" + first.id(), "no"));
    assertEquals(303, w.post(w.auditorA, "/audit/case/" + a + "/man/1", form.toArray(String[]::new)).statusCode());
    List<String> again = new ArrayList<>(List.of("version", "" + fresh, "answer-" + first.id(), "partly"));
    HttpResponse<String> twice = w.post(w.auditorA, "/audit/case/" + a + "/man/1", again.toArray(String[]::new));
    assertEquals(409, twice.statusCode());
    assertTrue(twice.body().contains("were not saved"), twice.body());
    assertTrue(twice.body().contains("value=\"partly\" checked"), "the posted answer is shown again");
    assertEquals(List.of(0L), w.longs("SELECT count(*) FROM audit_answer WHERE assignment_id = " + a
        + " AND answer = 'partly'"));
    assertEquals(List.of(1L), w.longs("SELECT count(*) FROM audit_answer WHERE assignment_id = " + a
        + " AND answer = 'no'"), "the first save is kept");
  }

  @Test
  void na_without_a_reason_and_a_comment_with_a_name_are_refused_while_the_rest_is_saved() {
    long a = w.assignments(w.auditorA).get(2);
    assertEquals(303, w.post(w.auditorA, "/audit/case/" + a + "/men", "role", "father-elsewhere", "version",
        "" + w.version(a)).statusCode());
    HttpResponse<String> r = w.post(w.auditorA, "/audit/case/" + a + "/man/1", "version", "" + w.version(a),
        "answer-m-seen", "na", "answer-m-pr", "yes");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("Choose why the question does not apply"), r.body());
    assertEquals(List.of(1L), w.longs("SELECT count(*) FROM audit_answer WHERE assignment_id = " + a));
    HttpResponse<String> c = w.post(w.auditorA, "/audit/case/" + a + "/child", "version", "" + w.version(a),
        "comment", "Including Mr Kowalczyk made the plan safer.", "judgement", "good");
    assertEquals(400, c.statusCode());
    assertTrue(c.body().contains("looks like a name"), c.body());
    assertEquals(List.of(0L), w.longs("SELECT count(*) FROM audit_assignment WHERE comment ILIKE '%Kowalczyk%'"));
    assertEquals(List.of(1L), w.longs("SELECT count(*) FROM audit_assignment WHERE id = " + a
        + " AND judgement = 'good'"), "the judgement is kept");
  }

  @Test
  void a_stale_form_after_the_round_moves_to_moderation_is_refused_without_loss() {
    TestSessions.Session otherAuditor = w.auditorB;
    long r2 = w.openRound("Winter", "ND5001", "SD6001", 0);
    long a = w.longs("SELECT a.id FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id WHERE c.round_id = "
        + r2 + " ORDER BY a.id").get(0);
    assertEquals(303, w.post(w.auditorA, "/audit/case/" + a + "/men", "role", "partner", "version",
        "" + w.version(a)).statusCode());
    int v = w.version(a);
    assertEquals(303, w.post(w.admin, "/audit/rounds/" + r2 + "/state", "from", "open", "to", "moderating")
        .statusCode());
    HttpResponse<String> late = w.post(w.auditorA, "/audit/case/" + a + "/man/1", "version", "" + v,
        "answer-m-seen", "yes");
    assertEquals(409, late.statusCode());
    assertTrue(late.body().contains("value=\"yes\" checked"), "the auditor’s answer is on the page to copy");
    assertEquals(403, w.get(otherAuditor, "/audit/case/" + a).statusCode());
  }

  @Test
  void a_team_leader_looks_up_a_case_of_their_team_by_reference_and_the_view_is_recorded() {
    long before = w.longs("SELECT count(*) FROM audit_case_view WHERE purpose = 'lookup'").get(0);
    HttpResponse<String> r = w.post(w.northLeader, "/audit/find", "reference", "NC3002");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("Your opening of this case has been recorded"), r.body());
    assertEquals(before + 1, w.longs("SELECT count(*) FROM audit_case_view WHERE purpose = 'lookup'").get(0));
  }

  @Test
  void a_bank_version_changed_after_use_is_refused_until_its_version_is_raised() {
    w.longs("SELECT 1");
    uk.isafe.practice.testsupport.TestDatabase.execute(w.server.database(),
        "UPDATE audit_bank_version SET sha256 = 'changed' WHERE bank_id = 'father-inclusion'");
    try {
      HttpResponse<String> r = w.post(w.admin, "/audit/rounds", "title", "After edit", "kind", "live", "bank",
          "father-inclusion", "casesPerTeam", "2", "doubleShare", "0", "auditor", "" + w.person(w.auditorA),
          "cases-" + w.north, "NF9001");
      assertEquals(409, r.statusCode());
      assertTrue(r.body().contains("Raise the version number"), r.body());
      assertEquals(List.of(0L), w.longs("SELECT count(*) FROM audit_round WHERE title = 'After edit'"),
          "nothing half-made");
    } finally {
      uk.isafe.practice.testsupport.TestDatabase.execute(w.server.database(), "UPDATE audit_bank_version SET sha256 = '"
          + AuditWorld.BANK.sha256() + "' WHERE bank_id = 'father-inclusion'");
    }
  }
}
