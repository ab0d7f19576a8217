package uk.isafe.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.pathway.Pathway;
import uk.isafe.practice.assessment.pathway.PathwayLibrary;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.FakeAgsPlatform.LineItem;
import uk.isafe.practice.testsupport.FakeAgsPlatform.Received;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.PageForms;
import uk.isafe.practice.testsupport.PageForms.Form;
import uk.isafe.practice.testsupport.TestServer;

/**
 * The product as a Moodle course uses it, with real parts only: the shipped content, a real LTI 1.3 launch from a fake
 * Moodle (login → authorisation → signed id_token) on a link {@code activity=pathway:fathers-core} with the grade
 * service, a learner working through the whole pathway over HTTP as a browser would (reading every form: before
 * questionnaire, every scenario played to an ending, after questionnaire), the tool's real outbox delivering to a
 * Moodle-like AGS platform that trusts the key the tool publishes, and a trainer opening the same link.
 *
 * <p>The learner's journey runs once (the first test that needs it) and every test asserts on its own part of it.
 */
class PathwayEndToEndTest {
  private static final String PATHWAY = "fathers-core";
  private static final String COURSE = "course-e2e";
  private static final String LINK = "link-pathway";
  private static final String LEARNER_SUB = "e2e-learner-priya";
  private static final String LEARNER_NAME = "Priya Shah";
  private static final Path CONTENT = Path.of("scenarios").toAbsolutePath();
  private static final Pattern OVERALL = Pattern.compile("id=\"overall\">([0-9]+(?:\\.[0-9]+)?) out of 100<");

  private static FakePlatform moodle;
  private static FakeAgsPlatform grades;
  private static TestServer server;
  private static String ownLineItem;
  private static final String SECOND_SUB = "e2e-learner-sam";
  private static Journey journey;
  private static Journey second;
  /** Whether the outbox drained: empty when it did, the failure when it did not (null: not waited for yet). */
  private static Optional<AssertionError> delivery;

  /** What the learner did and saw, kept for the assertions of each test. */
  private record Journey(LaunchContext launch, List<String> preSectionsVisited, List<String> postSectionsVisited,
      double preConfidenceAnswered, double postConfidenceAnswered, List<Played> played, String pathwayBeforeLast,
      String pathwayAtEnd, String resultsPage, String preCompletedPage) {
    long personId() {
      return launch.personId().orElseThrow();
    }
  }

  /** One scenario played: its id, the choices made ("" for a narration Continue) and the score its end page showed. */
  private record Played(String scenarioId, List<String> path, double shownScore, double engineScore) {
  }

  @BeforeAll
  static void start() {
    moodle = FakePlatform.start();
    server = TestServer.start(Map.of("SCENARIOS_DIR", CONTENT.toString()));
    moodle.register(server);
    grades = FakeAgsPlatform.trustingKeySet(publishedToolKeys(), moodle.clientId());
    GradesTesting.useTokenEndpoint(server, moodle.clientId(), grades.tokenUrl());
    ownLineItem = grades.activityLineItem(COURSE, LINK, "Working with fathers – core practice", 100);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (grades != null) {
      grades.close();
    }
    if (moodle != null) {
      moodle.close();
    }
  }

  /** The tool's public keys as Moodle gets them: the key set the tool publishes. */
  private static JsonObject publishedToolKeys() {
    HttpResponse<String> r = server.http().get("/.well-known/jwks.json");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject jwks = new JsonObject(r.body());
    assertFalse(jwks.getJsonArray("keys").isEmpty(), r.body());
    return jwks;
  }

  private static LaunchSpec onThePathwayLink(LaunchSpec spec) {
    return spec.context(COURSE, "Working with fathers – spring cohort")
        .resourceLink(LINK, "Working with fathers – core practice")
        .custom("activity", "pathway:" + PATHWAY)
        .custom("confidence_columns", "true")
        .ags(grades.lineItemClaim(COURSE, LINK), grades.lineItemsUrl(COURSE));
  }

  // ---------------------------------------------------------------------------------------------------- the tests

