package uk.isafe.practice.scenario.engine;

import uk.isafe.practice.scenario.model.Scenario;

/** A scenario that passed validation, its content hash (sha-256 hex of the file bytes) and its analysis. */
public record LoadedScenario(Scenario scenario, String contentHash, ScenarioAnalysis analysis) {
  public String id() {
    return scenario.id();
  }

  public int version() {
    return scenario.version();
  }
}
