package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.assessment.web.AssessmentHttp.answerAll;
import static uk.isafe.practice.assessment.web.AssessmentHttp.location;
import static uk.isafe.practice.assessment.web.AssessmentHttp.path;

import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The whole route through the fake platform's real LTI 1.3 launch: pathway page, pre wave, the eight scenarios (their
 * completions inserted into scenario_attempt by the contract, as the scenario player would record them), post wave,
 * and the learner's change.
 */
class PathwayEndToEndTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture();
  private static final String[] SCENARIOS = {"dad-not-on-file", "the-order", "already-decided",
      "nights-and-weekends", "dad-abroad", "the-man-in-the-house", "before-the-baby", "before-proceedings"};

  private static void sql(String sql, Object... args) throws Exception {
    fixture.server().core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS);
  }

  @Test
  void launch_pathway_then_pre_scenarios_post_and_see_the_change() throws Exception {
    FakePlatform.Launch launch = fixture.launch(LaunchSpec.learner().sub("e2e-1").context("c-e2e", "Cohort")
        .resourceLink("rl-path", "Working with fathers").custom("activity", "pathway:fathers-core"));
    assertEquals(303, launch.status(), () -> "refused: " + launch.reason());
    HttpResponse<String> dispatched = fixture.server().http().get(launch.location());
    assertEquals(303, dispatched.statusCode());
    assertTrue(location(dispatched).startsWith("/pathway/fathers-core?s="), location(dispatched));
    assertTrue(fixture.server().http().get(location(dispatched)).body()
        .contains("Before you start: Working with fathers"));

    LaunchContext ctx = fixture.server().core().sessions().find(launch.sessionToken()).await(10, TimeUnit.SECONDS)
        .orElseThrow();
    TestSessions.Session s = new TestSessions.Session(launch.sessionToken(), ctx);
    answerAll(fixture.server(), s, "pre", item -> item.reverse() ? 4 : 3, item -> 0);

    String pathwayAfterPre = fixture.server().http().get(s.url("/pathway/fathers-core")).body();
    assertTrue(pathwayAfterPre.contains("href=\"/scenario/dad-not-on-file?s="), "scenarios open after pre");
    assertEquals(200, fixture.server().http().get(s.url("/scenario/dad-not-on-file")).statusCode(),
        "the real player answers");
    sql(PathwayPageTest.CONTRACT_TABLE);
    for (String id : SCENARIOS) {
      sql(PathwayPageTest.INSERT_ATTEMPT, UUID.randomUUID(), ctx.courseId(), ctx.resourceLinkId().orElse(null),
          ctx.personId().orElseThrow(), id, "completed");
    }
    String pathway = fixture.server().http().get(s.url("/pathway/fathers-core")).body();
    assertTrue(pathway.contains("href=\"/assessment/working-with-fathers/post?s="), "post is open: " + pathway);

    HttpResponse<String> done = answerAll(fixture.server(), s, "post", item -> item.reverse() ? 2 : 5, item -> 2);
    assertTrue(location(done).contains("result="), location(done));
    String page = fixture.server().http().get(s.url(path("post"))).body();
    assertTrue(page.contains("Your confidence rose from 3.0 to 5.0 out of 7 (self-reported)."), page);
    assertTrue(page.contains("Your skills in engaging fathers rose from 3.0 to 5.0 out of 7"), page);
    assertTrue(page.contains("How well these approaches work rose from 3.0 to 5.0 out of 5"), page);
    assertFalse(page.contains("Your view of your team and service rose"), "the team is asked again at follow-up, "
        + "not minutes after the training");
    assertTrue(page.contains("Back to your learning pathway"));
  }
}
