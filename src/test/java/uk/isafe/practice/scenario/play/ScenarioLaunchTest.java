package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * The whole flow from the learning platform: an LTI 1.3 launch through the fake platform (real signed id_token,
 * real JWKS) with {@code activity=scenario:tiny-call}, the dispatcher, then play, leave, relaunch and resume,
 * double submit and restart.
 */
class ScenarioLaunchTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture(Map.of("SCENARIOS_DIR", ScenarioPlayerTest.FIXTURES));

  /** Launches and follows the dispatcher to the scenario's start page; returns a player on that session. */
  private Player launch(String sub) throws Exception {
    FakePlatform.Launch l = fixture.launch(LaunchSpec.learner().sub(sub)
        .resourceLink("scenario-link", "A first call").custom("activity", "scenario:tiny-call"));
    assertNotNull(l.sessionToken(), l.reason());
    LaunchContext ctx = fixture.server().core().sessions().find(l.sessionToken()).await(10, TimeUnit.SECONDS)
        .orElseThrow();
    Player p = new Player(fixture.server(), new TestSessions.Session(l.sessionToken(), ctx), "tiny-call");
    String location = l.location();
    for (int hops = 0; hops < 5 && !location.startsWith("/scenario/"); hops++) {
      HttpResponse<String> r = fixture.server().http().get(location);
      assertEquals(303, r.statusCode(), location + " → " + r.body());
      location = Player.location(r);
    }
    assertTrue(location.startsWith("/scenario/tiny-call"), location);
    HttpResponse<String> start = fixture.server().http().get(location);
    assertEquals(200, start.statusCode(), start.body());
    assertTrue(start.body().contains("A first call"));
    return p;
  }

  @Test
  void launched_learner_plays_leaves_relaunches_resumes_double_submits_and_restarts() throws Exception {
    Player first = launch("lti-learner-1");
    String turn1 = first.follow(first.start()).body();
    String turn2 = first.follow(first.choose(turn1, "reflect-surprise")).body();
    assertTrue(turn2.contains("So what do you want from me?"));

    Player again = launch("lti-learner-1");
    assertTrue(again.startPage().body().contains("Carry on where you left off"), "a new launch can resume");
    String resumed = again.play().body();
    assertTrue(resumed.contains("So what do you want from me?"), resumed);

    HttpResponse<String> a = again.choose(resumed, "ask-details");
    HttpResponse<String> b = again.choose(resumed, "ask-details");
    assertTrue(Player.location(a).contains("/end/"));
    assertTrue(Player.location(b).contains("/end/"), "the second submit finds the attempt finished");
    String end = again.follow(a).body();
    assertTrue(end.contains("He agrees to stay in touch"), end);
    assertEquals(2, again.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt t"
        + " ON t.id = e.attempt_id WHERE t.person_id = $1", again.personId()));
    assertEquals(again.session.context().resourceLinkId().orElseThrow(), again.rows(
        "SELECT resource_link_id FROM scenario_attempt WHERE person_id = $1", again.personId()).get(0).getLong(0));

    again.follow(again.post("/scenario/tiny-call/start", "latest", Player.field(end, "latest")));
    assertEquals(2, again.attempts());
    assertEquals(1, again.count("SELECT count(*) FROM scenario_attempt WHERE person_id = $1"
        + " AND status = 'completed'", again.personId()));
  }
}
