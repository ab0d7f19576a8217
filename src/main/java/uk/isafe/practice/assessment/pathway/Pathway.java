package uk.isafe.practice.assessment.pathway;

import java.util.List;

/**
 * A course route: the instrument's pre wave, then scenarios in order, then its post wave.
 *
 * @param steps the scenarios, each with the title shown on the pathway page
 */
public record Pathway(String id, String title, String instrumentId, List<ScenarioStep> steps) {
  public Pathway {
    steps = List.copyOf(steps);
  }

  public record ScenarioStep(String scenarioId, String title) {
  }

  public List<String> scenarioIds() {
    return steps.stream().map(ScenarioStep::scenarioId).toList();
  }
}
