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
        // The next turn comes in answer to the post (200); an ending is a redirect to its page.
        assertEquals(Player.location(r).contains("/end/") ? 303 : 200, r.statusCode(), id + ": " + r.body());
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

  @Test
  void unsafe_choices_are_named_first_on_the_end_page_and_the_score_is_capped() throws Exception {
    LoadedScenario order = ScenarioLibrary.load(java.nio.file.Path.of("scenarios")).get("the-order").orElseThrow();
    java.util.Map<String, uk.isafe.practice.scenario.model.Choice> byId = new java.util.HashMap<>();
    order.scenario().nodes().values().forEach(n -> n.choices().forEach(c -> byId.put(c.id(), c)));
    TestSessions.Session s = TestSessions.on(server).course("shipped-unsafe").link("link-unsafe",
        Map.of("activity", "scenario:the-order")).person("shipped-unsafe", "Learner").role(Role.LEARNER).create();
    Player p = new Player(server, s, "the-order");
    String page = p.follow(p.start()).body();
    List<String> unsafe = new java.util.ArrayList<>();
    String location = null;
    for (int step = 0; step < 100 && location == null; step++) {
      List<String> choices = Player.choices(page);
      HttpResponse<String> r;
      if (choices.isEmpty()) {
        r = p.advance(page);
      } else {
        // the first unsafe option offered, else the first shown
        String pick = choices.stream().filter(id -> byId.get(id).tags().contains("SAFE-")).findFirst()
            .orElse(choices.get(0));
        if (byId.get(pick).tags().contains("SAFE-")) {
          unsafe.add(byId.get(pick).text());
        }
        r = p.choose(page, pick);
      }
      if (Player.location(r).contains("/end/")) {
        location = Player.location(r);
      } else {
        page = p.follow(r).body();
      }
    }
    assertTrue(location != null && !unsafe.isEmpty());
    String end = server.http().get(location).body();
    int safety = end.indexOf("Safety first");
    assertTrue(safety > 0 && safety < end.indexOf("id=\"debrief-heading\""), "named before the debrief");
    for (String said : unsafe) {
      int at = end.indexOf(said, safety);
      assertTrue(at > safety && at < end.indexOf("id=\"debrief-heading\""),
          "the unsafe choice is quoted in the safety box: " + said);
    }
    assertTrue(end.contains("capped at 40 out of 100"), end);
    double score = p.rows("SELECT score FROM scenario_attempt WHERE person_id = $1 AND status = 'completed'",
        p.personId()).get(0).getNumeric("score").doubleValue();
    assertTrue(score <= 40.0, "stored score capped: " + score);
  }
}
