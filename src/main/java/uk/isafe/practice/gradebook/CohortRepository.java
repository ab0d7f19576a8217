package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads cohorts in a handful of aggregate queries run side by side, for one course or for every course of a
 * platform deployment at once (the learning team’s view) — the same queries either way, so the same rules. Every
 * query is scoped by the tool’s course ids (registration + deployment + context), taken from the session or from a
 * checked deployment scope, never from the URL alone; only people enrolled as learners are counted. A query joining
 * {@code enrolment} also restricts it by those course ids itself ({@code en.course_id = ANY($1)}): PostgreSQL does
 * not carry an {@code ANY} condition across a join, so without it the join reads the enrolments of every course.
 */
public final class CohortRepository {
  static final String LEARNERS = """
      SELECT m.course_id, p.id, COALESCE(NULLIF(p.name, ''), p.subject) AS name, p.subject
      FROM (SELECT e.course_id, e.person_id FROM enrolment e WHERE e.course_id = ANY($1) AND e.role = 'learner'
            UNION
            SELECT r.course_id, r.person_id FROM course_roster r WHERE r.course_id = ANY($1) AND r.role = 'learner'
              AND NOT EXISTS (SELECT 1 FROM enrolment x WHERE x.course_id = r.course_id
                                AND x.person_id = r.person_id AND x.role <> 'learner')) m
      JOIN person p ON p.id = m.person_id""";

  static final String SCENARIO_SUMMARIES = """
      SELECT a.course_id, a.person_id, a.scenario_id, count(*) AS attempts,
        count(*) FILTER (WHERE a.status = 'completed') AS completed,
        bool_or(a.status = 'in_progress') AS in_progress,
        (array_agg(a.score ORDER BY a.completed_at DESC, a.attempt_no DESC)
           FILTER (WHERE a.status = 'completed'))[1] AS latest_score,
        max(a.score) FILTER (WHERE a.status = 'completed') AS best_score,
        (array_agg(a.competency_scores ORDER BY a.score DESC NULLS LAST, a.completed_at)
           FILTER (WHERE a.status = 'completed'))[1] AS best_competencies
      FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      WHERE a.course_id = ANY($1) AND en.course_id = ANY($1)
      GROUP BY a.course_id, a.person_id, a.scenario_id""";

  /** For the view across courses: counts and the best score only (no latest score, no competencies to sort out). */
  static final String SCENARIO_COUNTS = """
      SELECT a.course_id, a.person_id, a.scenario_id, count(*) AS attempts,
        count(*) FILTER (WHERE a.status = 'completed') AS completed,
        bool_or(a.status = 'in_progress') AS in_progress,
        NULL::numeric AS latest_score,
        max(a.score) FILTER (WHERE a.status = 'completed') AS best_score,
        NULL::jsonb AS best_competencies
      FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      WHERE a.course_id = ANY($1) AND en.course_id = ANY($1)
      GROUP BY a.course_id, a.person_id, a.scenario_id""";

  static final String SCALE_SCORES = """
      SELECT r.course_id, r.person_id, r.instrument_id, r.instrument_version, r.wave, s.scale_id, s.mean,
        s.retrospective
      FROM assessment_response r
      JOIN assessment_scale_score s ON s.response_id = r.id
      JOIN enrolment en ON en.course_id = r.course_id AND en.person_id = r.person_id AND en.role = 'learner'
      WHERE r.course_id = ANY($1) AND en.course_id = ANY($1) AND r.status = 'completed'
        AND r.wave IN ('pre', 'post', 'follow-up')
        AND s.status = 'complete' AND s.mean IS NOT NULL""";

  /** Pre → post and pre → follow-up changes the assessment worked out (on shared items across versions). */
  static final String COMPARISONS = """
      SELECT r.course_id, r.person_id, r.instrument_id, r.wave, c.scale_id, c.from_mean, c.to_mean, c.shared_only
      FROM assessment_comparison c
      JOIN assessment_response r ON r.id = c.response_id
      JOIN enrolment en ON en.course_id = r.course_id AND en.person_id = r.person_id AND en.role = 'learner'
      WHERE r.course_id = ANY($1) AND en.course_id = ANY($1) AND r.status = 'completed'""";

