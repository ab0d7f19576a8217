package uk.isafe.practice.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.scenario.validate.Problem;
import uk.isafe.practice.scenario.validate.ScenarioValidator;
import uk.isafe.practice.scenario.validate.ValidationReport;

/**
 * Every shipped scenario under ./scenarios validates with no error. Until content lands there, the valid fixture
 * directory stands in, so the test always validates something real.
 */
class ShippedScenariosTest {
  static List<Path> shippedOrFixtures() throws Exception {
    List<Path> shipped = ScenarioLibrary.scenarioFiles(Path.of("scenarios"));
    return shipped.isEmpty() ? ScenarioLibrary.scenarioFiles(Fixtures.VALID) : shipped;
  }

  @Test
  void every_shipped_scenario_validates_without_errors() throws Exception {
    List<Path> files = shippedOrFixtures();
    assertFalse(files.isEmpty());
    for (Path file : files) {
      ValidationReport r = ScenarioValidator.validate(file);
      List<String> errors = r.errors().stream().map(Problem::format).toList();
      assertEquals(List.of(), errors, "errors in " + file);
      assertTrue(r.scenario().isPresent());
      r.analysis().ifPresent(a -> a.maxPoints().forEach((c, max) -> assertTrue(max > 0, c + " in " + file)));
    }
  }
}
