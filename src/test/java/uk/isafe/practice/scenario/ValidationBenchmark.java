package uk.isafe.practice.scenario;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.PlayState;
import uk.isafe.practice.scenario.engine.TurnView;
import uk.isafe.practice.scenario.validate.ScenarioValidator;
import uk.isafe.practice.scenario.validate.ValidationReport;

/**
 * Run with {@code mvn -Pbench test -Dtest=ValidationBenchmark}. Prints the time to validate every shipped scenario
 * (target under 1 s; falls back to the fixtures while ./scenarios is empty) and the engine's cost per choice.
 */
@Tag("benchmark")
class ValidationBenchmark {

  /** -Dbench.scenarios=DIR benchmarks another directory (e.g. content not merged yet). */
  private static List<Path> files() throws Exception {
    String dir = System.getProperty("bench.scenarios");
    return dir == null ? ShippedScenariosTest.shippedOrFixtures()
        : uk.isafe.practice.scenario.library.ScenarioLibrary.scenarioFiles(Path.of(dir));
  }

  @Test
  void validate_all_shipped_scenarios() throws Exception {
    List<Path> files = files();
    ScenarioValidator.validate(files.get(0)); // load the schema and classes once
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (Path f : files) {
        ScenarioValidator.validate(f);
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    long cold0 = System.nanoTime();
    System.out.printf("BENCHMARK validate %d file(s): best of 5 %.1f ms (target < 1000 ms)%n", files.size(),
        best / 1e6);
    for (Path f : files) {
      ValidationReport r = ScenarioValidator.validate(f);
      System.out.printf("  %s: %s%n", f, r.analysis().map(a -> a.summary()).orElse("invalid"));
    }
    System.out.printf("  (summary pass %.1f ms)%n", (System.nanoTime() - cold0) / 1e6);
  }

  @Test
  void engine_cost_per_choice() throws Exception {
    for (Path f : files()) {
      LoadedScenario s = ScenarioValidator.validate(f).scenario().orElseThrow();
      Engine engine = new Engine(s);
      long choices = 0;
      long t0 = System.nanoTime();
      java.util.Random random = new java.util.Random(42);
      while (System.nanoTime() - t0 < 1_000_000_000L) {
        PlayState p = engine.start();
        TurnView v = engine.view(p);
        while (!v.isEnd()) {
          p = v.enabledChoices().isEmpty() ? engine.advance(p)
              : engine.choose(p, v.enabledChoices().get(random.nextInt(v.enabledChoices().size())).id());
          v = engine.view(p);
          choices++;
        }
        engine.outcome(p);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("BENCHMARK engine %s: %.0f steps/s (%.2f µs per step incl. view)%n", s.id(),
          choices / seconds, seconds * 1e6 / choices);
    }
  }
}
