package uk.isafe.practice.scenario.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.scenario.Fixtures;
import uk.isafe.practice.scenario.engine.LoadedScenario;

class ScenarioLibraryTest {

  @Test
  void serves_valid_scenarios_and_reports_invalid_ones() throws Exception {
    ScenarioLibrary lib = ScenarioLibrary.load(Fixtures.BROKEN);
    Set<String> served = lib.all().stream().map(LoadedScenario::id).collect(Collectors.toSet());
    assertEquals(Set.of("reach-never-offered", "lint-no-inconsistent"), served, "only warnings: still served");
    assertTrue(lib.get("dead-end").isEmpty());
    assertTrue(lib.engine("reach-never-offered").isPresent());
    assertEquals(24, lib.reports().size(), "i18n/ is not read as scenarios");
    assertTrue(lib.problems().keySet().stream().anyMatch(f -> f.endsWith("dead-end.yaml")));
  }

  @Test
  void reads_only_yaml_files_directly_under_the_directory(@TempDir Path dir) throws Exception {
    Files.copy(Fixtures.VALID.resolve("tiny-call.yaml"), dir.resolve("tiny-call.yaml"));
    Files.createDirectories(dir.resolve("instruments"));
    Files.writeString(dir.resolve("instruments/confidence.yaml"), "id: not-a-scenario\n");
    Files.writeString(dir.resolve("README.md"), "# guide\n");
    ScenarioLibrary lib = ScenarioLibrary.load(dir);
    assertEquals(List.of("tiny-call"), lib.all().stream().map(LoadedScenario::id).toList());
    assertEquals(ScenarioValidatorHash.sha256(Files.readAllBytes(dir.resolve("tiny-call.yaml"))),
        lib.get("tiny-call").orElseThrow().contentHash());
    assertTrue(lib.problems().isEmpty());
  }

  @Test
  void a_missing_directory_gives_an_empty_library(@TempDir Path dir) throws Exception {
    assertTrue(ScenarioLibrary.load(dir.resolve("absent")).all().isEmpty());
  }

  /** Independent sha-256 so the test does not trust the code under test. */
  static final class ScenarioValidatorHash {
    static String sha256(byte[] bytes) throws Exception {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder b = new StringBuilder();
      for (byte x : d) {
        b.append(String.format("%02x", x));
      }
      return b.toString();
    }
  }
}