  static final String SCALE_SCORES_OF_LEARNER = SCALE_SCORES + " AND r.person_id = $2";

  static final String WAVES = """
      SELECT course_id, person_id, array_agg(DISTINCT wave) AS waves,
        array_agg(DISTINCT instrument_id || ':' || wave) FILTER (WHERE status = 'completed') AS completed
      FROM assessment_response
      WHERE course_id = ANY($1) GROUP BY course_id, person_id""";

  static final String TAG_COUNTS = """
      SELECT t.tag, count(*) AS n
      FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      JOIN scenario_choice_event e ON e.attempt_id = a.id
      CROSS JOIN LATERAL unnest(e.tags) AS t(tag)
      WHERE a.course_id = $1 AND a.status = 'completed'
      GROUP BY t.tag""";

  static final String ACTIVITIES = """
      SELECT course_id, custom->>'activity' AS activity FROM resource_link
      WHERE course_id = ANY($1) AND custom ? 'activity' GROUP BY 1, 2 ORDER BY 1, min(id)""";

  private final GradeDeliveryStatuses delivery;
  private final Function<String, Optional<CohortData.Activity>> activities;

  /** Without content: scenario links are known by id; questionnaires and pathways are not checked. */
  public CohortRepository(GradeDeliveryStatuses delivery) {
    this(delivery, a -> a.startsWith("scenario:") ? Optional.of(new CohortData.Activity(a,
        a.substring("scenario:".length()), Set.of(a.substring("scenario:".length())), Set.of())) : Optional.empty());
  }

  /** {@code activities} says what a link’s activity value asks of a learner. */
  public CohortRepository(GradeDeliveryStatuses delivery,
      Function<String, Optional<CohortData.Activity>> activities) {
    this.delivery = delivery;
    this.activities = activities;
  }

