package uk.isafe.practice.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.validate.ScenarioValidator;
import uk.isafe.practice.scenario.validate.ValidationReport;

/** Test fixtures under src/test/resources/scenarios. */
public final class Fixtures {
  public static final Path VALID = Path.of("src/test/resources/scenarios/valid");
  public static final Path BROKEN = Path.of("src/test/resources/scenarios/broken");

  private Fixtures() {
  }

  public static LoadedScenario tinyCall() {
    ValidationReport r = ScenarioValidator.validate(VALID.resolve("tiny-call.yaml"));
    assertTrue(r.valid(), () -> "fixture must be valid: " + r.problems());
    return r.scenario().orElseThrow();
  }

  /** The 1-based line of the first line of the file containing the text. */
  public static int lineOf(Path file, String text) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no line containing '" + text + "' in " + file);
  }
}
