package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.privacy.PrivacyCommand;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/**
 * Data protection around the trainer's gradebook, end to end on the real server and the real command line: the
 * access log on each individual view and export, a subject access export checked against the database, erasure
 * (no name, email or user id of the person left in any text column; the cohort view unchanged), the research
 * export.
 */
class PrivacyOnGradebookTest {
  static final List<String> NAMES = List.of("Aisha Rahman", "Ben Okafor", "Cerys Llewellyn", "Dev Patel",
      "Ewa Nowak", "Finn Murphy");
  static TestServer server;
  static FakePlatform lms;
  static AppConfig cli;

  @BeforeAll
  static void start() {
    server = GradebookFixtures.startServer();
    lms = FakePlatform.start();
    lms.register(server);
    cli = AppConfig.load(Map.of("DATABASE_URL", server.database().toUrl(),
        "SCENARIOS_DIR", Path.of("scenarios").toAbsolutePath().toString()), Optional.empty());
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  record Run(int code, String out, String err) {
  }

  static Run privacy(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new PrivacyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()).run(List.of(args), cli);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<Row> rows(String sql, Object... args) throws Exception {
    List<Row> out = new ArrayList<>();
    server.core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS).forEach(out::add);
    return out;
  }

  static long count(String sql, Object... args) throws Exception {
    return rows(sql, args).get(0).getLong(0);
  }

  static long logged(String action, String subject) throws Exception {
    return count("SELECT count(*) FROM privacy_access_log WHERE action = $1 AND subject IS NOT DISTINCT FROM $2",
        action, subject);
  }

  @Test
  void each_view_of_an_individual_and_each_export_is_in_the_access_log() throws Exception {
    GradebookFixtures.Course c = GradebookFixtures.seed(server, "c-log", NAMES);
    String learner = "c-log-learner-0";
    long person = c.learnerId(0);
    String[][] views = {
        {"/gradebook/learners/" + person, "gradebook-learner", learner},
        {"/gradebook/attempts/" + c.attempts().get(0), "gradebook-attempt", learner},
        {"/gradebook", "gradebook-cohort", null},
        {"/gradebook/report", "gradebook-report", null},
        {"/gradebook/export/cohort.csv", "gradebook-cohort-csv", null},
        {"/gradebook/export/choices.csv", "gradebook-choices-csv", null},
        {"/grades/status", "grades-status", null}};
    for (String[] v : views) {
      long before = logged(v[1], v[2]);
      assertEquals(200, server.http().get(c.trainer().url(v[0])).statusCode(), v[0]);
      assertEquals(before + 1, logged(v[1], v[2]), v[0]);
    }
    Row r = rows("SELECT * FROM privacy_access_log WHERE action = 'gradebook-learner' AND subject = $1", learner)
        .get(0);
    assertEquals("c-log-trainer", r.getString("viewer_subject"));
    assertEquals("trainer", r.getString("viewer_role"));
    assertEquals("lms", r.getString("channel"));
    assertEquals(c.id(), r.getLong("course_id"));
    assertEquals(c.trainer().context().registrationId(), r.getLong("registration_id"));

    long all = count("SELECT count(*) FROM privacy_access_log");
    assertEquals(404, server.http().get(c.trainer().url("/gradebook/learners/999999")).statusCode());
    assertEquals(403, server.http().get(c.learners().get(0).url("/gradebook/learners/" + person)).statusCode());
    assertEquals(all, count("SELECT count(*) FROM privacy_access_log"), "nothing shown, nothing logged");

    Run log = privacy("access-log", "--platform", "test-platform", "--user", learner);
    assertEquals(0, log.code(), log.err());
    assertTrue(log.out().contains("gradebook-learner") && log.out().contains("c-log-trainer"), log.out());
    assertFalse(log.out().contains("gradebook-cohort "), "only entries about this person: " + log.out());
  }

