package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import uk.isafe.practice.assessment.scoring.ScaleScore;

/**
 * Stored responses and scale scores. Every query is keyed by course and person (the caller's own launch), so a
 * learner can only ever reach their own answers. Methods take a {@link SqlClient} so they run in a transaction.
 */
final class ResponseRepository {
  static final String FIND = "SELECT " + ResponseRow.COLUMNS + " FROM assessment_response"
      + " WHERE course_id = $1 AND person_id = $2 AND instrument_id = $3 AND wave = $4";

  /**
   * Merges the new answers into the stored ones; a completed response is never changed. With $10 set (an autosave
   * from the page's script) a section already saved by its form is left alone: a late autosave never overwrites it.
   */
  static final String SAVE = """
      INSERT INTO assessment_response (course_id, resource_link_id, person_id, instrument_id, instrument_version,
        wave, status, answers, retrospective_answers, sections_done)
      VALUES ($1, $2, $3, $4, $5, $6, 'in_progress', $7, $8, $9)
      ON CONFLICT (course_id, person_id, instrument_id, wave) DO UPDATE SET
        instrument_version = excluded.instrument_version,
        answers = assessment_response.answers || excluded.answers,
        retrospective_answers = assessment_response.retrospective_answers || excluded.retrospective_answers,
        sections_done = ARRAY(SELECT DISTINCT unnest(assessment_response.sections_done || excluded.sections_done)),
        updated_at = now()
      WHERE assessment_response.status = 'in_progress'
        AND ($10::text IS NULL OR NOT ($10::text = ANY(assessment_response.sections_done)))
      RETURNING (xmax = 0) AS inserted, """ + ResponseRow.COLUMNS;

  /** The learner's completed responses to every wave of one instrument. */
  static final String COMPLETED = "SELECT " + ResponseRow.COLUMNS + " FROM assessment_response"
      + " WHERE course_id = $1 AND person_id = $2 AND instrument_id = $3 AND status = 'completed'";

  static final String CLEAR_COMPARISON = "DELETE FROM assessment_comparison WHERE response_id = $1";

  static final String INSERT_COMPARISON = """
      INSERT INTO assessment_comparison (response_id, from_response_id, scale_id, from_mean, to_mean,
        retrospective_mean, items, shared_only, across_versions)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (response_id, scale_id) DO UPDATE SET from_response_id = excluded.from_response_id,
        from_mean = excluded.from_mean, to_mean = excluded.to_mean, retrospective_mean = excluded.retrospective_mean,
        items = excluded.items, shared_only = excluded.shared_only, across_versions = excluded.across_versions""";

  static final String COMPLETE = """
      UPDATE assessment_response SET status = 'completed', completed_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'in_progress' RETURNING id""";

  static final String INSERT_SCORE = """
      INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  static final String SCORES = """
      SELECT scale_id, mean, answered, total, retrospective FROM assessment_scale_score WHERE response_id = $1""";

  /** What a save did: the row as now stored, and whether this save created it. */
  record Saved(ResponseRow row, boolean inserted) {
  }

  Future<Optional<ResponseRow>> find(SqlClient sql, long courseId, long personId, String instrumentId, String wave) {
    return sql.preparedQuery(FIND).execute(Tuple.of(courseId, personId, instrumentId, wave))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ResponseRow.map(rows.iterator().next())));
  }

  /** Saves answers; empty when the response is already completed (nothing changed). */
  Future<Optional<Saved>> save(SqlClient sql, Key key, Long resourceLinkId, int version,
      Map<String, Integer> answers, Map<String, Integer> retrospective, List<String> sectionsDone) {
    return save(sql, key, resourceLinkId, version, answers, retrospective, sectionsDone, null);
  }

  /** As {@link #save}; {@code draftOf} names the section of an autosave (ignored once that section is saved). */
  Future<Optional<Saved>> save(SqlClient sql, Key key, Long resourceLinkId, int version,
      Map<String, Integer> answers, Map<String, Integer> retrospective, List<String> sectionsDone, String draftOf) {
    return sql.preparedQuery(SAVE).execute(Tuple.from(new Object[] {key.courseId(), resourceLinkId, key.personId(),
            key.instrumentId(), version, key.wave(), ResponseRow.json(answers), ResponseRow.json(retrospective),
            sectionsDone.toArray(String[]::new), draftOf}))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Saved(ResponseRow.map(r), r.getBoolean("inserted")));
        });
  }

  Future<Boolean> complete(SqlClient sql, long responseId, List<ScaleScore> scores) {
    return sql.preparedQuery(COMPLETE).execute(Tuple.of(responseId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      List<Tuple> batch = new ArrayList<>();
      for (ScaleScore s : scores) {
        batch.add(Tuple.from(new Object[] {responseId, s.scaleId(),
            s.mean().isPresent() ? java.math.BigDecimal.valueOf(s.mean().getAsDouble()) : null,
            s.answered(), s.total(), s.status(), s.retrospective()}));
      }
      return batch.isEmpty() ? Future.succeededFuture(true)
          : sql.preparedQuery(INSERT_SCORE).executeBatch(batch).map(true);
    });
  }

  Future<List<ScaleScore>> scores(SqlClient sql, long responseId) {
    return sql.preparedQuery(SCORES).execute(Tuple.of(responseId)).map(rows -> {
      List<ScaleScore> out = new ArrayList<>();
      for (Row r : rows) {
        java.math.BigDecimal mean = r.getBigDecimal("mean");
        out.add(new ScaleScore(r.getString("scale_id"),
            mean == null ? OptionalDouble.empty() : OptionalDouble.of(mean.doubleValue()),
            r.getInteger("answered"), r.getInteger("total"), r.getBoolean("retrospective")));
      }
      return out;
    });
  }

  Future<List<ResponseRow>> completed(SqlClient sql, long courseId, long personId, String instrumentId) {
    return sql.preparedQuery(COMPLETED).execute(Tuple.of(courseId, personId, instrumentId)).map(rows -> {
      List<ResponseRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(ResponseRow.map(r)));
      return out;
    });
  }

  /** Replaces the stored pre → later-wave comparison of response {@code toResponse}. */
  Future<Void> replaceComparison(SqlClient sql, long toResponse, long fromResponse,
      List<uk.isafe.practice.assessment.scoring.WaveChange> changes) {
    List<Tuple> batch = new ArrayList<>();
    for (var c : changes) {
      batch.add(Tuple.from(new Object[] {toResponse, fromResponse, c.scaleId(), decimal(c.from()), decimal(c.to()),
          decimal(c.retrospective()), c.items(), c.sharedOnly(), c.acrossVersions()}));
    }
    Future<?> cleared = sql.preparedQuery(CLEAR_COMPARISON).execute(Tuple.of(toResponse));
    return cleared.compose(x -> batch.isEmpty() ? Future.succeededFuture()
        : sql.preparedQuery(INSERT_COMPARISON).executeBatch(batch)).mapEmpty();
  }

  private static java.math.BigDecimal decimal(OptionalDouble d) {
    return d.isPresent() ? java.math.BigDecimal.valueOf(d.getAsDouble()) : null;
  }

  /** Whose response: always the current launch's course and person. */
  record Key(long courseId, long personId, String instrumentId, String wave) {
  }
}
