package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Scenario text comes through the launch locale's table when the scenario has one, else the source text. */
class ScenarioLocaleTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SCENARIOS_DIR", "src/test/resources/scenarios/web-cy"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private Player player(String sub, String locale) {
    return new Player(server, TestSessions.on(server).course("locale").link("l", Map.of()).person(sub, sub)
        .role(Role.LEARNER).locale(locale).create(), "tiny-call");
  }

  @Test
  void a_welsh_launch_sees_the_welsh_table_and_an_english_launch_the_source() {
    Player cy = player("cy-1", "cy");
    String start = cy.startPage().body();
    assertTrue(start.contains("[cy] A first call"), start);
    assertTrue(start.contains("[cy] Dan, [cy] Mia’s father"));
    String turn1 = cy.follow(cy.start()).body();
    assertTrue(turn1.contains("[cy] Who is this?"), turn1);
    assertTrue(turn1.contains("[cy] It sounds like this call"));
    String turn2 = cy.follow(cy.choose(turn1, "reflect-surprise")).body();
    assertTrue(turn2.contains("[cy] He pauses."), "reaction through the table");

    Player en = player("en-1", "en-GB");
    String enStart = en.startPage().body();
    assertTrue(enStart.contains("A first call"));
    assertFalse(enStart.contains("[cy]"), enStart);
  }
}
