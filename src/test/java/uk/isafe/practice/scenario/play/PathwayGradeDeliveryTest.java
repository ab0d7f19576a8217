package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/**
 * One learner in a standalone scenario activity and in a pathway activity of the same course, each with its own grade
 * item in a Moodle-like platform: each activity gets its own grade and nothing else (no extra columns unless asked),
 * and the end page says truthfully what happened to the result (queued, then sent; unchanged; not beaten).
 */
class PathwayGradeDeliveryTest {
  private static final String SCENARIO = "dad-not-on-file";
  private static final String COURSE = "pg-course";
  private static FakeAgsPlatform platform;
  private static TestServer server;

  @BeforeAll
  static void start() {
    SigningKey key = GradesTesting.newKey();
    platform = FakeAgsPlatform.start(key.publicKey(), TestSessions.CLIENT_ID);
    server = GradesTesting.server(TestDatabase.fresh(), key, GradesTesting.fast(),
        Map.of("SCENARIOS_DIR", Path.of("scenarios").toAbsolutePath().toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
    platform.close();
  }

  private static Player on(String link, String activity) {
    TestSessions.Session s = TestSessions.on(server).course(COURSE).link(link, Map.of("activity", activity))
        .person("pg-learner", "Learner").role(Role.LEARNER)
        .ags(platform.lineItemClaim(COURSE, link), platform.lineItemsUrl(COURSE)).create();
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    return new Player(server, s, SCENARIO);
  }

  /** Plays to an ending taking option {@code pick} (or the last) at each turn; returns the end page's URL. */
  private static String playToEnd(Player p, int pick) {
    HttpResponse<String> r = p.start();
    String page = p.follow(r).body();
    for (int i = 0; i < 200; i++) {
      // By choice id, not by position: options are shown in an order shuffled per attempt.
      List<String> options = Player.choices(page).stream().sorted().toList();
      r = options.isEmpty() ? p.advance(page) : p.choose(page, options.get(Math.min(pick, options.size() - 1)));
      String next = Player.location(r);
      page = p.follow(r).body();
      if (next.contains("/end/")) {
        return next;
      }
    }
    throw new AssertionError("no ending");
  }

  private static double score(Player p, String endUrl) {
    String id = endUrl.replaceAll(".*/end/([^?]+).*", "$1");
    return p.rows("SELECT score::float8 FROM scenario_attempt WHERE id = $1::uuid", id).get(0).getDouble(0);
  }

  @Test
  void each_activity_gets_its_own_grade_and_the_learner_is_told_what_happened() {
    String standaloneItem = platform.activityLineItem(COURSE, "pg-standalone", "Dad not on file", 100);
    String pathwayItem = platform.activityLineItem(COURSE, "pg-pathway", "Core practice", 100);
    Player standalone = on("pg-standalone", "scenario:" + SCENARIO);
    Player pathway = on("pg-pathway", "pathway:fathers-core");

    String alone = playToEnd(standalone, 0);
    double aloneScore = score(standalone, alone);
    await("standalone score sent", () -> platform.grade(standaloneItem, "pg-learner").isPresent());
    assertEquals(Optional.of(aloneScore), platform.grade(standaloneItem, "pg-learner"));
    await("the end page says 'sent' once the tool recorded the platform's acceptance", () ->
        standalone.get(alone).body().contains("Your score has been sent to your course gradebook."));
    assertTrue(platform.grade(pathwayItem, "pg-learner").isEmpty(), "nothing leaks into the pathway");

    String first = playToEnd(pathway, 0);
    double score = score(pathway, first);
    int n = uk.isafe.practice.assessment.pathway.PathwayLibrary.load(Path.of("scenarios/pathways"),
            uk.isafe.practice.assessment.instrument.InstrumentLibrary.load(Path.of("scenarios/instruments")))
        .find("fathers-core").orElseThrow().scenarioIds().size();
    double expected = Math.round(score / n * 10) / 10.0;
    await("pathway grade sent", () -> platform.grade(pathwayItem, "pg-learner").isPresent());
    assertEquals(Optional.of(expected), platform.grade(pathwayItem, "pg-learner"),
        "one of the pathway's n scenarios completed: the pathway grade is its score / n");
    assertEquals(Optional.of(aloneScore), platform.grade(standaloneItem, "pg-learner"), "standalone untouched");
    await("the pathway scenario's end page says 'sent'", () -> pathway.get(first).body()
        .contains("Your new pathway grade has been sent to your course gradebook."));
    String firstPage = pathway.get(first).body();
    assertTrue(firstPage.contains("id=\"back-to-pathway\""));

    String again = playToEnd(pathway, 0);
    assertEquals(score, score(pathway, again), 1e-9, "the same path, the same score");
    assertTrue(pathway.get(again).body().contains("your pathway grade did not change"),
        "not 'being sent' when nothing changed");
    String worse = playToEnd(standalone, 9);
    double retake = score(standalone, worse);
    String retakePage = standalone.get(worse).body();
    assertTrue(retake <= aloneScore ? retakePage.contains("it does not beat the result that already counts")
        : retakePage.contains("queued") || retakePage.contains("has been sent"), retake + " after " + aloneScore);

    assertEquals(2, platform.lineItems().size(), "one grade per activity, no extra columns: "
        + platform.lineItems());
    assertEquals(1, platform.accepted(pathwayItem, "pg-learner").size(), "sent once");
    assertTrue(platform.received().stream().allMatch(r -> r.scoreGiven() != null
        && "FullyGraded".equals(r.gradingProgress())), "never a score without a value");
    String pathwayPage = server.http().get(pathway.session.url("/pathway/fathers-core")).body();
    assertTrue(pathwayPage.contains(String.format(java.util.Locale.UK, "%.1f out of 100", expected)), pathwayPage);
  }
}
