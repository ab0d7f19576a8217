package uk.isafe.practice.gradebook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the cohort views are built from, read for one course in a handful of aggregate queries (never one
 * query per learner). Plain data: no Vert.x types, so {@link Cohort} can be tested without a database.
 */
public record CohortData(List<Learner> learners, List<ScenarioSummary> scenarios, List<ScaleScore> scales,
    List<Comparison> comparisons, Map<Long, Set<String>> assessmentWavesStarted, Map<String, Long> tagCounts,
    Set<String> expectedScenarios, boolean postAssessmentExpected, Map<Long, String> delivery) {

  /** As before three waves: no stored comparisons (same-version pre and post pair directly). */
  public CohortData(List<Learner> learners, List<ScenarioSummary> scenarios, List<ScaleScore> scales,
      Map<Long, Set<String>> assessmentWavesStarted, Map<String, Long> tagCounts, Set<String> expectedScenarios,
      boolean postAssessmentExpected, Map<Long, String> delivery) {
    this(learners, scenarios, scales, List.of(), assessmentWavesStarted, tagCounts, expectedScenarios,
        postAssessmentExpected, delivery);
  }

  /** A learner of the course (enrolment role learner). */
  public record Learner(long personId, String name) {
  }

  /** One learner’s attempts at one scenario, aggregated in SQL. Scores 0–100; competencies as 0–1 fractions. */
  public record ScenarioSummary(long personId, String scenarioId, int attempts, int completed, boolean inProgress,
      Double latestScore, Double bestScore, Map<String, Double> bestCompetencies) {
  }

  /**
   * A complete scale mean from a completed pre, post or follow-up response, with the instrument version it was
   * answered under; {@code retrospective} for the post wave's "thinking back" block.
   */
  public record ScaleScore(long personId, String instrumentId, String scaleId, String wave, double mean,
      int version, boolean retrospective) {
    public ScaleScore(long personId, String instrumentId, String scaleId, String wave, double mean) {
      this(personId, instrumentId, scaleId, wave, mean, 1, false);
    }

    public String key() {
      return instrumentId + "/" + scaleId;
    }
  }

  /**
   * A learner's pre → {@code toWave} change on one scale as the assessment worked it out: both means on the same
   * items (only those the two versions share when {@code sharedOnly}); a null mean is incomplete on those items.
   */
  public record Comparison(long personId, String instrumentId, String scaleId, String toWave, Double from, Double to,
      boolean sharedOnly) {
    public String key() {
      return instrumentId + "/" + scaleId;
    }
  }
}
