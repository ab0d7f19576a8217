package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * Attempts belong to the activity (resource link) they were started in: the same learner in a standalone scenario
 * activity and in a pathway that includes the same scenario has two separate histories; nothing started or finished
 * in one shows, resumes or counts in the other, and a link opens only the scenarios its activity includes.
 */
class ActivityScopeTest {
  private static final String SCENARIO = "dad-not-on-file";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SCENARIOS_DIR", Path.of("scenarios").toAbsolutePath().toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Player on(String link, String activity, String sub) {
    TestSessions.Session s = TestSessions.on(server).course("scope-course").link(link, Map.of("activity", activity))
        .person(sub, "Learner " + sub).role(Role.LEARNER).create();
    return new Player(server, s, SCENARIO);
  }

  /** Plays to an ending by always taking the first option (or Continue); returns the end page. */
  private static String playToEnd(Player p, HttpResponse<String> from) {
    String page = p.follow(from).body();
    for (int i = 0; i < 200; i++) {
      List<String> options = Player.choices(page);
      HttpResponse<String> r = options.isEmpty() ? p.advance(page) : p.choose(page, options.get(0));
      String next = Player.location(r);
      page = p.follow(r).body();
      if (next.contains("/end/")) {
        return page;
      }
    }
    throw new AssertionError("no ending");
  }

  @Test
  void an_unfinished_attempt_in_a_standalone_activity_is_not_resumed_or_counted_in_the_pathway() {
    Player standalone = on("scope-standalone", "scenario:" + SCENARIO, "scope-1");
    Player pathway = on("scope-pathway", "pathway:fathers-core", "scope-1");
    assertEquals(standalone.personId(), pathway.personId(), "one learner, two activities");

    standalone.rows("INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave,"
        + " status, completed_at) VALUES ($1, $2, 'working-with-fathers', 1, 'pre', 'completed', now()) RETURNING id",
        pathway.session.context().courseId(), pathway.personId());
    HttpResponse<String> started = standalone.start();
    String firstTurn = standalone.follow(started).body();
    standalone.choose(firstTurn, Player.choices(firstTurn).get(0));

    String inPathway = pathway.startPage().body();
    assertFalse(inPathway.contains("id=\"resume\""), "the standalone attempt is not offered for resuming here");
    assertTrue(inPathway.contains("id=\"back-to-pathway\""), "a pathway's scenario leads back to the pathway");
    HttpResponse<String> pathwayPlay = pathway.play();
    assertEquals(303, pathwayPlay.statusCode(), "no attempt in the pathway yet: back to the start page");
    String pathwayPage = server.http().get(pathway.session.url("/pathway/fathers-core")).body();
    assertTrue(pathwayPage.contains("Before you start"), pathwayPage);
    assertFalse(pathwayPage.contains("In progress"), "the standalone attempt does not show in the pathway");
    assertTrue(pathwayPage.contains("Not started"), "its scenario is open and not started there");

    String end = playToEnd(standalone, standalone.start());
    assertTrue(end.contains("id=\"overall\""));
    assertFalse(end.contains("back-to-pathway"), "a standalone scenario has no pathway to go back to");
    pathwayPage = server.http().get(pathway.session.url("/pathway/fathers-core")).body();
    assertFalse(pathwayPage.contains("Counted score"), "a scenario finished elsewhere is not completed here");

    String pathwayEnd = playToEnd(pathway, pathway.start());
    assertTrue(pathwayEnd.contains("id=\"back-to-pathway\""), "the ending leads back to the pathway");
    assertTrue(pathwayEnd.contains("counts towards your pathway grade"), pathwayEnd);
    pathwayPage = server.http().get(pathway.session.url("/pathway/fathers-core")).body();
    assertTrue(pathwayPage.contains("Counted score"), "completed in the pathway");
    assertTrue(pathwayPage.matches("(?s).*1 scenario of \\d+ completed\\..*"), pathwayPage);

    assertEquals(List.of("scenario:" + SCENARIO, "scenario:" + SCENARIO, "pathway:fathers-core"),
        standalone.rows("SELECT activity FROM scenario_attempt WHERE person_id = $1 ORDER BY started_at",
            standalone.personId()).stream().map(r -> r.getString(0)).toList(), "each attempt knows its activity");
    assertEquals(List.of(1, 2), standalone.rows("SELECT attempt_no FROM scenario_attempt a JOIN resource_link l"
        + " ON l.id = a.resource_link_id WHERE a.person_id = $1 AND l.link_id = 'scope-standalone'"
        + " ORDER BY attempt_no", standalone.personId()).stream().map(r -> r.getInteger(0)).toList());
    assertEquals(List.of(1), standalone.rows("SELECT attempt_no FROM scenario_attempt a JOIN resource_link l"
        + " ON l.id = a.resource_link_id WHERE a.person_id = $1 AND l.link_id = 'scope-pathway'",
        standalone.personId()).stream().map(r -> r.getInteger(0)).toList(), "numbered per activity");
  }

  @Test
  void a_link_opens_only_the_scenarios_its_activity_includes() {
    Player standalone = on("scope-other", "scenario:the-order", "scope-2");
    HttpResponse<String> refused = standalone.startPage();
    assertEquals(404, refused.statusCode());
    assertTrue(refused.body().contains("This scenario is not part of this activity"), refused.body());
    assertEquals(404, standalone.post("/scenario/" + SCENARIO + "/start", "latest", "0").statusCode(),
        "and nothing is started");
    assertEquals(0, standalone.attempts());

    Player pathway = on("scope-pathway-2", "pathway:fathers-core", "scope-2");
    assertEquals(200, pathway.startPage().statusCode(), "a pathway opens its own scenarios");
  }
}
