package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a course’s cohort in a handful of aggregate queries run side by side. Every query is scoped by the tool’s course id
 * (registration + deployment + context), taken from the session, never from the URL; only people enrolled in that
 * course as learners are counted.
 */
public final class CohortRepository {
  static final String LEARNERS = """
      SELECT p.id, COALESCE(NULLIF(p.name, ''), NULLIF(concat_ws(' ', p.given_name, p.family_name), ''),
        p.subject) AS name
      FROM enrolment e JOIN person p ON p.id = e.person_id
      WHERE e.course_id = $1 AND e.role = 'learner'""";

  static final String SCENARIO_SUMMARIES = """
      SELECT a.person_id, a.scenario_id, count(*) AS attempts,
        count(*) FILTER (WHERE a.status = 'completed') AS completed,
        bool_or(a.status = 'in_progress') AS in_progress,
        (array_agg(a.score ORDER BY a.completed_at DESC, a.attempt_no DESC)
           FILTER (WHERE a.status = 'completed'))[1] AS latest_score,
        max(a.score) FILTER (WHERE a.status = 'completed') AS best_score,
        (array_agg(a.competency_scores ORDER BY a.score DESC NULLS LAST, a.completed_at)
           FILTER (WHERE a.status = 'completed'))[1] AS best_competencies
      FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      WHERE a.course_id = $1
      GROUP BY a.person_id, a.scenario_id""";

  static final String SCALE_SCORES = """
      SELECT r.person_id, r.instrument_id, r.instrument_version, r.wave, s.scale_id, s.mean, s.retrospective
      FROM assessment_response r
      JOIN assessment_scale_score s ON s.response_id = r.id
      JOIN enrolment en ON en.course_id = r.course_id AND en.person_id = r.person_id AND en.role = 'learner'
      WHERE r.course_id = $1 AND r.status = 'completed' AND r.wave IN ('pre', 'post', 'follow-up')
        AND s.status = 'complete' AND s.mean IS NOT NULL""";

  /** Pre → post and pre → follow-up changes the assessment worked out (on shared items across versions). */
  static final String COMPARISONS = """
      SELECT r.person_id, r.instrument_id, r.wave, c.scale_id, c.from_mean, c.to_mean, c.shared_only
      FROM assessment_comparison c
      JOIN assessment_response r ON r.id = c.response_id
      JOIN enrolment en ON en.course_id = r.course_id AND en.person_id = r.person_id AND en.role = 'learner'
      WHERE r.course_id = $1 AND r.status = 'completed'""";

  static final String COMPARISONS_OF = COMPARISONS + " AND r.person_id = $2";

  static final String SCALE_SCORES_OF_LEARNER = SCALE_SCORES + " AND r.person_id = $2";

  static final String WAVES_STARTED = """
      SELECT person_id, array_agg(DISTINCT wave) AS waves FROM assessment_response
      WHERE course_id = $1 GROUP BY person_id""";

  static final String TAG_COUNTS = """
      SELECT t.tag, count(*) AS n
      FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      JOIN scenario_choice_event e ON e.attempt_id = a.id
      CROSS JOIN LATERAL unnest(e.tags) AS t(tag)
      WHERE a.course_id = $1 AND a.status = 'completed'
      GROUP BY t.tag""";

  static final String ACTIVITIES = """
      SELECT DISTINCT custom->>'activity' AS activity FROM resource_link
      WHERE course_id = $1 AND custom ? 'activity'""";

  private final GradeDeliveryStatuses delivery;

  public CohortRepository(GradeDeliveryStatuses delivery) {
    this.delivery = delivery;
  }

