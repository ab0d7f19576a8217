package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.testsupport.FakeLti11Consumer;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** A Totara learner launches over LTI 1.1, plays a scenario to its ending, and the score reaches Totara. */
class Lti11PlayTest {

  @Test
  void a_learner_who_plays_to_an_ending_gets_the_score_through_basic_outcomes() throws IOException {
    Path config = Files.createTempDirectory("lti-config");
    Files.createDirectories(config.resolve("consumers"));
    Files.writeString(config.resolve("consumers/totara.yaml"), "consumer_key: t-key\nshared_secret: t-secret\n");
    try (FakeLti11Consumer totara = FakeLti11Consumer.start("t-key", "t-secret");
        TestServer server = GradesTesting.server(TestDatabase.fresh(), GradesTesting.newKey(), GradesTesting.fast(),
            Map.of("LTI_CONFIG_DIR", config.toString()))) {
      HttpResponse<String> launched = totara.post(server, totara.sign(totara.learnerLaunch("learner-9",
          "scenario:dad-not-on-file"), server.url("/lti/1p1/launch")));
      assertEquals(303, launched.statusCode(), launched.body());
      String location = launched.headers().firstValue("Location").orElseThrow();
      String token = location.substring(location.indexOf("s=") + 2);
      LaunchContext context = GradesTesting.run(server.core().sessions().find(token)).orElseThrow();
      Player p = new Player(server, new TestSessions.Session(token, context), "dad-not-on-file");
      String page = p.follow(p.start()).body();
      Random random = new Random(9);
      String end = null;
      for (int step = 0; step < 300 && end == null; step++) {
        List<String> choices = Player.choices(page);
        HttpResponse<String> r = choices.isEmpty() ? p.advance(page)
            : p.choose(page, choices.get(random.nextInt(choices.size())));
        if (Player.location(r).contains("/end/")) {
          end = Player.location(r);
        } else {
          page = p.follow(r).body();
        }
      }
      assertNotNull(end, "reached an ending");
      double score = GradesTesting.run(server.core().pool().preparedQuery(
          "SELECT score::float8 FROM scenario_attempt WHERE person_id = $1 AND status = 'completed'")
          .execute(io.vertx.sqlclient.Tuple.of(p.personId())).map(rows -> rows.iterator().next().getDouble(0)));
      await("score at Totara", () -> totara.outcomes().stream().anyMatch(o -> o.answered() == 200));
      FakeLti11Consumer.Outcome o = totara.outcomes().get(0);
      assertTrue(o.signatureValid() && o.bodyHashValid());
      assertEquals(score / 100, o.score(), 0.006);
    }
  }
}