  @Test
  void a_subject_access_export_holds_what_the_database_holds_about_the_person(@TempDir Path dir)
      throws Exception {
    GradebookFixtures.Course c = GradebookFixtures.seed(server, "c-sar", NAMES);
    String sub = "c-sar-learner-0";
    long person = c.learnerId(0);
    server.http().get(c.trainer().url("/gradebook/learners/" + person));

    Run run = privacy("export", "--platform", "test-platform", "--user", sub, "--out", dir.toString());
    assertEquals(0, run.code(), run.err());
    JsonObject export = new JsonObject(Files.readString(dir.resolve("subject-access-test-platform-" + sub + ".json")));
    JsonObject tables = export.getJsonObject("tables");
    assertEquals(sub, export.getJsonObject("person").getString("user_id"));
    assertEquals("Aisha Rahman", tables.getJsonArray("person").getJsonObject(0).getString("name"));

    Map<String, String> perTable = Map.of(
        "scenario_attempt", "SELECT count(*) FROM scenario_attempt WHERE person_id = $1",
        "scenario_choice_event", "SELECT count(*) FROM scenario_choice_event e JOIN scenario_attempt a"
            + " ON a.id = e.attempt_id WHERE a.person_id = $1",
        "assessment_response", "SELECT count(*) FROM assessment_response WHERE person_id = $1",
        "assessment_scale_score", "SELECT count(*) FROM assessment_scale_score s JOIN assessment_response r"
            + " ON r.id = s.response_id WHERE r.person_id = $1",
        "enrolment", "SELECT count(*) FROM enrolment WHERE person_id = $1",
        "launch_session", "SELECT count(*) FROM launch_session WHERE person_id = $1");
    for (var e : perTable.entrySet()) {
      long inDb = count(e.getValue(), person);
      assertTrue(inDb > 0, e.getKey() + " seeded");
      assertEquals(inDb, tables.getJsonArray(e.getKey()).size(), e.getKey());
    }
    Set<Double> scores = new TreeSet<>();
    tables.getJsonArray("scenario_attempt").forEach(a -> scores.add(((JsonObject) a).getDouble("score")));
    Set<Double> dbScores = new TreeSet<>();
    rows("SELECT score FROM scenario_attempt WHERE person_id = $1", person)
        .forEach(r -> dbScores.add(r.getBigDecimal(0).doubleValue()));
    assertEquals(dbScores, scores);
    JsonArray views = tables.getJsonArray("privacy_access_log");
    assertTrue(views.stream().anyMatch(v -> "gradebook-learner".equals(((JsonObject) v).getString("action"))),
        views.encode());
    assertFalse(export.encode().contains("token_hash") || export.encode().contains("csrf"), "secrets not copied");

    String html = Files.readString(dir.resolve("subject-access-test-platform-" + sub + ".html"));
    assertTrue(html.contains("Your data in ISAFE Practice") && html.contains("Aisha Rahman")
        && html.contains("Practice conversations"), html);
    assertEquals(1, logged("subject-access-export", sub), "the export is itself logged");

    Run unknown = privacy("export", "--platform", "test-platform", "--user", "nobody-here");
    assertEquals(3, unknown.code());
    assertTrue(unknown.err().contains("Nobody with the LMS user id 'nobody-here'"), unknown.err());
    Run noPlatform = privacy("export", "--platform", "blackboard", "--user", sub);
    assertEquals(3, noPlatform.code());
    assertTrue(noPlatform.err().contains("No platform is registered as 'blackboard'"), noPlatform.err());
    assertEquals(2, privacy("export", "--user", sub).code(), "--platform is required");
  }

