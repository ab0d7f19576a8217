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
    List<Activity> activities, Map<Long, String> delivery, List<Comparison> comparisons) {

  /** Without stored comparisons (same-version before and later waves pair directly). */
  public CohortData(List<Learner> learners, List<ScenarioSummary> scenarios, List<ScaleScore> scales,
      Map<Long, Set<String>> assessmentWavesStarted, Map<Long, Set<String>> wavesCompleted, Map<String, Long> tagCounts,
      List<Activity> activities, Map<Long, String> delivery) {
    this(learners, scenarios, scales, assessmentWavesStarted, wavesCompleted, tagCounts, activities, delivery,
        List.of());
  }

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

  /**
   * A complete scale mean from a completed pre, post or follow-up response; {@code retrospective} marks the “looking
   * back” rating given after the training (shown beside the before score, never in its place).
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
