package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.BenchmarkSeeds;
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


  @Test
  void senior_view_for_20_teams_6_rounds_10_cases_2_men() {
    try (TestServer server = TestServer.start(Map.of("AUDIT_CASE_REF_SECRET", AuditWorld.SECRET))) {
      TestSessions.Session senior = TestSessions.on(server).link("audit", Map.of("activity", "audit"))
          .person("bench-admin", "Bench Admin").role(Role.ADMINISTRATOR).create();
      TestDatabase.execute(server.database(), "INSERT INTO audit_bank_version (bank_id, version, sha256, source)"
          + " VALUES ('father-inclusion', 1, 'bench', 'x')");
      BenchmarkSeeds.audit(server.database(), senior.context().registrationId(), senior.context().deploymentId(),
          "bench", senior.context().personId().orElseThrow(), 20, 6);
      TestDatabase.execute(server.database(), "ANALYZE");
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
