package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.engine.ChoiceOrder;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** The player end to end: real server, real PostgreSQL, real sessions, plain HTTP without JavaScript. */
class ScenarioPlayerTest {
  static final String FIXTURES = "src/test/resources/scenarios/web";
  private static final AtomicInteger PEOPLE = new AtomicInteger();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("SCENARIOS_DIR", FIXTURES));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Player learner(TestServer on, String course, Map<String, String> custom) {
    int n = PEOPLE.incrementAndGet();
    return new Player(on, TestSessions.on(on).course(course).link("link-" + course, custom)
        .person("learner-" + n, "Learner " + n).role(Role.LEARNER).create(), "tiny-call");
  }

  static Player learner() {
    return learner(server, "course-1", Map.of("activity", "scenario:tiny-call"));
  }

  @Test
  void unknown_scenario_shows_a_clear_not_found_page() {
    HttpResponse<String> r = learner().get("/scenario/no-such-thing");
    assertEquals(404, r.statusCode());
    assertTrue(r.body().contains("Scenario not found"), r.body());
    assertTrue(r.body().contains("no-such-thing"));
  }

  @Test
  void an_invalid_scenario_is_not_served_while_valid_ones_are() {
    Player p = learner();
    assertEquals(404, p.get("/scenario/broken-one").statusCode());
    HttpResponse<String> start = p.startPage();
    assertEquals(200, start.statusCode());
    assertTrue(start.body().contains("A first call"));
    assertTrue(start.body().contains("Dan, Mia’s father"), "cast listed");
    assertTrue(start.body().contains("About 5 minutes"));
  }

  @Test
  void learner_plays_to_an_ending_and_the_result_is_stored_with_scores() {
    Player p = learner();
    HttpResponse<String> turn1 = p.follow(p.start());
    assertTrue(turn1.body().contains("Who is this? How did you get my number?"), turn1.body());
    assertTrue(turn1.body().contains("Turn 1 of about"));
    assertTrue(turn1.body().contains("<legend"));
    List<String> authored = List.of("reflect-surprise", "ask-why-absent", "explain-process");
    UUID attempt = UUID.fromString(Player.field(turn1.body(), "attempt"));
    assertEquals(ChoiceOrder.shuffle(authored, ChoiceOrder.seed(attempt), "hello", 0), Player.choices(turn1.body()),
        "options are shown in the attempt's seeded order");
    assertEquals(Player.choices(turn1.body()), Player.choices(p.play().body()), "a reload shows the same order");

    HttpResponse<String> turn2 = p.follow(p.choose(turn1.body(), "reflect-surprise"));
    assertTrue(turn2.body().contains("He pauses."), "the reaction is shown");
    assertTrue(turn2.body().contains("Complex reflection"), "the tag is explained after each choice by default");
    assertTrue(turn2.body().contains("says back what he meant"), "coaching uses the cast’s pronouns for Dan");
    assertTrue(turn2.body().contains("So what do you want from me?"));
    assertTrue(Player.choices(turn2.body()).contains("ask-details"), "rapport now allows asking for details");

    HttpResponse<String> toEnd = p.choose(turn2.body(), "ask-details");
    String attemptId = Player.field(turn2.body(), "attempt");
    assertEquals("/scenario/tiny-call/end/" + attemptId, Player.location(toEnd).replaceAll("\\?.*", ""));
    String end = p.follow(toEnd).body();
    assertTrue(end.contains("He agrees to stay in touch"), end);
    assertTrue(end.contains("You reflected his surprise"), "debrief");
    assertTrue(end.contains("Practice indicators") && !end.contains("MITI score"));
    assertTrue(end.contains("Seeking collaboration"), "each choice's tags explained in the replay");
    assertTrue(end.contains("Your score is kept in this tool only: this activity is not set up to send results"),
        "whether the result goes to the LMS is stated, truthfully (this link has no grade service)");

    Row a = p.rows("SELECT status, score, outcome, ending_node, competency_scores, indicators, scenario_version,"
        + " content_hash FROM scenario_attempt WHERE id = $1", UUID.fromString(attemptId)).get(0);
    assertEquals("completed", a.getString("status"));
    assertEquals("engaged", a.getString("outcome"));
    assertEquals("engaged-end", a.getString("ending_node"));
    assertTrue(a.getBigDecimal("score").doubleValue() > 0);
    assertTrue(a.getJsonObject("competency_scores").containsKey("C6_mi_spirit"));
    assertEquals(1, a.getJsonObject("indicators").getInteger("reflections"));
    assertEquals(1, a.getInteger("scenario_version"));
    assertEquals(64, a.getString("content_hash").length());
    assertEquals(2, p.count("SELECT count(*) FROM scenario_choice_event WHERE attempt_id = $1",
        UUID.fromString(attemptId)));
  }

  @Test
  void learner_leaves_and_resumes_exactly_where_they_were_on_another_instance() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    p.follow(p.choose(turn1, "explain-process"));
    String narration = p.play().body();
    assertTrue(narration.contains("He sighs and asks again who you are."), narration);
    String afterNarration = p.follow(p.advance(narration)).body();
    assertTrue(afterNarration.contains("Who is this?"), "back at the first line after the narration");

    assertTrue(p.startPage().body().contains("Carry on where you left off"));
    try (TestServer other = TestServer.start(server.database(), Map.of("SCENARIOS_DIR", FIXTURES))) {
      Player same = new Player(other, p.session, "tiny-call");
      String resumed = same.play().body();
      assertTrue(resumed.contains("Who is this?"), resumed);
      assertEquals(Player.field(afterNarration, "step"), Player.field(resumed, "step"));
      assertEquals(Player.choices(afterNarration), Player.choices(resumed), "another instance shows the same order");
      same.follow(same.choose(resumed, "reflect-surprise"));
    }
    assertTrue(p.play().body().contains("So what do you want from me?"));
    List<Row> events = p.rows("SELECT seq, choice_id FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1 ORDER BY seq", p.personId());
    assertEquals(List.of("explain-process", "", "reflect-surprise"),
        events.stream().map(r -> r.getString("choice_id")).toList());
  }

  @Test
  void different_attempts_see_the_options_in_their_own_order_and_never_always_as_written() {
    List<String> authored = List.of("reflect-surprise", "ask-why-absent", "explain-process");
    java.util.Set<List<String>> orders = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      Player p = learner();
      String turn1 = p.follow(p.start()).body();
      List<String> shown = Player.choices(turn1);
      assertEquals(new java.util.HashSet<>(authored), new java.util.HashSet<>(shown), "a permutation");
      orders.add(shown);
    }
    assertTrue(orders.size() > 1, "eight attempts all saw one order: " + orders);
  }

  @Test
  void a_double_submitted_step_is_recorded_once() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    HttpResponse<String> first = p.choose(turn1, "reflect-surprise");
    HttpResponse<String> second = p.choose(turn1, "reflect-surprise");
    assertEquals(200, first.statusCode(), "the next turn, in answer to the post");
    assertEquals(303, second.statusCode());
    assertTrue(Player.location(second).contains("notice=stale"));
    assertEquals(1, p.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1", p.personId()));
  }

  @Test
  void a_step_the_database_does_not_confirm_in_time_gets_a_clear_page_and_the_learner_finds_their_place()
      throws Exception {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    var db = server.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      try (var lock = c.prepareStatement("SELECT 1 FROM scenario_attempt WHERE id = ?::uuid FOR UPDATE")) {
        lock.setString(1, Player.field(turn1, "attempt"));
        lock.executeQuery(); // another transaction holds the attempt: the step waits past the server's patience
      }
      HttpResponse<String> r = p.choose(turn1, "reflect-surprise");
      assertEquals(503, r.statusCode(), r.body());
      assertTrue(r.body().contains("Your choice may not have been saved"), r.body());
      assertTrue(r.body().contains("Go back to the scenario"), r.body());
      c.commit();
    }
    String now = "";
    for (int i = 0; i < 100 && !now.contains("ask-details"); i++) {
      Thread.sleep(50);
      now = p.play().body();
    }
    assertTrue(now.contains("value=\"ask-details\""), "the step went through once the row was free: " + now);
    String metrics = server.http().get("/metrics").body();
    assertTrue(metrics.contains("isafe_scenario_steps_unconfirmed_total 1.0"), "counted for operators");
    assertTrue(metrics.contains("isafe_scenario_steps_per_statement_count"), "grouping shown to operators");
    assertEquals(1, p.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1", p.personId()));
  }

  @Test
  void a_page_shown_here_whose_step_was_taken_on_another_instance_is_refused_as_stale_here() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    try (TestServer other = TestServer.start(server.database(), Map.of("SCENARIOS_DIR", FIXTURES))) {
      Player same = new Player(other, p.session, "tiny-call");
      String there = same.play().body();
      assertEquals(Player.field(turn1, "step"), Player.field(there, "step"));
      assertEquals(200, same.choose(there, "reflect-surprise").statusCode());
    }
    HttpResponse<String> here = p.choose(turn1, "ask-why-absent");
    assertEquals(303, here.statusCode());
    assertTrue(Player.location(here).contains("notice=stale"), Player.location(here));
    List<Row> events = p.rows("SELECT choice_id FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1", p.personId());
    assertEquals(List.of("reflect-surprise"), events.stream().map(r -> r.getString(0)).toList());
    assertTrue(p.play().body().contains("So what do you want from me?"), "the step taken there is shown here");
  }

  @Test
  void a_stale_form_after_the_back_button_changes_nothing_and_shows_the_current_step() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    p.follow(p.choose(turn1, "reflect-surprise"));
    HttpResponse<String> back = p.choose(turn1, "ask-why-absent");
    String shown = p.follow(back).body();
    assertTrue(shown.contains("That page was out of date"), shown);
    assertTrue(shown.contains("So what do you want from me?"), "the current step, not the old one");
    List<Row> events = p.rows("SELECT choice_id FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1", p.personId());
    assertEquals(List.of("reflect-surprise"), events.stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void submitting_without_a_choice_shows_an_error_summary_and_records_nothing() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    HttpResponse<String> r = p.post("/scenario/tiny-call/choose", "attempt", Player.field(turn1, "attempt"),
        "step", Player.field(turn1, "step"));
    String page = p.follow(r).body();
    assertTrue(page.contains("govuk-error-summary"), page);
    assertTrue(page.contains("href=\"#choice-" + Player.choices(turn1).get(0) + "\""), "the link goes to the first option shown");
    assertTrue(page.contains("<title>Error:"));
    assertEquals(0, p.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1", p.personId()));
  }

  @Test
  void restarting_makes_a_new_attempt_and_keeps_the_old_one_and_a_double_click_starts_one() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    p.follow(p.choose(turn1, "reflect-surprise"));
    String startPage = p.startPage().body();
    String latest = Player.field(startPage, "latest");
    HttpResponse<String> started = p.post("/scenario/tiny-call/start", "latest", latest);
    HttpResponse<String> again = p.post("/scenario/tiny-call/start", "latest", latest);
    assertEquals(2, p.attempts());
    // The start is answered with the new attempt's first turn; the resent post starts nothing and goes to /play.
    assertEquals(200, started.statusCode(), started.body());
    assertTrue(started.body().contains("Turn 1 of about"), started.body());
    assertEquals("/scenario/tiny-call/play", Player.location(again).replaceAll("\\?.*", ""));
    String fresh = p.play().body();
    assertTrue(fresh.contains("Turn 1 of about"), fresh);
    assertEquals(Player.field(started.body(), "step"), Player.field(fresh, "step"), "the turn shown is the stored one");
    assertEquals(Player.field(started.body(), "attempt"), Player.field(fresh, "attempt"));
    HttpResponse<String> next = p.choose(started.body(), "reflect-surprise");
    assertEquals(200, next.statusCode(), "a choice on the page the start answered with is recorded");
    assertEquals(1, p.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1 AND a.attempt_no = 2", p.personId()));
    assertEquals(1, p.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1 AND a.attempt_no = 1", p.personId()));
  }

  @Test
  void trainer_preview_plays_to_the_end_and_records_nothing() {
    Player t = new Player(server, TestSessions.on(server).course("course-preview").link("l", Map.of())
        .person("trainer-1", "Tess Trainer").role(Role.TRAINER).create(), "tiny-call");
    String start = t.get("/scenario/tiny-call?preview=1").body();
    assertTrue(start.contains("You are previewing this scenario"), start);
    String turn1 = t.get("/scenario/tiny-call/play?preview=1").body();
    String turn2 = t.follow(t.choose(turn1, "reflect-surprise")).body();
    assertTrue(turn2.contains("He pauses."), turn2);
    String end = t.follow(t.choose(turn2, "ask-details")).body();
    assertTrue(end.contains("He agrees to stay in touch"), end);
    assertTrue(end.contains("nothing was recorded"));
    assertEquals(0, t.count("SELECT count(*) FROM scenario_attempt WHERE course_id = $1",
        t.session.context().courseId()));
  }

  @Test
  void an_anonymous_launch_can_play_but_is_told_nothing_is_kept() {
    Player a = new Player(server, TestSessions.on(server).course("course-anon").link("l", Map.of()).anonymous()
        .create(), "tiny-call");
    String start = a.startPage().body();
    assertTrue(start.contains("this practice is not saved"), start);
    String turn1 = a.get("/scenario/tiny-call/play").body();
    a.follow(a.choose(turn1, "ask-why-absent"));
    assertEquals(0, a.count("SELECT count(*) FROM scenario_attempt WHERE course_id = $1",
        a.session.context().courseId()));
  }

  @Test
  void another_learner_cannot_see_or_move_my_attempt() {
    Player me = learner();
    String turn1 = me.follow(me.start()).body();
    String turn2 = me.follow(me.choose(turn1, "reflect-surprise")).body();
    String attempt = Player.field(turn2, "attempt");
    me.follow(me.choose(turn2, "ask-details"));
    Player other = learner();
    HttpResponse<String> peek = other.get("/scenario/tiny-call/end/" + attempt);
    assertEquals(404, peek.statusCode());
    assertFalse(peek.body().contains("He agrees"));
    HttpResponse<String> move = other.post("/scenario/tiny-call/choose", "attempt", attempt, "step", "x",
        "choice", "reflect-surprise");
    assertEquals(404, move.statusCode());
  }

  @Test
  void feedback_at_the_end_only_when_the_link_says_so() {
    Player p = learner(server, "course-fb", Map.of("activity", "scenario:tiny-call", "feedback", "end"));
    String turn1 = p.follow(p.start()).body();
    String turn2 = p.follow(p.choose(turn1, "ask-why-absent")).body();
    assertTrue(turn2.contains("Who says I haven’t?"), "the reaction is still shown");
    assertFalse(turn2.contains("puts him on the defensive"), "no coaching yet");
    String end = p.follow(p.choose(turn2, "warn-him")).body();
    assertTrue(end.contains("puts him on the defensive"), "coaching on the end page");
  }

  @Test
  void an_attempt_started_on_older_content_says_so_and_can_restart() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    p.follow(p.choose(turn1, "reflect-surprise"));
    p.rows("UPDATE scenario_attempt SET content_hash = 'older' WHERE person_id = $1 RETURNING id", p.personId());
    HttpResponse<String> page = p.play();
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("This scenario has changed"), page.body());
    p.follow(p.post("/scenario/tiny-call/start", "latest", Player.field(page.body(), "latest")));
    assertEquals(2, p.attempts());
  }

  @Test
  void a_choice_that_is_not_offered_here_is_refused_and_nothing_is_recorded() {
    Player p = learner();
    String turn1 = p.follow(p.start()).body();
    HttpResponse<String> r = p.choose(turn1, "ask-details");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("not one of the options"), r.body());
    assertEquals(0, p.count("SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
        + " ON a.id = e.attempt_id WHERE a.person_id = $1", p.personId()));
    assertTrue(p.play().body().contains("Who is this?"), "the learner can carry on");
  }

  @Test
  void preview_carries_its_place_in_the_url_through_a_narration() {
    Player t = new Player(server, TestSessions.on(server).course("course-preview-2").link("l", Map.of())
        .person("trainer-2", "Tariq Trainer").role(Role.TRAINER).create(), "tiny-call");
    String turn1 = t.get("/scenario/tiny-call/play?preview=1").body();
    String narration = t.follow(t.choose(turn1, "explain-process")).body();
    assertTrue(narration.contains("He sighs and asks again"), narration);
    assertEquals("explain-process", Player.field(narration, "path"));
    String back = t.follow(t.advance(narration)).body();
    assertEquals("explain-process,_", Player.field(back, "path"));
    assertEquals(400, t.get("/scenario/tiny-call/play?preview=1&path=ask-details").statusCode(),
        "a path the scenario cannot take is refused");
  }
}
