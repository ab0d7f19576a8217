package uk.isafe.practice.gradebook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the cohort views are built from, read for one course in a handful of aggregate queries (never one
 * query per learner). Plain data: no Vert.x types, so {@link Cohort} can be tested without a database.
 */
public record CohortData(List<Learner> learners, List<ScenarioSummary> scenarios, List<ScaleScore> scales,
    Map<Long, Set<String>> assessmentWavesStarted, Map<String, Long> tagCounts, Set<String> expectedScenarios,
    boolean postAssessmentExpected, Map<Long, String> delivery) {

  /** A learner of the course (enrolment role learner). */
  public record Learner(long personId, String name) {
  }

  /** One learner’s attempts at one scenario, aggregated in SQL. Scores 0–100; competencies as 0–1 fractions. */
  public record ScenarioSummary(long personId, String scenarioId, int attempts, int completed, boolean inProgress,
      Double latestScore, Double bestScore, Map<String, Double> bestCompetencies) {
  }

  /** A complete, non-retrospective scale mean from a completed pre or post response. */
  public record ScaleScore(long personId, String instrumentId, String scaleId, String wave, double mean) {
    public String key() {
      return instrumentId + "/" + scaleId;
    }
  }
}
