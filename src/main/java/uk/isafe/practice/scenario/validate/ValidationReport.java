package uk.isafe.practice.scenario.validate;

import java.util.List;
import java.util.Optional;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.ScenarioAnalysis;

/**
 * The result of validating one file. {@code scenario} is present only when there is no error; {@code analysis}
 * whenever the structure could be explored (for the summary, even with errors).
 */
public record ValidationReport(String file, List<Problem> problems, Optional<LoadedScenario> scenario,
    Optional<ScenarioAnalysis> analysis) {
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return errors().isEmpty();
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** Problems whose message contains the text (for tests and tools). */
  public List<Problem> matching(String text) {
    return problems.stream().filter(p -> p.message().contains(text)).toList();
  }
}