  @Test
  void learner_launched_on_the_pathway_link_works_through_every_step_and_sees_confidence_before_and_after()
      throws Exception {
    Journey j = journey();
    assertEquals(sectionIds("pre"), j.preSectionsVisited(), "every page of the before questionnaire, in order");
    assertEquals(sectionIds("post"), j.postSectionsVisited(), "every page of the after questionnaire, in order");
    assertEquals(pathway().scenarioIds(), j.played().stream().map(Played::scenarioId).toList(),
        "the pathway offered its scenarios in order");
    for (Played p : j.played()) {
      assertEquals(p.engineScore(), p.shownScore(), 0.05, p.scenarioId() + ": the end page shows the engine's score");
    }

    List<String> ids = pathway().scenarioIds();
    String last = ids.get(ids.size() - 1);
    assertEquals("Not started", stepStatus(j.pathwayBeforeLast(), last), "the last scenario not played yet");
    assertEquals("Cannot start yet", stepStatus(j.pathwayBeforeLast(), "post"), "after opens once all are played");
    assertTrue(PageForms.links(j.pathwayBeforeLast(), "/assessment/working-with-fathers/post").isEmpty());
    for (String step : stepIds()) {
      assertEquals("Completed", stepStatus(j.pathwayAtEnd(), step), "pathway step " + step + " at the end");
    }

    Map<String, Double> stored = storedConfidence(j);
    assertEquals(j.preConfidenceAnswered(), stored.get("pre"), 1e-9, "confidence before: mean of the answers");
    assertEquals(j.postConfidenceAnswered(), stored.get("post"), 1e-9, "confidence after: mean of the answers");
    String sentence = "Your confidence rose from " + oneDecimal(stored.get("pre")) + " to "
        + oneDecimal(stored.get("post")) + " out of 7 (self-reported).";
    assertTrue(j.resultsPage().contains(sentence), "results page shows before and after: " + sentence);
    assertTrue(j.resultsPage().contains("Your confidence score is saved and queued for your course gradebook")
        || j.resultsPage().contains("Your confidence score has been sent to your course gradebook."),
        "queued or sent, never 'sent' while only queued");
    assertTrue(j.resultsPage().contains("id=\"my-scores\""), "the result page shows the learner's scores");
    assertTrue(j.preCompletedPage().contains("id=\"my-scores\"")
        && j.preCompletedPage().contains(oneDecimal(stored.get("pre")) + " out of 7"), "the before page too");
    assertTrue(j.preCompletedPage().contains("Your confidence"), "the before answers stay readable");

    List<Row> attempts = rows("SELECT scenario_id, score FROM scenario_attempt WHERE person_id = $1"
        + " AND status = 'completed' ORDER BY completed_at", j.personId());
    assertEquals(ids.size(), attempts.size(), "one completed attempt per scenario, nothing inserted by the test");
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(j.played().get(i).scenarioId(), attempts.get(i).getString("scenario_id"));
      assertEquals(j.played().get(i).engineScore(), attempts.get(i).getNumeric("score").doubleValue(), 0.05);
    }
  }

  @Test
  void every_learners_pathway_grade_arrives_on_the_links_own_line_item_as_the_mean_of_the_scenario_scores()
      throws Exception {
    for (Journey j : List.of(journey(), secondJourney())) {
      awaitDelivery();
      String sub = j.launch().subject();
      int n = pathway().scenarioIds().size();
      double sum = 0;
      List<Double> running = new ArrayList<>();
      int completed = 0;
      int completedAtLastSend = 0;
      for (Played p : j.played()) {
        completed++;
        sum += p.engineScore();
        double value = oneDp(sum / n);
        if (running.isEmpty() || value != running.get(running.size() - 1)) {
          running.add(value);
          completedAtLastSend = completed;
        }
      }
      // The server works in exact decimals and this test in doubles: a mean on a rounding boundary (17.75) may be
      // 17.7 here and 17.8 there, so values agree to within one rounding step.
      double held = grades.grade(ownLineItem, sub).orElseThrow(() -> new AssertionError(sub + ": no grade"));
      assertEquals(oneDp(sum / n), oneDp(held), 0.1 + 1e-9,
          sub + ": the gradebook holds the mean of the pathway's scenario scores");
      // A score is queued each time a completed scenario changes the mean. One still waiting when the next arrives
      // is superseded, not sent (the gradebook needs only the newest), so how many reach the platform depends on how
      // fast the learner goes; every one is accounted for, and the newest is always sent.
      List<Row> queued = rows("SELECT score_given::float8 AS score, status FROM grade_outbox"
          + " WHERE person_id = $1 AND kind = 'pathway' ORDER BY id", j.personId());
      assertEquals(running.size(), queued.size(), sub + ": a score queued as each scenario changed the mean: "
          + queued.stream().map(r -> r.getDouble("score")).toList() + " against " + running);
      List<Double> expectedSent = new ArrayList<>();
      for (int i = 0; i < running.size(); i++) {
        assertEquals(running.get(i), oneDp(queued.get(i).getDouble("score")), 0.1 + 1e-9, sub + ": queued " + i);
        if (!"superseded".equals(queued.get(i).getString("status"))) {
          expectedSent.add(running.get(i));
        }
      }
      assertFalse("superseded".equals(queued.get(queued.size() - 1).getString("status")), "the newest is sent");
      List<Received> graded = grades.accepted(ownLineItem, sub);
      List<Double> sent = graded.stream().map(r -> oneDp(r.scoreGiven())).toList();
      assertEquals(expectedSent.size(), sent.size(), sub + ": each score not superseded sent once: " + sent
          + " against " + expectedSent);
      for (int i = 0; i < expectedSent.size(); i++) {
        assertEquals(expectedSent.get(i), sent.get(i), 0.1 + 1e-9, sub + ": value " + i + " of " + sent);
      }
      for (Received r : graded) {
        assertEquals("FullyGraded", r.gradingProgress(), "nothing that would wipe the grade");
        assertEquals("Completed", r.activityProgress());
        assertEquals(100.0, r.scoreMaximum());
      }
      // A scenario that leaves the mean unchanged (a score of 0) sends nothing new: the last feedback is the last sent.
      assertTrue(graded.get(graded.size() - 1).comment().contains(completedAtLastSend + " of " + n
          + " scenarios completed"),
          "the grade's feedback says what it means: " + graded.get(graded.size() - 1).comment());
      assertTrue(j.pathwayAtEnd().contains("id=\"pathway-grade\""), "the pathway page shows the grade");
      java.util.regex.Matcher shown = java.util.regex.Pattern.compile("Your pathway grade ([0-9.]+) out of 100")
          .matcher(pageText(j.pathwayAtEnd()));
      assertTrue(shown.find(), pageText(j.pathwayAtEnd()));
      assertEquals(oneDp(sum / n), Double.parseDouble(shown.group(1)), 0.1 + 1e-9,
          "the pathway page shows the mean (to within one rounding step, as above)");
      assertTrue(j.pathwayAtEnd().contains("average of your counted score in each of this pathway’s scenarios"));
    }
  }

  @Test
  void lms_gets_confidence_before_and_after_columns_created_once_holding_the_stored_means_out_of_7()
      throws Exception {
    Journey j = journey();
    awaitDelivery();
    Map<String, Double> stored = storedConfidence(j);
    for (String wave : List.of("pre", "post")) {
      String tag = "confidence-" + wave;
      List<LineItem> items = grades.lineItems().stream().filter(l -> tag.equals(l.tag())).toList();
      assertEquals(1, items.size(), tag + " line item created once: " + grades.lineItems());
      LineItem item = items.get(0);
      assertEquals(LINK, item.resourceId(), tag + " keyed by the resource link id");
      assertEquals(7.0, item.scoreMaximum());
      assertFalse(item.label().isBlank());
      List<Received> graded = grades.accepted(item.id(), LEARNER_SUB).stream()
          .filter(r -> "FullyGraded".equals(r.gradingProgress())).toList();
      assertEquals(1, graded.size(), tag + " sent once: " + graded);
      assertTrue(item.label().contains("not a grade"), "labelled plainly: " + item.label());
      assertEquals(stored.get(wave), graded.get(0).scoreGiven(), 1e-9, tag + " is the mean the tool stored");
      assertEquals(7.0, graded.get(0).scoreMaximum());
      assertEquals(Optional.of(stored.get(wave)), grades.grade(item.id(), LEARNER_SUB));
    }
    assertEquals(3, grades.lineItems().size(), "the link's own item and the two confidence columns, nothing else: "
        + grades.lineItems());
  }

  @Test
  void every_score_reaches_the_lms_once_in_order_and_nothing_is_left_in_the_outbox() throws Exception {
    Journey j = journey();
    awaitDelivery();
    List<Received> received = grades.received();
    assertTrue(received.stream().allMatch(r -> r.answeredWith() == 200), "no score refused (a 409 would mean a "
        + "repeated or out-of-order timestamp): " + received);
    assertTrue(received.stream().allMatch(r -> LEARNER_SUB.equals(r.userId()) || SECOND_SUB.equals(r.userId())),
        "only the learners are graded");
    assertEquals(3, received.stream().map(Received::lineItem).distinct().count(), "three line items");
    Map<String, List<Received>> byItem = new LinkedHashMap<>();
    received.forEach(r -> byItem.computeIfAbsent(r.lineItem() + " for " + r.userId(), k -> new ArrayList<>()).add(r));
    assertEquals(6, byItem.size(), byItem.keySet().toString());
    for (Map.Entry<String, List<Received>> e : byItem.entrySet()) {
      List<Received> scores = e.getValue();
      for (int i = 1; i < scores.size(); i++) {
        assertTrue(Instant.parse(scores.get(i).timestamp()).isAfter(Instant.parse(scores.get(i - 1).timestamp())),
            "timestamps strictly increase on " + e.getKey() + ": " + scores);
      }
      assertTrue(scores.stream().allMatch(r -> "FullyGraded".equals(r.gradingProgress()) && r.scoreGiven() != null),
          "never a score without a value on " + e.getKey() + ": " + scores);
      assertEquals(scores.size(), scores.stream().map(r -> r.gradingProgress() + "|" + r.scoreGiven()).distinct()
          .count(), "nothing sent twice on " + e.getKey() + ": " + scores);
    }
    assertEquals(0L, count("SELECT count(*) FROM grade_outbox WHERE status IN ('queued', 'failed')"));
  }

  @Test
  void trainer_launching_the_same_link_lands_on_the_gradebook_and_sees_the_learner_completed_and_sent()
      throws Exception {
    journey();
    awaitDelivery();
    String gradebook = trainerGradebook();
    Matcher row = Pattern.compile("<tr class=\"govuk-table__row\">\\s*<th scope=\"row\"[^>]*>(?:(?!</tr>).)*"
        + Pattern.quote(LEARNER_NAME) + "(?:(?!</tr>).)*</tr>", Pattern.DOTALL).matcher(gradebook);
    assertTrue(row.find(), "the cohort table lists the learner:\n" + gradebook);
    String cells = row.group();
    assertTrue(cells.contains("gb-status--completed") && cells.contains(">Completed (1 of 1)<"),
        "status completed: the pathway, the course’s one activity, is finished: " + cells);
    assertTrue(cells.contains(">Sent</td>"), "grade delivery sent: " + cells);
    assertFalse(row.find(), "the learner is listed once");
    assertFalse(gradebook.contains(">Alex Trainer</a>"), "the trainer is not listed as a learner");
  }

  @Test
  void trainer_cohort_csv_export_contains_the_learners_row() throws Exception {
    Journey j = journey();
    awaitDelivery();
    String gradebook = trainerGradebook();
    List<String> exports = PageForms.links(gradebook, "/gradebook/export/cohort.csv");
    assertFalse(exports.isEmpty(), "the gradebook links to its CSV export");
    HttpResponse<String> csv = get(exports.get(0));
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
    List<String> mine = lines.stream().filter(l -> l.contains(LEARNER_NAME)).toList();
    assertEquals(1, mine.size(), "one row for the learner:\n" + csv.body());
    String line = mine.get(0);
    assertTrue(line.startsWith(LEARNER_SUB + "," + LEARNER_NAME + "," + j.personId() + ","),
        "the LMS user id, the name the platform shared, the tool’s number: " + line);
    assertTrue(line.contains(",Completed,"), line);
    assertTrue(line.endsWith(",Sent"), line);
  }

  @Test
  void trainer_view_and_choices_export_say_which_activity_each_attempt_belongs_to_and_what_the_grade_means()
      throws Exception {
    Journey j = journey();
    String gradebook = trainerGradebook();
    assertTrue(gradebook.contains("What your course gradebook receives")
        && gradebook.contains("average of the counted score of each of the pathway’s scenarios"),
        "the trainer view explains the pathway grade");
    String activity = "Working with fathers – core practice (pathway:" + PATHWAY + ")";
    List<String> learnerLinks = PageForms.links(gradebook, "/gradebook/learners/" + j.personId());
    assertFalse(learnerLinks.isEmpty(), "the cohort table links to the learner");
    String learnerPage = page(learnerLinks.get(0));
    assertTrue(learnerPage.contains("in " + activity), "each attempt names its activity");
    HttpResponse<String> csv = get(PageForms.links(gradebook, "/gradebook/export/choices.csv").get(0));
    assertEquals(200, csv.statusCode());
    List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
    assertTrue(lines.get(0).endsWith(",Activity"), lines.get(0));
    List<String> mine = lines.stream().filter(l -> l.contains(LEARNER_NAME)).toList();
    assertFalse(mine.isEmpty());
    assertTrue(mine.stream().allMatch(l -> l.endsWith(activity)), mine.get(0));
  }

  // ------------------------------------------------------------------------------------------- the learner's journey

  /** The first learner's journey; both learners' journeys have run when it returns. */
  private static synchronized Journey journey() throws Exception {
    if (journey == null) {
      assertEquals(ownLineItem, grades.lineItemClaim(COURSE, LINK), "before any column: Moodle sends the claim");
      journey = walkThePathway(LEARNER_SUB, "Priya", "Shah", 20261122L);
      secondJourney();
    }
    return journey;
  }

  /**
   * A second learner who launches after the first one's questionnaire made the tool add the confidence columns: Moodle
   * no longer sends the {@code lineitem} claim, and the pathway grade must still arrive.
   */
  private static synchronized Journey secondJourney() throws Exception {
    journey();
    if (second == null) {
      assertEquals(null, grades.lineItemClaim(COURSE, LINK), "three line items: Moodle leaves the claim out");
      second = walkThePathway(SECOND_SUB, "Sam", "Okafor", 7L);
      assertTrue(second.launch().ags().orElseThrow().lineItemUrl().isEmpty(), "launched without the claim");
    }
    return second;
  }

  private static Journey walkThePathway(String sub, String given, String family, long seed) throws Exception {
    FakePlatform.Launch launch = moodle.launch(server, onThePathwayLink(LaunchSpec.learner().sub(sub)
        .name(given, family)));
    assertEquals(303, launch.status(), () -> "launch refused: " + launch.reason());
    assertTrue(launch.location().startsWith("/activity?"), launch.location());
    LaunchContext ctx = GradesTesting.run(server.core().sessions().find(launch.sessionToken())).orElseThrow();

    HttpResponse<String> dispatched = get(launch.location());
    assertEquals(303, dispatched.statusCode(), dispatched.body());
    String pathwayUrl = location(dispatched);
    assertEquals("/pathway/" + PATHWAY, PageForms.path(pathwayUrl));
    String pathwayPage = page(pathwayUrl);
    assertEquals("Not started", stepStatus(pathwayPage, "pre"));
    for (String id : pathway().scenarioIds()) {
      assertEquals("Cannot start yet", stepStatus(pathwayPage, id), "scenarios wait for the before questionnaire");
    }

    List<String> preVisited = new ArrayList<>();
    Map<String, Map<String, Integer>> preAnswers = new LinkedHashMap<>();
    answerQuestionnaire(onlyLink(pathwayPage, "/assessment/working-with-fathers/pre"), 1, preVisited, preAnswers);
    String preCompleted = page(onlyLink(pathwayPage, "/assessment/working-with-fathers/pre"));

    Random random = new Random(seed);
    ScenarioLibrary library = ScenarioLibrary.load(CONTENT);
    List<Played> played = new ArrayList<>();
    String beforeLast = null;
    for (String id : pathway().scenarioIds()) {
      String current = page(pathwayUrl);
      assertEquals("Not started", stepStatus(current, id), id);
      played.add(play(id, onlyLink(current, "/scenario/" + id), library.engine(id).orElseThrow(), random));
      if (played.size() == pathway().scenarioIds().size() - 1) {
        beforeLast = page(pathwayUrl);
      }
    }

    String pathwayBeforePost = page(pathwayUrl);
    List<String> postVisited = new ArrayList<>();
    Map<String, Map<String, Integer>> postAnswers = new LinkedHashMap<>();
    String results = answerQuestionnaire(onlyLink(pathwayBeforePost, "/assessment/working-with-fathers/post"), 3,
        postVisited, postAnswers);
    return new Journey(ctx, preVisited, postVisited, mean(preAnswers.get("confidence")),
        mean(postAnswers.get("confidence")), played, beforeLast, page(pathwayUrl), results, preCompleted);
  }

  /**
   * Answers every page of a questionnaire as a browser would: reads the page's form, picks a radio in every group
   * ({@code offset} sets how high), presses "continue", follows the redirect, until the completed page.
   * Returns the completed page.
   */
  private static String answerQuestionnaire(String url, int offset, List<String> visited,
      Map<String, Map<String, Integer>> answers) {
    HttpResponse<String> r = get(url);
    for (int pages = 0; pages < 20; pages++) {
      assertEquals(200, r.statusCode(), r.body());
      Form form = PageForms.postingTo(r.body(), PageForms.path(url)).orElseThrow(() -> new AssertionError(
          "no questionnaire form on " + url));
      assertTrue(form.hidden().containsKey("s") && form.hidden().containsKey("csrf"), "forms carry the tokens");
      String section = form.hidden().get("section");
      visited.add(section);
      Map<String, String> chosen = new LinkedHashMap<>();
      Map<String, Integer> given = new LinkedHashMap<>();
      int i = 0;
      for (Map.Entry<String, List<String>> group : form.radios().entrySet()) {
        List<String> values = group.getValue();
        String v = values.get(Math.min(values.size() - 1, offset + i++ % 3));
        chosen.put(group.getKey(), v);
        given.put(group.getKey(), Integer.parseInt(v));
      }
      assertFalse(chosen.isEmpty(), "questions on " + section);
      answers.put(section, given);
      chosen.put("action", form.buttons().get("action").get(0));
      HttpResponse<String> posted = server.http().postForm(form.action(), form.fill(chosen), "Accept", "text/html");
      assertEquals(303, posted.statusCode(), section + ": " + posted.body());
      String next = location(posted);
      r = get(next);
      if (next.contains("result=")) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
      }
    }
    throw new AssertionError("questionnaire " + url + " never completed");
  }

  /**
   * Plays a scenario from its start page to an ending through the player's own forms: Start, then a choice on each
   * turn (radios read from the page) or Continue on narration, following every 303 (the first turn and each next
   * turn come in answer to the post).
   */
  private static Played play(String id, String startUrl, Engine engine, Random random) {
    HttpResponse<String> start = get(startUrl);
    assertEquals(200, start.statusCode(), start.body());
    Form startForm = PageForms.postingTo(start.body(), "/start").orElseThrow();
    HttpResponse<String> r = server.http().postForm(startForm.action(), startForm.fill(Map.of()), "Accept",
        "text/html");
    assertEquals(200, r.statusCode(), id + " start: the first turn comes in answer to the post\n" + r.body());
    String page = r.body();
    List<String> path = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      Optional<Form> turn = PageForms.postingTo(page, "/choose");
      Form form;
      Map<String, String> chosen = new LinkedHashMap<>();
      if (turn.isPresent()) {
        form = turn.get();
        assertEquals(1, form.radios().size(), id + ": one question per turn");
        Map.Entry<String, List<String>> group = form.radios().entrySet().iterator().next();
        String choice = group.getValue().get(random.nextInt(group.getValue().size()));
        chosen.put(group.getKey(), choice);
        path.add(choice);
      } else {
        String shown = page;
        form = PageForms.postingTo(page, "/continue").orElseThrow(() -> new AssertionError(id
            + ": neither a choice nor Continue on\n" + pageText(shown)));
        path.add("");
      }
      r = server.http().postForm(form.action(), form.fill(chosen), "Accept", "text/html");
      if (r.statusCode() == 200) {
        page = r.body(); // the next turn, sent in answer to the post
        continue;
      }
      assertEquals(303, r.statusCode(), id + ": " + r.body());
      String next = location(r);
      page = page(next);
      if (next.contains("/end/")) {
        Matcher m = OVERALL.matcher(page);
        assertTrue(m.find(), id + ": the end page shows the score\n" + page);
        assertFalse(PageForms.links(page, "/pathway/" + PATHWAY).isEmpty(), id + ": the end page leads back to the "
            + "pathway");
        assertTrue(page.contains("counts towards your pathway grade"), id + ": says where the score goes");
        double engineScore = engine.outcome(engine.replay(path)).overall();
        return new Played(id, path, Double.parseDouble(m.group(1)), engineScore);
      }
    }
    throw new AssertionError(id + " did not reach an ending in 300 steps");
  }

  // -------------------------------------------------------------------------------------------------------- helpers

  private static String trainerGradebook() {
    FakePlatform.Launch launch = moodle.launch(server, onThePathwayLink(LaunchSpec.trainer()));
    assertEquals(303, launch.status(), () -> "trainer launch refused: " + launch.reason());
    HttpResponse<String> dispatched = get(launch.location());
    assertEquals(303, dispatched.statusCode(), dispatched.body());
    assertEquals("/gradebook", PageForms.path(location(dispatched)), "trainers land on the gradebook");
    return page(location(dispatched));
  }

  /**
   * Waits (generously: this is not a timing assertion) until the outbox has nothing left to send. Every score of the
   * journey was written to the outbox in the learner's own transactions, so an empty queue means all were attempted.
   * Waited for once; a timeout fails every test that needs delivery at once, with what the LMS had received.
   */
  private static synchronized void awaitDelivery() {
    if (delivery == null) {
      try {
        GradesTesting.await("the outbox to drain", () -> count("SELECT count(*) FROM grade_outbox") > 0
            && count("SELECT count(*) FROM grade_outbox WHERE status = 'queued'") == 0);
        delivery = Optional.empty();
      } catch (AssertionError e) {
        delivery = Optional.of(new AssertionError(e.getMessage() + "; the LMS received " + grades.received()));
      }
    }
    if (delivery.isPresent()) {
      throw delivery.get();
    }
  }

  private static Map<String, Double> storedConfidence(Journey j) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Row row : rows("SELECT r.wave, s.mean FROM assessment_response r JOIN assessment_scale_score s"
        + " ON s.response_id = r.id WHERE r.person_id = $1 AND r.course_id = $2 AND s.scale_id = 'confidence'"
        + " AND NOT s.retrospective AND r.status = 'completed'", j.personId(), j.launch().courseId())) {
      out.put(row.getString("wave"), row.getNumeric("mean").doubleValue());
    }
    assertEquals(2, out.size(), "confidence stored before and after: " + out);
    return out;
  }

  private static Pathway pathway() {
    return PathwayLibrary.load(CONTENT.resolve("pathways"), instruments()).find(PATHWAY).orElseThrow();
  }

  private static InstrumentLibrary instruments() {
    return InstrumentLibrary.load(CONTENT.resolve("instruments"));
  }

  private static List<String> sectionIds(String wave) {
    Instrument fathers = instruments().find("working-with-fathers").orElseThrow();
    return fathers.sections(fathers.wave(wave).orElseThrow()).stream().map(Instrument.Section::id).toList();
  }

  private static List<String> stepIds() {
    List<String> out = new ArrayList<>(List.of("pre"));
    out.addAll(pathway().scenarioIds());
    out.add("post");
    return out;
  }

  /** The status text of a pathway step ({@code id="step-<id>-status"}), tags stripped. */
  private static String stepStatus(String pathwayPage, String step) {
    Matcher m = Pattern.compile("id=\"step-" + Pattern.quote(step) + "-status\">(.*?)</div>", Pattern.DOTALL)
        .matcher(pathwayPage);
    assertTrue(m.find(), "no pathway step " + step);
    return pageText(m.group(1));
  }

  private static String onlyLink(String html, String pathPrefix) {
    List<String> links = PageForms.links(html, pathPrefix).stream().distinct().toList();
    assertEquals(1, links.size(), "one link to " + pathPrefix + ": " + links);
    return links.get(0);
  }

  private static String pageText(String html) {
    return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
  }

  private static double mean(Map<String, Integer> answers) {
    return answers.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
  }

  private static double oneDp(double d) {
    return Math.round(d * 10) / 10.0;
  }

  private static String oneDecimal(double d) {
    return String.format(Locale.UK, "%.1f", d);
  }

  private static HttpResponse<String> get(String url) {
    return server.http().get(url, "Accept", "text/html");
  }

  private static String page(String url) {
    HttpResponse<String> r = get(url);
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return r.body();
  }

  private static String location(HttpResponse<String> r) {
    String l = r.headers().firstValue("Location").orElse(null);
    assertNotNull(l, "a redirect");
    return l;
  }

  private static List<Row> rows(String sql, Object... args) {
    List<Row> out = new ArrayList<>();
    GradesTesting.run(server.core().pool().preparedQuery(sql).execute(Tuple.from(args))).forEach(out::add);
    return out;
  }

  private static long count(String sql, Object... args) {
    return rows(sql, args).get(0).getLong(0);
  }
}
