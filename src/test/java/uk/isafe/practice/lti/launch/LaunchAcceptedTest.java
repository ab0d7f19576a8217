package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;

/** Valid variants that must be accepted, and what a launch stores. */
class LaunchAcceptedTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture();

  static LaunchContext session(LaunchSpec spec) {
    FakePlatform.Launch l = fixture.launch(spec);
    assertEquals(303, l.status(), () -> "refused: " + l.reason());
    assertTrue(l.location().startsWith("/activity?s="));
    try {
      Optional<LaunchContext> ctx = fixture.server().core().sessions().find(l.sessionToken())
          .await(10, TimeUnit.SECONDS);
      return ctx.orElseThrow();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void learner_launch_creates_a_session_and_sets_the_session_cookie() {
    FakePlatform.Launch l = fixture.launch(LaunchSpec.learner().custom("activity", "scenario:dad-not-on-file"));
    assertEquals(303, l.status());
    assertNotNull(l.sessionToken());
    assertTrue(l.response().headers().allValues("Set-Cookie").stream()
        .anyMatch(c -> c.startsWith("isafe_sid=" + l.sessionToken())));
    assertTrue(l.response().headers().allValues("Set-Cookie").stream()
        .anyMatch(c -> c.startsWith("isafe_lti_state=;")), "state cookie cleared");
  }

  @Test
  void session_holds_course_person_link_custom_and_locale() {
    LaunchContext c = session(LaunchSpec.learner().sub("u-77").context("c-77", "Spring cohort")
        .resourceLink("rl-77", "Dad not on file").custom("Activity", "scenario:x").custom("activity", "scenario:x")
        .locale("cy-GB"));
    assertEquals("c-77", c.contextId());
    assertEquals("Spring cohort", c.contextTitle());
    assertEquals("rl-77", c.resourceLinkExternalId());
    assertEquals("u-77", c.subject());
    assertEquals("Sam Learner", c.displayName());
    assertEquals(Role.LEARNER, c.role());
    assertEquals("cy-GB", c.locale());
    assertEquals(Optional.of("scenario:x"), c.custom("activity"));
    assertEquals("scenario:x", c.custom().get("Activity"));
    assertEquals(fixture.lms().issuer(), c.issuer());
    assertEquals(fixture.lms().deploymentId(), c.deploymentId());
    assertTrue(c.returnUrl().isPresent());
  }

  @Test
  void instructor_maps_to_trainer() {
    assertEquals(Role.TRAINER, session(LaunchSpec.trainer()).role());
  }

  @Test
  void institution_administrator_maps_to_administrator() {
    assertEquals(Role.ADMINISTRATOR, session(LaunchSpec.administrator()).role());
  }

  @Test
  void empty_roles_are_accepted_as_learner() {
    assertEquals(Role.LEARNER, session(LaunchSpec.learner().roles()).role());
  }

  @Test
  void empty_string_role_is_accepted_as_learner() {
    LaunchContext c = session(LaunchSpec.learner().roles(""));
    assertEquals(Role.LEARNER, c.role());
    assertEquals(List.of(""), c.roles());
  }

  @Test
  void short_role_names_are_accepted() {
    assertEquals(Role.TRAINER, session(LaunchSpec.learner().roles("Instructor")).role());
  }

  @Test
  void unknown_roles_are_kept_and_treated_as_learner() {
    LaunchContext c = session(LaunchSpec.learner().roles("http://example.org/roles#Wizard"));
    assertEquals(Role.LEARNER, c.role());
    assertEquals(List.of("http://example.org/roles#Wizard"), c.roles());
  }

  @Test
  void several_roles_take_the_strongest() {
    LaunchContext c = session(LaunchSpec.learner().roles(LaunchSpec.LEARNER, LaunchSpec.INSTRUCTOR,
        "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"));
    assertEquals(Role.TRAINER, c.role());
    assertEquals(3, c.roles().size());
  }

  @Test
  void launch_without_context_gets_a_course_per_link() {
    LaunchContext c = session(LaunchSpec.learner().noContext().resourceLink("lonely-link", "x"));
    assertEquals("link:lonely-link", c.contextId());
  }

  @Test
  void launch_without_names_or_email_is_accepted() throws Exception {
    LaunchContext c = session(LaunchSpec.learner().sub("private-1").noPersonalDetails());
    assertEquals("", c.displayName());
    Row r = fixture.server().core().pool().preparedQuery("SELECT name FROM person WHERE subject = $1")
        .execute(Tuple.of("private-1")).await(10, TimeUnit.SECONDS).iterator().next();
    assertNull(r.getString("name"));
  }

  @Test
  void only_a_display_name_is_kept_never_the_email_nor_launch_data_nothing_reads() throws Exception {
    LaunchContext c = session(LaunchSpec.learner().sub("named-1").name("Priya", "Shah"));
    assertEquals("Priya Shah", c.displayName());
    Row r = fixture.server().core().pool().preparedQuery(
        "SELECT p.name, to_jsonb(p)::text AS person, s.claims::text AS claims"
            + " FROM person p JOIN launch_session s ON s.person_id = p.id WHERE p.subject = $1")
        .execute(Tuple.of("named-1")).await(10, TimeUnit.SECONDS).iterator().next();
    assertEquals("Priya Shah", r.getString("name"));
    assertFalse(r.getString("person").contains("@"), r.getString("person"));
    assertFalse(r.getString("claims").contains("message_type"), r.getString("claims"));
    assertFalse(r.getString("claims").contains("lti_version"), r.getString("claims"));
  }

  @Test
  void launch_without_sub_is_anonymous() {
    LaunchContext c = session(LaunchSpec.learner().anonymous());
    assertTrue(c.anonymous());
    assertTrue(c.personId().isEmpty());
  }

  @Test
  void ags_claim_is_kept_and_an_empty_lineitem_counts_as_absent() {
    LaunchContext with = session(LaunchSpec.learner().resourceLink("ags-1", "x")
        .ags(fixture.lms().issuer() + "/lineitem?type_id=2", fixture.lms().issuer() + "/lineitems?type_id=2"));
    assertEquals(Optional.of(fixture.lms().issuer() + "/lineitem?type_id=2"), with.ags().orElseThrow().lineItemUrl());
    assertEquals(2, with.ags().orElseThrow().scopes().size());
    LaunchContext empty = session(LaunchSpec.learner().resourceLink("ags-2", "x")
        .ags("", fixture.lms().issuer() + "/li"));
    assertTrue(empty.ags().orElseThrow().lineItemUrl().isEmpty());
  }

  @Test
  void audience_array_with_our_azp_is_accepted() {
    assertFalse(session(LaunchSpec.learner().claim("aud", new JsonArray().add(fixture.lms().clientId()).add("other"))
        .claim("azp", fixture.lms().clientId())).anonymous());
  }

  @Test
  void single_audience_in_an_array_without_azp_is_accepted() {
    assertNotNull(session(LaunchSpec.learner().claim("aud", new JsonArray().add(fixture.lms().clientId()))));
  }

  @Test
  void token_just_inside_the_clock_skew_is_accepted() {
    assertNotNull(session(LaunchSpec.learner().issuedAt(50)));
    assertNotNull(session(LaunchSpec.learner().issuedAt(-100).lifetime(60)));
  }

  @Test
  void relaunch_updates_role_and_reuses_person_and_course() throws Exception {
    LaunchContext first = session(LaunchSpec.learner().sub("same-1").context("same-c", "x"));
    LaunchContext second = session(LaunchSpec.learner().sub("same-1").context("same-c", "x").roles("Instructor"));
    assertEquals(first.personId(), second.personId());
    assertEquals(first.courseId(), second.courseId());
    assertEquals(Role.TRAINER, second.role());
    String role = fixture.server().core().pool().preparedQuery("SELECT role FROM enrolment WHERE person_id = $1")
        .execute(Tuple.of(second.personId().orElseThrow())).await(10, TimeUnit.SECONDS).iterator().next()
        .getString(0);
    assertEquals("trainer", role);
  }

  @Test
  void a_class_launching_together_into_a_new_course_all_get_in() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    List<java.util.concurrent.Future<FakePlatform.Launch>> launches = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      LaunchSpec spec = LaunchSpec.learner().sub("class-" + i).context("new-course", "New").resourceLink("new-link", "x");
      launches.add(pool.submit(() -> fixture.launch(spec)));
    }
    for (var f : launches) {
      FakePlatform.Launch l = f.get(60, TimeUnit.SECONDS);
      assertTrue(l.launched(), () -> "refused: " + l.status() + " " + l.reason());
    }
    pool.shutdown();
    long courses = fixture.server().core().pool()
        .preparedQuery("SELECT count(*) FROM course WHERE context_id = 'new-course'")
        .execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertEquals(1L, courses);
  }

  @Test
  void relaunch_with_changed_titles_and_custom_updates_course_and_link() {
    session(LaunchSpec.learner().context("rename-c", "Old title").resourceLink("rename-l", "Old link")
        .custom("activity", "scenario:a"));
    LaunchContext c = session(LaunchSpec.learner().context("rename-c", "New title").resourceLink("rename-l",
        "New link").custom("activity", "scenario:b"));
    assertEquals("New title", c.contextTitle());
    assertEquals("New link", c.resourceLinkTitle());
    assertEquals(Optional.of("scenario:b"), c.custom("activity"));
  }

  private static double statements(String which) {
    return fixture.server().core().metrics().counter("isafe.launch.statements", "statement", which).count();
  }

  private static LaunchSpec knownPlace(String sub) {
    return LaunchSpec.learner().sub(sub).context("known-c", "Known course").resourceLink("known-l", "Known link")
        .custom("activity", "scenario:a");
  }

  private static String text(String sql, Object... args) throws Exception {
    return fixture.server().core().pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS)
        .iterator().next().getValue(0).toString();
  }

  @Test
  void a_relaunch_from_the_same_place_checks_the_rows_it_knows_and_lands_the_same() throws Exception {
    LaunchContext first = session(knownPlace("known-1"));
    double known = statements("known");
    double full = statements("full");
    LaunchContext second = session(knownPlace("known-1").roles("Instructor"));
    assertEquals(known + 1, statements("known"), "the rows this instance found are checked, not upserted");
    assertEquals(full, statements("full"));
    assertEquals(List.of(first.courseId(), first.resourceLinkId(), first.personId(), first.contextTitle(),
        first.resourceLinkTitle(), first.custom(), first.displayName(), first.subject(), first.issuer()),
        List.of(second.courseId(), second.resourceLinkId(), second.personId(), second.contextTitle(),
            second.resourceLinkTitle(), second.custom(), second.displayName(), second.subject(), second.issuer()));
    assertEquals(Role.TRAINER, second.role(), "the role comes from this launch");
    assertEquals("trainer", text("SELECT role FROM enrolment WHERE person_id = $1", second.personId().get()));
    assertEquals("2", text("SELECT count(*) FROM launch_session WHERE person_id = $1", second.personId().get()));
  }

  @Test
  void a_launch_whose_known_rows_changed_or_went_writes_them_again_with_the_full_statement() throws Exception {
    LaunchContext first = session(knownPlace("known-2"));
    long link = first.resourceLinkId().get();
    long person = first.personId().get();
    // The link changed behind this instance's back (another instance, or the LMS's edit launched elsewhere).
    fixture.server().core().pool().preparedQuery("UPDATE resource_link SET custom = '{\"activity\": \"scenario:b\"}'"
        + " WHERE id = $1").execute(Tuple.of(link)).await(10, TimeUnit.SECONDS);
    double known = statements("known");
    double full = statements("full");
    LaunchContext again = session(knownPlace("known-2"));
    assertEquals(List.of(known + 1, full + 1), List.of(statements("known"), statements("full")),
        "the check found the link changed and wrote nothing; the full statement ran");
    assertEquals(Optional.of("scenario:a"), again.custom("activity"), "the launch's own custom parameters hold");
    assertEquals("scenario:a", text("SELECT custom ->> 'activity' FROM resource_link WHERE id = $1", link));
    // The enrolment went (say, the learner was removed and comes back): written again, not assumed.
    fixture.server().core().pool().preparedQuery("DELETE FROM enrolment WHERE person_id = $1")
        .execute(Tuple.of(person)).await(10, TimeUnit.SECONDS);
    LaunchContext back = session(knownPlace("known-2"));
    assertEquals(full + 2, statements("full"));
    assertEquals(first.courseId(), back.courseId());
    assertEquals("1", text("SELECT count(*) FROM enrolment WHERE person_id = $1", person));
  }

  @Test
  void a_used_state_is_refused_on_the_known_path_and_spends_nothing_else() throws Exception {
    LaunchContext first = session(knownPlace("known-3"));
    FakePlatform.Prepared p = fixture.prepare(knownPlace("known-3"));
    double known = statements("known");
    assertTrue(fixture.post(p).launched());
    LaunchFixture.assertRefused(fixture.post(p), 400, "state-reused");
    assertEquals(known + 2, statements("known"));
    assertEquals("2", text("SELECT count(*) FROM launch_session WHERE person_id = $1", first.personId().get()),
        "the refused launch made no session");
  }
}
