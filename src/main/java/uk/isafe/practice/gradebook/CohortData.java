package uk.isafe.practice.gradebook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the cohort views are built from, read for one course in a handful of aggregate queries (never one
 * query per learner). Plain data: no Vert.x types, so {@link Cohort} can be tested without a database.
 *
 * @param wavesCompleted per learner, the questionnaire waves completed, as {@code instrument:wave}
 * @param activities     the course’s activities (its links’ {@code activity} values), each with what it asks for
 */
public record CohortData(List<Learner> learners, List<ScenarioSummary> scenarios, List<ScaleScore> scales,
    Map<Long, Set<String>> assessmentWavesStarted, Map<Long, Set<String>> wavesCompleted, Map<String, Long> tagCounts,
    List<Activity> activities, Map<Long, String> delivery) {

  /** A learner of the course (enrolment role learner). {@code subject} is the LMS’s user id (the launch’s sub). */
  public record Learner(long personId, String name, String subject) {
    public Learner(long personId, String name) {
      this(personId, name, null);
    }
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

  /**
   * One activity of the course and what finishing it asks: a completed attempt at each of {@code scenarios} and each
   * questionnaire wave of {@code waves} ({@code instrument:wave}) completed. A scenario link asks for its scenario;
   * a questionnaire link for its wave; a pathway for its scenarios and its instrument’s before and after waves.
   *
   * @param wave for a questionnaire link, which wave it asks ({@code pre}, {@code post}); otherwise null
   */
  public record Activity(String activity, String title, String wave, Set<String> scenarios, Set<String> waves) {
    public Activity(String activity, String title, Set<String> scenarios, Set<String> waves) {
      this(activity, title, null, scenarios, waves);
    }
  }
}
