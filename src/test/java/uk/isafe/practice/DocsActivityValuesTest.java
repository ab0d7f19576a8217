package uk.isafe.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestServer;

/**
 * Docs that work: every {@code activity=} value written in README.md and lti-config/README.md (a learning team
 * copies them into Moodle) is launched, as a learner, from a fake Moodle against the shipped content, and must open
 * its page: never "Questionnaire not found", "Pathway not found" or "not set up yet".
 */
class DocsActivityValuesTest {
  /** A code span holding an activity value, with or without {@code activity=}; placeholders ({@code <id>}) skipped. */
  private static final Pattern VALUE = Pattern.compile("`(?:activity=)?((?:scenario|assessment|pathway):[^`<>\\s]+)`");
  private static FakePlatform moodle;
  private static TestServer server;

  @BeforeAll
  static void start() {
    moodle = FakePlatform.start();
    server = TestServer.start(Map.of("SCENARIOS_DIR", Path.of("scenarios").toAbsolutePath().toString()));
    moodle.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    moodle.close();
  }

  static Set<String> values(Path doc) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = VALUE.matcher(Files.readString(doc));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void every_activity_value_in_the_readme_and_the_install_guide_opens_its_page() throws Exception {
    Set<String> all = new LinkedHashSet<>();
    for (Path doc : List.of(Path.of("README.md"), Path.of("lti-config/README.md"))) {
      Set<String> found = values(doc);
      assertTrue(found.size() >= 3, doc + " names a scenario, a questionnaire and a pathway: " + found);
      assertTrue(found.stream().anyMatch(v -> v.startsWith("pathway:")), doc + ": " + found);
      assertTrue(found.stream().anyMatch(v -> v.startsWith("assessment:")), doc + ": " + found);
      all.addAll(found);
    }
    List<String> broken = new ArrayList<>();
    int n = 0;
    for (String value : all) {
      n++;
      FakePlatform.Launch launch = moodle.launch(server, LaunchSpec.learner().sub("docs-learner")
          .context("docs-course", "Docs course").resourceLink("docs-link-" + n, value).custom("activity", value));
      assertEquals(303, launch.status(), () -> value + ": launch refused " + launch.reason());
      HttpResponse<String> dispatched = server.http().get(launch.location(), "Accept", "text/html");
      String where = dispatched.headers().firstValue("Location").orElse("");
      if (dispatched.statusCode() != 303 || where.isEmpty()) {
        broken.add(value + " → " + dispatched.statusCode());
        continue;
      }
      HttpResponse<String> page = server.http().get(where, "Accept", "text/html");
      if (page.statusCode() != 200 || page.body().contains("not found") || page.body().contains("not set up yet")) {
        broken.add(value + " → " + where + " " + page.statusCode());
      }
    }
    assertTrue(broken.isEmpty(), "activity values in the docs that do not open: " + broken);
    assertFalse(all.isEmpty());
  }
}
