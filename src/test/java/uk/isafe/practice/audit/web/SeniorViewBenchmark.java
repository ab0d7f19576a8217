package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.PageTimer;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The senior leader's view for 20 teams x 6 rounds x 10 cases x 2 men (4 indicators each; one case in ten audited
 * twice with raw answers, for the agreement table; 10 practitioners per team for training completion) on the embedded
 * database: full HTTP round trips, sequential, after a warm-up. Target: p99 under 300 ms. Run with
 * {@code mvn -Pbench test -Dtest=SeniorViewBenchmark}; prints its figures.
 */
@Tag("benchmark")
class SeniorViewBenchmark {
  static final int WARM_UP = 30;
  static final int SAMPLES = Integer.getInteger("bench.samples", 200);

  static final String SEED = """
      INSERT INTO audit_bank_version (bank_id, version, sha256, source) VALUES ('father-inclusion', 1, 'bench', 'x');
      INSERT INTO person (registration_id, subject, name) VALUES (%1$d, 'bench-second', 'Second Auditor');
      INSERT INTO audit_team (registration_id, deployment_id, name)
        SELECT %1$d, '%2$s', 'Team ' || lpad(g::text, 2, '0') FROM generate_series(1, 20) g;
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, 'bench-sw-' || g, 'Practitioner ' || g FROM generate_series(1, 200) g;
      INSERT INTO audit_team_member (team_id, person_id)
        SELECT t.id, p.id FROM audit_team t JOIN person p ON p.subject = 'bench-sw-' || ((t.id - 1) %% 20 * 10 + 1
          + (p.id %% 10)) WHERE t.registration_id = %1$d;
      INSERT INTO audit_round (registration_id, deployment_id, title, bank_id, bank_version, state, closed_at)
        SELECT %1$d, '%2$s', 'Round ' || g, 'father-inclusion', 1, 'closed', now() FROM generate_series(1, 6) g;
      INSERT INTO audit_round_team (round_id, team_id, planned)
        SELECT r.id, t.id, 10 FROM audit_round r CROSS JOIN audit_team t;
      INSERT INTO audit_case (round_id, team_id, number, ref_hash, age_band, stage, double_audit)
        SELECT r.id, t.id, (t.id - 1) * 10 + n, decode(md5(r.id || '/' || t.id || '/' || n) || md5('x' || r.id || '/'
          || t.id || '/' || n), 'hex'), (ARRAY['under-1','1-4','5-9','10-15','16-plus'])[1 + n %% 5],
          (ARRAY['assessment','cin','cp','lac'])[1 + (t.id + n) %% 4], n = 1
        FROM audit_round r CROSS JOIN audit_team t CROSS JOIN generate_series(1, 10) n;
      INSERT INTO audit_assignment (case_id, auditor_id, kind, status, judgement, submitted_at)
        SELECT c.id, %3$d, 'primary', 'submitted', 'good', now() FROM audit_case c;
      INSERT INTO audit_assignment (case_id, auditor_id, kind, status, judgement, submitted_at)
        SELECT c.id, (SELECT id FROM person WHERE subject = 'bench-second'), 'second', 'submitted', 'good', now()
        FROM audit_case c WHERE c.double_audit;
      INSERT INTO audit_man (assignment_id, ordinal, role)
        SELECT a.id, m, (ARRAY['father-resident','father-elsewhere','partner','other-male','unknown'])[1 + (a.case_id + m) %% 5]
        FROM audit_assignment a CROSS JOIN generate_series(1, 2) m;
      INSERT INTO audit_answer (assignment_id, man_ordinal, item_id, answer, na_reason)
        SELECT a.id, m, i, (ARRAY['yes','partly','no','yes'])[1 + (a.id + m + length(i)) %% 4], NULL
        FROM audit_assignment a JOIN audit_case c ON c.id = a.case_id AND c.double_audit
        CROSS JOIN generate_series(1, 2) m
        CROSS JOIN unnest(ARRAY['m-identified','m-details','m-pr','m-considered','m-informed','m-seen','m-voice',
          'm-attempts','m-risk','m-resource','m-history','m-capacity','m-support','m-checks','m-sources','m-invited',
          'm-plan','m-safety','m-child-view']) i;
      INSERT INTO audit_man_result (case_id, man_ordinal, role, indicator_id, outcome)
        SELECT c.id, m, (ARRAY['father-resident','father-elsewhere','partner','other-male','unknown'])[1 + (c.id + m) %% 5],
          i, (ARRAY['met','not_met','met','not_eligible','not_met'])[1 + (c.id * 3 + m + length(i) + c.round_id) %% 5]
        FROM audit_case c CROSS JOIN generate_series(1, 2) m
        CROSS JOIN unnest(ARRAY['identified','engaged','assessed','included']) i;
      ANALYZE;
      """;

  @Test
  void senior_view_for_20_teams_6_rounds_10_cases_2_men() {
    try (TestServer server = TestServer.start(Map.of("AUDIT_CASE_REF_SECRET", AuditWorld.SECRET))) {
      TestSessions.Session senior = TestSessions.on(server).link("audit", Map.of("activity", "audit"))
          .person("bench-admin", "Bench Admin").role(Role.ADMINISTRATOR).create();
      TestDatabase.execute(server.database(), String.format(Locale.ROOT, SEED, senior.context().registrationId(),
          senior.context().deploymentId(), senior.context().personId().orElseThrow()));
      String url = senior.url("/audit/organisation");
      HttpResponse<String> first = server.http().get(url);
      assertEquals(200, first.statusCode(), first.body());
      assertTrue(first.body().contains("Team 20") && first.body().contains("Round 6"));
      Runtime rt = Runtime.getRuntime();
      PageTimer.Measured measured = PageTimer.measure(server, url, WARM_UP, SAMPLES);
      System.out.printf(Locale.ROOT, "%nBENCHMARK audit senior view: 20 teams x 6 rounds x 10 cases x 2 men; %d samples "
          + "after %d warm-up; page %d KB%n", SAMPLES, WARM_UP, first.body().length() / 1024);
      System.out.printf(Locale.ROOT, "BENCHMARK target p99 < 300 ms; heap used %d MB%n",
          (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
      measured.print();
    }
  }

}