  @Test
  void erasure_leaves_nothing_identifying_and_the_cohort_unchanged(@TempDir Path dir) throws Exception {
    GradebookFixtures.Course c = GradebookFixtures.seed(server, "c-erase", List.of("Aled Price", "Bronwen Tudor",
        "Carys Vaughan", "Dafydd Wynne", "Eluned Morgan", "Ffion Hughes"));
    String sub = "c-erase-learner-1";
    long person = c.learnerId(1);
    server.http().get(c.trainer().url("/gradebook/learners/" + person));
    List<String> before = cohortWithoutNames(c);
    String reportBefore = server.http().get(c.trainer().url("/gradebook")).body();
    // A grade of theirs still waiting for the LMS: refused unless forced.
    rows("""
        INSERT INTO grade_outbox (course_id, resource_link_id, person_id, kind, line_item_label, activity_progress,
          grading_progress, status) SELECT $1, l.id, $2, 'k', 'l', 'Completed', 'FullyGraded', 'queued'
          FROM resource_link l WHERE l.course_id = $1 LIMIT 1""", c.id(), person);
    Run refused = privacy("erase", "--platform", "test-platform", "--user", sub);
    assertEquals(3, refused.code());
    assertTrue(refused.err().contains("1 grade has not been delivered") && refused.err().contains("--force"),
        refused.err());
    assertEquals(1, count("SELECT count(*) FROM person WHERE subject = $1", sub), "nothing changed");

    // Someone who arrived through a real launch, with a name and an email in the id_token.
    String launched = "erase-me-4711";
    FakePlatform.Launch l = lms.launch(server, LaunchSpec.learner().sub(launched).name("Zebedee", "Quartermain")
        .context("c-launch", "Launch cohort"));
    assertEquals(303, l.status(), l.reason());
    // A sign-in in progress (the platform's login hint is its user id) is held by the browser, in the signed state,
    // not by the tool.
    assertEquals(302, server.http().get("/lti/login?"
        + uk.isafe.practice.testsupport.TestHttp.encode(lms.loginForm(server, LaunchSpec.learner(), launched)))
        .statusCode());
    assertEquals(List.of("person.subject"),
        columnsContaining(launched).stream().sorted().toList(), "the scan finds what is held");
    assertEquals(List.of("person.name"), columnsContaining("Zebedee"));
    assertEquals(List.of(), columnsContaining("sam@example.org"), "an email is never stored");

    Run forced = privacy("erase", "--platform", "test-platform", "--user", sub, "--force");
    assertEquals(0, forced.code(), forced.err());
    Run erased = privacy("erase", "--platform", lms.registrationName(), "--user", launched);
    assertEquals(0, erased.code(), erased.err());

    for (String needle : List.of(sub, "Bronwen Tudor", launched, "Zebedee", "Quartermain", "sam@example.org")) {
      assertEquals(List.of(), columnsContaining(needle), needle + " is still held");
    }
    assertEquals(200, server.http().get(c.trainer().url("/gradebook")).statusCode());
    assertEquals(before, cohortWithoutNames(c), "cohort figures unchanged");
    assertTrue(reportBefore.contains("Bronwen Tudor"));
    String after = server.http().get(c.trainer().url("/gradebook")).body();
    assertFalse(after.contains("Bronwen Tudor"));
    assertTrue(after.contains("erased:"), "shown under the pseudonym");
    assertEquals(0, count("SELECT count(*) FROM assessment_response WHERE person_id = $1 AND answers <> '{}'",
        person), "answers removed");
    assertEquals(2, count("SELECT count(*) FROM privacy_erasure"));

    Run again = privacy("erase", "--platform", "test-platform", "--user", sub);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("Already erased on"), again.out());
    assertEquals(2, count("SELECT count(*) FROM privacy_erasure"), "idempotent: nothing new recorded");
    Run export = privacy("export", "--platform", "test-platform", "--user", sub, "--out", dir.toString());
    assertEquals(3, export.code());
    assertTrue(export.err().contains("was erased on"), export.err());
  }

  @Test
  void the_purge_can_be_run_from_the_command_line_and_records_its_run() throws Exception {
    long runs = count("SELECT count(*) FROM privacy_purge_run");
    Run run = privacy("purge");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("Removed ") || run.out().startsWith("Not purged: another instance"), run.out());
    if (run.out().startsWith("Removed ")) {
      assertEquals(runs + 1, count("SELECT count(*) FROM privacy_purge_run"));
    }
    assertEquals(2, privacy("shred").code(), "an unknown privacy command is a usage error");
  }

  /** Every text, JSON and array column of every table that holds {@code needle}, as table.column. */
  static List<String> columnsContaining(String needle) throws Exception {
    List<String> hits = new ArrayList<>();
    List<Row> columns = rows("""
        SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
           AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')""");
    assertTrue(columns.size() > 40, "scanned " + columns.size() + " columns");
    for (Row col : columns) {
      String t = col.getString(0);
      String c = col.getString(1);
      if (count("SELECT count(*) FROM " + t + " WHERE strpos(\"" + c + "\"::text, $1) > 0", needle) > 0) {
        hits.add(t + "." + c);
      }
    }
    return hits;
  }

  /** The cohort CSV without the learner name column, sorted. */
  static List<String> cohortWithoutNames(GradebookFixtures.Course c) {
    String csv = server.http().get(c.trainer().url("/gradebook/export/cohort.csv")).body();
    List<String> out = new ArrayList<>();
    csv.lines().skip(1).forEach(line -> {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(1); // the name
      cells.remove(0); // the LMS user id (replaced by the pseudonym)
      out.add(String.join(",", cells));
    });
    out.sort(null);
    assertEquals(NAMES.size(), out.size());
    return out;
  }

  @Test
  void the_research_export_is_pseudonymous_suppressed_and_stable(@TempDir Path dir) throws Exception {
    insertScales(GradebookFixtures.seed(server, "c-research", NAMES));
    insertScales(GradebookFixtures.seed(server, "c-small", List.of("Gwen Ellis", "Huw Jones", "Ifan Rees")));
    Path first = dir.resolve("one.csv");
    Path second = dir.resolve("two.csv");
    Run run = privacy("research-export", "--platform", "test-platform", "--out", first.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(0, privacy("research-export", "--platform", "test-platform", "--out", second.toString()).code());
    String csv = Files.readString(first);
    assertEquals(csv, Files.readString(second), "stable across runs");
    assertTrue(run.out().contains("courses left out"), run.out());
    List<String> lines = csv.lines().toList();
    assertTrue(lines.get(0).endsWith("learner,platform,course,cohort_start,cohort_end,instrument,instrument_version,"
        + "wave,construct,scale,retrospective,mean,items_answered,items_total,status"), lines.get(0));
    List<String> research = lines.stream().filter(x -> x.contains("working-with-fathers")).toList();
    // c-research: 5 learners answered pre (2 scales each) and 4 post; c-small (3 learners) is left out.
    assertEquals((5 + 4) * 2, research.size(), csv);
    assertFalse(csv.contains("c-small"), "a course under 5 learners is suppressed");
    Set<String> pids = new TreeSet<>();
    research.forEach(x -> pids.add(x.split(",")[0]));
    assertEquals(5, pids.size());
    pids.forEach(p -> assertTrue(p.matches("[0-9a-f]{32}"), p));
    for (String name : NAMES) {
      assertFalse(csv.contains(name), name);
    }
    assertFalse(csv.contains("c-research-learner"), "no LMS user ids");
    assertTrue(research.stream().anyMatch(x -> x.contains(",organisation,team,")), "constructs of the trial");
    assertTrue(research.stream().anyMatch(x -> x.contains(",confidence,confidence,")));
    assertTrue(logged("research-export", null) >= 2);
  }

  /** Confidence and team scale scores of working-with-fathers for each wave the fixture's learners answered. */
  static void insertScales(GradebookFixtures.Course c) throws Exception {
    // The fixture's responses are already to the shipped instrument: give each the two scales the export reads.
    rows("""
        INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status)
        SELECT r.id, s, 3.25, 5, 5, 'complete'
          FROM assessment_response r, unnest(ARRAY['confidence', 'team']) s
         WHERE r.course_id = $1 AND r.status = 'completed' AND r.instrument_id = 'working-with-fathers'
        ON CONFLICT DO NOTHING""", c.id());
  }
}
