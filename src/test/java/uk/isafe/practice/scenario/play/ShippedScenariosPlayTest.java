package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Every scenario shipped in scenarios/ that the server serves can be played over HTTP to a recorded ending. */
class ShippedScenariosPlayTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SCENARIOS_DIR", "scenarios"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_served_shipped_scenario_plays_to_a_recorded_ending() throws Exception {
    ScenarioLibrary library = ScenarioLibrary.load(java.nio.file.Path.of("scenarios"));
    List<String> ids = library.all().stream().map(LoadedScenario::id).toList();
    assertFalse(ids.isEmpty(), "no shipped scenario is valid: " + library.problems());
    int n = 0;
    for (String id : ids) {
      TestSessions.Session s = TestSessions.on(server).course("shipped").link("link-" + id,
          Map.of("activity", "scenario:" + id)).person("shipped-" + (++n), "Learner").role(Role.LEARNER).create();
      Player p = new Player(server, s, id);
      HttpResponse<String> start = p.startPage();
      assertEquals(200, start.statusCode(), id);
      String page = p.follow(p.start()).body();
      Random random = new Random(id.hashCode());
      String location = null;
      for (int step = 0; step < 300 && location == null; step++) {
        List<String> choices = Player.choices(page);
        HttpResponse<String> r = choices.isEmpty() ? p.advance(page)
            : p.choose(page, choices.get(random.nextInt(choices.size())));
        assertEquals(303, r.statusCode(), id + ": " + r.body());
        if (Player.location(r).contains("/end/")) {
          location = Player.location(r);
        } else {
          page = p.follow(r).body();
          assertTrue(page.contains("Turn "), id + ": " + page);
        }
      }
      assertTrue(location != null, id + " did not reach an ending in 300 steps");
      String end = server.http().get(location).body();
      assertTrue(end.contains("Practice indicators"), id + ": " + end);
      assertTrue(end.contains("The whole conversation"), id);
      assertEquals(1, p.count("SELECT count(*) FROM scenario_attempt WHERE person_id = $1 AND status = 'completed'"
          + " AND scenario_id = $2", p.personId(), id));
    }
  }
}