  public Future<CohortData> load(SqlClient db, long courseId) {
    Tuple course = Tuple.of(courseId);
    Future<List<CohortData.Learner>> learners = db.preparedQuery(LEARNERS).execute(course)
        .map(rows -> {
          List<CohortData.Learner> out = new ArrayList<>();
          rows.forEach(r -> out.add(new CohortData.Learner(r.getLong("id"), r.getString("name"))));
          return out;
        });
    Future<List<CohortData.ScenarioSummary>> scenarios = db.preparedQuery(SCENARIO_SUMMARIES).execute(course)
        .map(rows -> {
          List<CohortData.ScenarioSummary> out = new ArrayList<>();
          rows.forEach(r -> out.add(new CohortData.ScenarioSummary(r.getLong("person_id"),
              r.getString("scenario_id"), r.getInteger("attempts"), r.getInteger("completed"),
              Boolean.TRUE.equals(r.getBoolean("in_progress")), r.getDouble("latest_score"),
              r.getDouble("best_score"), fractions(r, "best_competencies"))));
          return out;
        });
    Future<List<CohortData.ScaleScore>> scales = db.preparedQuery(SCALE_SCORES).execute(course)
        .map(CohortRepository::scaleScores);
    Future<List<CohortData.Comparison>> comparisons = db.preparedQuery(COMPARISONS).execute(course)
        .map(CohortRepository::comparisons);
    Future<Map<Long, Set<String>>> waves = db.preparedQuery(WAVES_STARTED).execute(course)
        .map(rows -> {
          Map<Long, Set<String>> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("person_id"), Set.of(r.getArrayOfStrings("waves"))));
          return out;
        });
    Future<Map<String, Long>> tags = db.preparedQuery(TAG_COUNTS).execute(course)
        .map(rows -> {
          Map<String, Long> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("tag"), r.getLong("n")));
          return out;
        });
    Future<Set<String>> activities = db.preparedQuery(ACTIVITIES).execute(course)
        .map(rows -> {
          Set<String> out = new LinkedHashSet<>();
          rows.forEach(r -> out.add(r.getString("activity")));
          return out;
        });
    Future<Map<Long, String>> delivered = delivery.forCourse(db, courseId);
    return Future.all(List.of(learners, scenarios, scales, comparisons, waves, tags, activities, delivered))
        .map(all -> {
      Set<String> expectedScenarios = new LinkedHashSet<>();
      boolean postExpected = false;
      for (String a : activities.result()) {
        if (a.startsWith("scenario:")) {
          expectedScenarios.add(a.substring("scenario:".length()));
        } else if (a.startsWith("assessment:") && a.endsWith(":post")) {
          postExpected = true;
        }
      }
      scenarios.result().forEach(s -> expectedScenarios.add(s.scenarioId()));
      Set<String> wavesSeen = new HashSet<>();
      waves.result().values().forEach(wavesSeen::addAll);
      postExpected = postExpected || wavesSeen.contains("post");
      return new CohortData(learners.result(), scenarios.result(), scales.result(), comparisons.result(),
          waves.result(), tags.result(), expectedScenarios, postExpected, delivered.result());
    });
  }

  /** One learner’s complete scale scores in this course (for the drill-down). */
  public Future<List<CohortData.ScaleScore>> scalesOf(SqlClient db, long courseId, long personId) {
    return db.preparedQuery(SCALE_SCORES_OF_LEARNER).execute(Tuple.of(courseId, personId))
        .map(CohortRepository::scaleScores);
  }

  /** One learner's pre → later-wave comparisons in this course (for the drill-down). */
  public Future<List<CohortData.Comparison>> comparisonsOf(SqlClient db, long courseId, long personId) {
    return db.preparedQuery(COMPARISONS_OF).execute(Tuple.of(courseId, personId)).map(CohortRepository::comparisons);
  }

  private static List<CohortData.Comparison> comparisons(io.vertx.sqlclient.RowSet<Row> rows) {
    List<CohortData.Comparison> out = new ArrayList<>();
    rows.forEach(r -> out.add(new CohortData.Comparison(r.getLong("person_id"), r.getString("instrument_id"),
        r.getString("scale_id"), r.getString("wave"), r.getDouble("from_mean"), r.getDouble("to_mean"),
        r.getBoolean("shared_only"))));
    return out;
  }

  private static List<CohortData.ScaleScore> scaleScores(io.vertx.sqlclient.RowSet<Row> rows) {
    List<CohortData.ScaleScore> out = new ArrayList<>();
    rows.forEach(r -> out.add(new CohortData.ScaleScore(r.getLong("person_id"), r.getString("instrument_id"),
        r.getString("scale_id"), r.getString("wave"), r.getDouble("mean"), r.getInteger("instrument_version"),
        r.getBoolean("retrospective"))));
    return out;
  }

  /** A jsonb object of competency fractions as an ordered map; null or non-object gives an empty map. */
  static Map<String, Double> fractions(Row row, String column) {
    Object v = row.getValue(column);
    Map<String, Double> out = new LinkedHashMap<>();
    if (v instanceof JsonObject json) {
      json.fieldNames().stream().sorted().forEach(k -> {
        Object x = json.getValue(k);
        if (x instanceof Number n) {
          out.put(k, n.doubleValue());
        }
      });
    }
    return out;
  }
}
