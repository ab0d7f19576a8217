package uk.isafe.practice.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchFixture;
import uk.isafe.practice.testsupport.LaunchSpec;

/** /activity: learners to their activity, trainers to the gradebook, a chooser or "not set up" otherwise. */
class ActivityRoutesTest {
  @RegisterExtension
  static final LaunchFixture fixture = new LaunchFixture();

  static HttpResponse<String> land(LaunchSpec spec) {
    return fixture.server().http().get("/activity?s=" + fixture.lms().launchToken(fixture.server(), spec),
        "Accept", "text/html");
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  @Test
  void learner_goes_to_the_scenario() {
    HttpResponse<String> r = land(LaunchSpec.learner().custom("activity", "scenario:dad-not-on-file"));
    assertEquals(303, r.statusCode());
    assertTrue(location(r).startsWith("/scenario/dad-not-on-file?s="), location(r));
  }

  @Test
  void learner_goes_to_the_assessment_wave_and_pathway() {
    assertTrue(location(land(LaunchSpec.learner().custom("activity", "assessment:working-with-fathers:pre")))
        .startsWith("/assessment/working-with-fathers/pre?s="));
    assertTrue(location(land(LaunchSpec.learner().custom("activity", "pathway:fathers-core")))
        .startsWith("/pathway/fathers-core?s="));
  }

  @Test
  void a_learner_on_a_link_naming_content_that_does_not_exist_sees_not_set_up() {
    for (String value : new String[] {"scenario:no-such-scenario", "assessment:working-with-fathers:never",
        "assessment:confidence:pre", "pathway:core", "quiz:1"}) {
      HttpResponse<String> r = land(LaunchSpec.learner().custom("activity", value));
      assertEquals(200, r.statusCode(), value);
      assertTrue(r.body().contains("not set up yet"), value);
    }
  }

  @Test
  void trainer_goes_to_the_gradebook() {
    HttpResponse<String> r = land(LaunchSpec.trainer().custom("activity", "scenario:dad-not-on-file"));
    assertEquals(303, r.statusCode());
    assertTrue(location(r).startsWith("/gradebook?s="));
  }

  @Test
  void learner_on_a_link_without_activity_sees_not_set_up() {
    HttpResponse<String> r = land(LaunchSpec.learner());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("not set up yet"));
  }

  @Test
  void trainer_on_a_link_with_unknown_activity_gets_the_chooser() {
    HttpResponse<String> r = land(LaunchSpec.trainer().custom("activity", "quiz:<b>x</b>"));
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("activity=scenario:dad-not-on-file"), r.body());
    assertTrue(r.body().contains("Dad not on file"), "title from the scenario library");
    assertTrue(r.body().contains("activity=assessment:working-with-fathers:pre"), "instruments under SCENARIOS_DIR");
    assertTrue(r.body().contains("activity=pathway:fathers-core"), "pathways under SCENARIOS_DIR");
    assertTrue(r.body().contains("Custom parameters"));
    assertTrue(r.body().contains("quiz:&lt;b&gt;x&lt;/b&gt;"), "escaped");
  }

  @Test
  void activity_without_session_is_refused() {
    assertEquals(401, fixture.server().http().get("/activity", "Accept", "text/html").statusCode());
  }
}