  /** One course’s cohort, with practice indicators and grade delivery. */
  public Future<CohortData> load(SqlClient db, long courseId) {
    Future<Map<Long, CohortData>> base = load(db, List.of(courseId), SCENARIO_SUMMARIES);
    Future<Map<String, Long>> tags = db.preparedQuery(TAG_COUNTS).execute(Tuple.of(courseId))
        .map(rows -> {
          Map<String, Long> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("tag"), r.getLong("n")));
          return out;
        });
    Future<Map<Long, String>> delivered = delivery.forCourse(db, courseId);
    return Future.all(base, tags, delivered).map(all -> {
      CohortData d = base.result().get(courseId);
      return new CohortData(d.learners(), d.scenarios(), d.scales(), d.assessmentWavesStarted(), d.wavesCompleted(),
          tags.result(), d.activities(), delivered.result(), d.comparisons());
    });
  }

  /**
   * The cohorts of {@code courseIds} (every id gets an entry, empty when nobody launched) for a view across courses:
   * progress, scale scores and best scores, without latest scores, competencies, practice indicators or grade
   * delivery. Five queries whatever the number of courses.
   */
  public Future<Map<Long, CohortData>> loadMany(SqlClient db, List<Long> courseIds) {
    return load(db, courseIds, SCENARIO_COUNTS);
  }

  private Future<Map<Long, CohortData>> load(SqlClient db, List<Long> courseIds, String scenarioQuery) {
    Tuple ids = Tuple.of(courseIds.toArray(new Long[0]));
    Map<Long, Parts> parts = new LinkedHashMap<>();
    courseIds.forEach(id -> parts.put(id, new Parts()));
    Future<?> learners = db.preparedQuery(LEARNERS).execute(ids).onSuccess(rows -> rows.forEach(r ->
        part(parts, r).learners.add(new CohortData.Learner(r.getLong("id"), r.getString("name"),
            r.getString("subject")))));
    Future<?> scenarios = db.preparedQuery(scenarioQuery).execute(ids).onSuccess(rows -> rows.forEach(r ->
        part(parts, r).scenarios.add(new CohortData.ScenarioSummary(r.getLong("person_id"), r.getString("scenario_id"),
            r.getInteger("attempts"), r.getInteger("completed"), Boolean.TRUE.equals(r.getBoolean("in_progress")),
            r.getDouble("latest_score"), r.getDouble("best_score"), fractions(r, "best_competencies")))));
    Future<?> scales = db.preparedQuery(SCALE_SCORES).execute(ids).onSuccess(rows -> rows.forEach(r ->
        part(parts, r).scales.add(scaleScore(r))));
    Future<?> compared = db.preparedQuery(COMPARISONS).execute(ids).onSuccess(rows -> rows.forEach(r ->
        part(parts, r).comparisons.add(comparison(r))));
    Future<?> waves = db.preparedQuery(WAVES).execute(ids).onSuccess(rows -> rows.forEach(r -> {
      Parts p = part(parts, r);
      p.started.put(r.getLong("person_id"), Set.of(r.getArrayOfStrings("waves")));
      String[] done = r.getArrayOfStrings("completed");
      p.completed.put(r.getLong("person_id"), done == null ? Set.of() : Set.of(done));
    }));
    Future<?> links = db.preparedQuery(ACTIVITIES).execute(ids).onSuccess(rows -> rows.forEach(r ->
        activities.apply(r.getString("activity").trim()).ifPresent(part(parts, r).activities::add)));
    return Future.all(List.of(learners, scenarios, scales, compared, waves, links)).map(all -> {
      Map<Long, CohortData> out = new LinkedHashMap<>();
      parts.forEach((id, p) -> out.put(id, new CohortData(p.learners, p.scenarios, p.scales, p.started, p.completed,
          Map.of(), p.activities, Map.of(), p.comparisons)));
      return out;
    });
  }

  /** What the queries found for one course, gathered on the connection’s context before the futures join. */
  private static final class Parts {
    final List<CohortData.Learner> learners = new ArrayList<>();
    final List<CohortData.ScenarioSummary> scenarios = new ArrayList<>();
    final List<CohortData.ScaleScore> scales = new ArrayList<>();
    final Map<Long, Set<String>> started = new HashMap<>();
    final Map<Long, Set<String>> completed = new HashMap<>();
    final List<CohortData.Activity> activities = new ArrayList<>();
    final List<CohortData.Comparison> comparisons = new ArrayList<>();
  }

  private static Parts part(Map<Long, Parts> parts, Row r) {
    return parts.get(r.getLong("course_id"));
  }

  private static CohortData.ScaleScore scaleScore(Row r) {
    return new CohortData.ScaleScore(r.getLong("person_id"), r.getString("instrument_id"), r.getString("scale_id"),
        r.getString("wave"), r.getDouble("mean"), r.getInteger("instrument_version"),
        Boolean.TRUE.equals(r.getBoolean("retrospective")));
  }

  private static CohortData.Comparison comparison(Row r) {
    return new CohortData.Comparison(r.getLong("person_id"), r.getString("instrument_id"), r.getString("scale_id"),
        r.getString("wave"), r.getDouble("from_mean"), r.getDouble("to_mean"),
        Boolean.TRUE.equals(r.getBoolean("shared_only")));
  }

  /** One learner’s complete scale scores in this course (for the drill-down). */
  public Future<List<CohortData.ScaleScore>> scalesOf(SqlClient db, long courseId, long personId) {
    return db.preparedQuery(SCALE_SCORES_OF_LEARNER).execute(Tuple.of(new Long[] {courseId}, personId)).map(rows -> {
      List<CohortData.ScaleScore> out = new ArrayList<>();
      rows.forEach(r -> out.add(scaleScore(r)));
      return out;
    });
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
