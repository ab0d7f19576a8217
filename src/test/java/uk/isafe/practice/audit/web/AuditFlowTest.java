package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A live round end to end through real HTTP on a real database: set-up, sampling, auditing, double audit and
 * moderation, the leaders' views and exports, and a scan of every table for clear-text references and names.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditFlowTest {
  private static AuditWorld w;
  private static long round;

  @BeforeAll
  static void start() {
    w = new AuditWorld().organised();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @Test
  @Order(1)
  void the_activity_link_opens_the_audit_for_trainers_and_the_home_page_shows_roles() {
    HttpResponse<String> launch = w.get(w.auditorA, "/activity");
    assertEquals(303, launch.statusCode());
    assertTrue(launch.headers().firstValue("Location").orElseThrow().startsWith("/audit"), "not the gradebook");
    HttpResponse<String> home = w.get(w.auditorA, "/audit");
    assertEquals(200, home.statusCode(), home.body());
    assertTrue(home.body().contains("Auditor"));
    assertEquals(200, w.get(w.admin, "/audit/admin").statusCode());
  }

  @Test
  @Order(2)
  void a_round_is_sampled_from_pasted_references_shown_once_and_opened() {
    HttpResponse<String> refused = w.post(w.admin, "/audit/rounds", "title", "Bad", "bank", "father-inclusion",
        "casesPerTeam", "5", "doubleShare", "0", "auditor", "" + w.person(w.auditorA), "cases-" + w.north,
        "NB1001\nJohn Smith, cp");
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("North, line 2: a case reference must contain a number"), refused.body());
    assertTrue(refused.body().contains("NB1001"), "what was typed is kept");
    assertEquals(0, w.longs("SELECT count(*) FROM audit_round").get(0));

    HttpResponse<String> created = w.post(w.admin, "/audit/rounds", "title", "Spring", "kind", "live", "bank",
        "father-inclusion", "casesPerTeam", "10", "doubleShare", "50", "auditor", "" + w.person(w.auditorA),
        "auditor", "" + w.person(w.auditorB), "cases-" + w.north, "NB1001, cp, 5-9\nNB1002, cin, 1-4",
        "cases-" + w.south, "SB2001, assessment, 10-15");
    assertEquals(200, created.statusCode(), created.body());
    assertTrue(created.body().contains("NB1001") && created.body().contains("SB2001"), "the sample is shown once");
    round = w.longs("SELECT id FROM audit_round WHERE title = 'Spring'").get(0);
    assertEquals(3, w.longs("SELECT count(*) FROM audit_case WHERE round_id = " + round).get(0));
    assertEquals(2, w.longs("SELECT count(*) FROM audit_case WHERE double_audit AND round_id = " + round).get(0),
        "50% of 2 is 1 for North, 50% of 1 is 1 for South");
    assertEquals(303, w.post(w.admin, "/audit/rounds/" + round + "/state", "from", "planned", "to", "open")
        .statusCode());
    HttpResponse<String> again = w.post(w.admin, "/audit/rounds/" + round + "/state", "from", "planned", "to",
        "open");
    assertEquals(303, again.statusCode(), "a second click is harmless");
    assertTrue(again.headers().firstValue("Location").orElseThrow().contains("stale=1"));
  }

  @Test
  @Order(3)
  void auditors_audit_their_cases_and_double_audits_wait_for_moderation() {
    List<Long> mineA = w.assignments(w.auditorA);
    List<Long> mineB = w.assignments(w.auditorB);
    assertFalse(mineA.isEmpty());
    for (long a : mineA) {
      HttpResponse<String> page = w.get(w.auditorA, "/audit/case/" + a);
      assertEquals(200, page.statusCode(), page.body());
      w.auditAll(w.auditorA, a, "father-elsewhere", "yes");
    }
    for (long a : mineB) {
      w.auditAll(w.auditorB, a, "father-elsewhere", "no");
    }
    List<Long> pending = w.longs("SELECT c.id FROM audit_case c WHERE c.round_id = " + round + " AND c.double_audit "
        + "AND NOT EXISTS (SELECT 1 FROM audit_man_result m WHERE m.case_id = c.id)");
    assertEquals(2, pending.size(), "disagreeing double audits are not counted before moderation");
    assertEquals(1, w.longs("SELECT count(DISTINCT case_id) FROM audit_man_result").get(0));
    assertTrue(w.longs("SELECT count(*) FROM audit_case_view").get(0) >= mineA.size(), "views are recorded");
    String org = w.get(w.senior, "/audit/organisation").body();
    assertEquals("10 | 1 | 10%", completion(org, "North"), "North's single audit counts; its double waits");
    assertEquals("10 | 0 | 0%", completion(org, "South"), "South's only case is a double audit still waiting");
  }

  @Test
  @Order(4)
  void a_moderator_resolves_every_difference_and_the_case_counts() {
    assertEquals(303, w.post(w.admin, "/audit/rounds/" + round + "/state", "from", "open", "to", "moderating")
        .statusCode());
    for (long caseId : w.longs("SELECT id FROM audit_case WHERE double_audit AND round_id = " + round)) {
      HttpResponse<String> page = w.get(w.admin, "/audit/moderate/" + caseId);
      assertEquals(200, page.statusCode(), page.body());
      List<String> form = new ArrayList<>();
      for (var i : AuditWorld.BANK.manItems()) {
        form.addAll(List.of("agreed-1-" + i.id(), "partly", "reason-1-" + i.id(), "Evidence is partial"));
      }
      for (var i : AuditWorld.BANK.childItems()) {
        form.addAll(List.of("agreed-0-" + i.id(), "no", "reason-0-" + i.id(), "Not on the file"));
      }
      HttpResponse<String> saved = w.post(w.admin, "/audit/moderate/" + caseId, form.toArray(String[]::new));
      assertEquals(303, saved.statusCode(), saved.body());
    }
    assertEquals(3, w.longs("SELECT count(DISTINCT case_id) FROM audit_man_result").get(0));
    assertEquals(403, w.get(w.auditorA, "/audit/moderate/" + w.longs("SELECT id FROM audit_case WHERE double_audit")
        .get(0)).statusCode(), "an auditor is not a moderator");
  }

  @Test
  @Order(5)
  void leaders_see_their_views_and_exports() {
    HttpResponse<String> team = w.get(w.northLeader, "/audit/team/" + w.north);
    assertEquals(200, team.statusCode(), team.body());
    assertTrue(team.body().contains("<svg"), "chart");
    assertTrue(team.body().contains("Identified and recorded"));
    HttpResponse<String> org = w.get(w.senior, "/audit/organisation");
    assertEquals(200, org.statusCode(), org.body());
    assertEquals("10 | 2 | 20%", completion(org.body(), "North"), "completion against plan, once moderated");
    assertEquals("10 | 1 | 10%", completion(org.body(), "South"));
    assertTrue(org.body().contains("funnel") || org.body().contains("Funnel"));
    assertTrue(org.body().contains("association"));
    HttpResponse<String> csv = w.get(w.senior, "/audit/organisation/export.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().startsWith("\uFEFF\"Round\""), csv.body());
    assertTrue(csv.body().contains("\"Spring\",\"North\""), csv.body());
    assertEquals(200, w.get(w.senior, "/audit/organisation/summary").statusCode());
    assertEquals(200, w.get(w.northLeader, "/audit/team/" + w.north + "/export.csv").statusCode());
  }

  @Test
  @Order(6)
  void no_clear_text_case_reference_or_refused_comment_is_anywhere_in_the_database() {
    List<String> found = new ArrayList<>();
    List<String[]> columns = new ArrayList<>();
    w.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND "
        + "data_type IN ('text', 'jsonb', 'bytea', 'character varying', 'ARRAY')", rs -> columns.add(new String[] {
            rs.getString(1), rs.getString(2)}));
    assertTrue(columns.size() > 20, "the scan covers the schema");
    for (String[] c : columns) {
      for (String needle : List.of("NB1001", "NB1002", "SB2001", "nb1001")) {
        w.query("SELECT count(*) FROM \"" + c[0] + "\" WHERE convert_from(convert_to(\"" + c[1] + "\"::text, 'UTF8'),"
            + " 'UTF8') ILIKE '%" + needle + "%' OR encode(convert_to(\"" + c[1] + "\"::text, 'UTF8'), 'escape') "
            + "ILIKE '%" + needle + "%'", rs -> {
              if (rs.getLong(1) > 0) {
                found.add(c[0] + "." + c[1] + " contains " + needle);
              }
            });
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  @Order(7)
  void raw_answers_are_deleted_after_the_retention_period_and_the_counted_results_kept() {
    assertEquals(303, w.post(w.admin, "/audit/rounds/" + round + "/state", "from", "moderating", "to", "closed")
        .statusCode());
    long results = w.longs("SELECT count(*) FROM audit_man_result").get(0);
    var purge = new uk.isafe.practice.audit.data.RetentionData();
    assertEquals(0, purge.purge(w.server.core().pool()).await().answers(), "not yet: closed today");
    uk.isafe.practice.testsupport.TestDatabase.execute(w.server.database(),
        "UPDATE audit_round SET closed_at = now() - interval '25 months' WHERE id = " + round);
    var purged = purge.purge(w.server.core().pool()).await();
    assertTrue(purged.answers() > 0 && purged.moderations() > 0, purged.toString());
    assertEquals(List.of(0L), w.longs("SELECT count(*) FROM audit_answer"));
    assertEquals(List.of(results), w.longs("SELECT count(*) FROM audit_man_result"));
    assertEquals(200, w.get(w.senior, "/audit/organisation").statusCode(), "the views still work");
  }

  @Test
  @Order(8)
  void a_calibration_round_scores_each_auditor_against_the_agreed_answers() {
    HttpResponse<String> created = w.post(w.admin, "/audit/rounds", "title", "Calibration 1", "kind", "calibration",
        "bank", "father-inclusion", "casesPerTeam", "1", "doubleShare", "0", "auditor", "" + w.person(w.auditorA),
        "cases-" + w.north, "CAL-1");
    assertEquals(200, created.statusCode(), created.body());
    long cal = w.longs("SELECT id FROM audit_round WHERE title = 'Calibration 1'").get(0);
    assertEquals(303, w.post(w.admin, "/audit/rounds/" + cal + "/state", "from", "planned", "to", "open")
        .statusCode());
    long agreed = w.longs("SELECT a.id FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id WHERE "
        + "c.round_id = " + cal + " AND a.kind = 'agreed'").get(0);
    long trainee = w.longs("SELECT a.id FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id WHERE "
        + "c.round_id = " + cal + " AND a.kind = 'calibration'").get(0);
    w.auditAll(w.admin, agreed, "father-resident", "yes");
    w.auditAll(w.auditorA, trainee, "father-resident", "yes");
    HttpResponse<String> page = w.get(w.auditorA, "/audit/case/" + trainee);
    int total = AuditWorld.BANK.manItems().size() + AuditWorld.BANK.childItems().size();
    assertTrue(page.body().contains("You matched " + total + " of " + total + " agreed answers (100%)"), page.body());
    assertTrue(page.body().contains("ready for live audits"));
    assertEquals(List.of(0L), w.longs("SELECT count(*) FROM audit_man_result m JOIN audit_case c ON c.id = "
        + "m.case_id WHERE c.round_id = " + cal), "calibration never counts");

    long live = w.openRound("Summer", "NG1001", "SG2001", 0);
    long liveA = w.longs("SELECT a.id FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id WHERE c.round_id = "
        + live + " AND a.auditor_id = " + w.person(w.auditorA)).get(0);
    assertEquals(303, w.post(w.auditorA, "/audit/case/" + liveA + "/men", "role", "partner", "version",
        "" + w.version(liveA)).statusCode(), "auditor A passed calibration");
    uk.isafe.practice.testsupport.TestDatabase.execute(w.server.database(), "UPDATE audit_answer SET answer = 'no' "
        + "WHERE assignment_id = " + trainee);
    HttpResponse<String> blocked = w.get(w.auditorA, "/audit/case/" + liveA);
    assertTrue(blocked.body().contains("checks calibration before live audits"), blocked.body());
    assertEquals(409, w.post(w.auditorA, "/audit/case/" + liveA + "/men", "role", "partner", "version",
        "" + w.version(liveA)).statusCode(), "below the pass mark: no live answers");
  }

  @Test
  @Order(9)
  void a_no_raises_an_action_with_an_owner_and_due_date_that_leaders_follow_to_closure() {
    long b = w.assignments(w.auditorB).get(0);
    HttpResponse<String> form = w.get(w.auditorB, "/audit/actions/new?assignment=" + b + "&item=m-seen");
    assertEquals(200, form.statusCode(), form.body());
    HttpResponse<String> named = w.post(w.auditorB, "/audit/actions", "assignment", "" + b, "item", "m-seen",
        "description", "Ask Mr Jones to the review", "owner", "" + w.person(w.northLeader), "due-day", "1",
        "due-month", "2", "due-year", "2020");
    assertEquals(400, named.statusCode());
    assertTrue(named.body().contains("Remove names"), named.body());
    HttpResponse<String> bad = w.post(w.auditorB, "/audit/actions", "assignment", "" + b, "description",
        "Invite fathers living elsewhere to reviews", "owner", "" + w.person(w.northLeader), "due-day", "31",
        "due-month", "2", "due-year", "2020");
    assertEquals(400, bad.statusCode(), "31 February is not a date");
    assertEquals(303, w.post(w.auditorB, "/audit/actions", "assignment", "" + b, "item", "m-seen", "description",
        "Invite fathers living elsewhere to reviews", "owner", "" + w.person(w.northLeader), "due-day", "1",
        "due-month", "2", "due-year", "2020").statusCode());
    long action = w.longs("SELECT max(id) FROM audit_action").get(0);
    HttpResponse<String> list = w.get(w.senior, "/audit/actions");
    assertTrue(list.body().contains("Overdue"), list.body());
    HttpResponse<String> org = w.get(w.senior, "/audit/organisation");
    assertTrue(org.body().contains("Invite fathers living elsewhere"), "overdue actions go up to the senior view");
    assertEquals(400, w.post(w.northLeader, "/audit/actions/" + action, "status", "done").statusCode(),
        "closing needs a note");
    assertEquals(303, w.post(w.northLeader, "/audit/actions/" + action, "status", "done", "note",
        "Invitations now go to both parents").statusCode());
    assertEquals(List.of(1L), w.longs("SELECT count(*) FROM audit_action WHERE status = 'done' AND closed_at IS NOT "
        + "NULL"));
  }

  /** A team's row of the organisation view's completion table: planned | counted | percentage. */
  private static String completion(String page, String team) {
    int table = page.indexOf("Cases counted against cases planned");
    assertTrue(table > 0, "completion table shown");
    String section = page.substring(table, page.indexOf("</table>", table));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(">" + team + "</th>((?:<td[^>]*>[^<]*</td>)+)")
        .matcher(section);
    assertTrue(m.find(), team + " in " + section);
    return String.join(" | ", m.group(1).replaceAll("<td[^>]*>", "").split("</td>"));
  }
}
