package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** What the cohort chose in one scenario: counts per node and choice, common paths and endings, in SQL. */
public final class DistributionRepository {
  static final String LEARNER_ATTEMPTS = """
      FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      """;

  static final String CHOICES = """
      SELECT e.node_id, e.choice_id, count(*) AS n, count(DISTINCT a.person_id) AS learners
      """ + LEARNER_ATTEMPTS + """
      JOIN scenario_choice_event e ON e.attempt_id = a.id
      WHERE a.course_id = $1 AND a.scenario_id = $2 AND e.choice_id <> ''
      GROUP BY e.node_id, e.choice_id""";

  static final String PATHS = """
      SELECT path, ending_node, count(*) AS n FROM (
        SELECT a.id, a.ending_node, string_agg(e.node_id || ':' || e.choice_id, ' ' ORDER BY e.seq) AS path
      """ + LEARNER_ATTEMPTS + """
        JOIN scenario_choice_event e ON e.attempt_id = a.id
        WHERE a.course_id = $1 AND a.scenario_id = $2 AND a.status = 'completed' AND e.choice_id <> ''
        GROUP BY a.id, a.ending_node) p
      GROUP BY path, ending_node ORDER BY n DESC, path LIMIT 5""";

  static final String ENDINGS = """
      SELECT a.ending_node, a.outcome, count(*) AS n, count(DISTINCT a.person_id) AS learners
      """ + LEARNER_ATTEMPTS + """
      WHERE a.course_id = $1 AND a.scenario_id = $2 AND a.status = 'completed'
      GROUP BY a.ending_node, a.outcome ORDER BY n DESC""";

  static final String TOTALS = """
      SELECT count(DISTINCT a.person_id) AS learners, count(*) AS attempts,
        count(*) FILTER (WHERE a.status = 'completed') AS completed
      """ + LEARNER_ATTEMPTS + """
      WHERE a.course_id = $1 AND a.scenario_id = $2""";

  public record ChoiceCount(String nodeId, String choiceId, long count, long learners) {
  }

  public record PathCount(List<String[]> steps, String endingNode, long count) {
  }

  public record EndingCount(String endingNode, String outcome, long count, long learners) {
  }

  public record Raw(long learners, long attempts, long completed, List<ChoiceCount> choices, List<PathCount> paths,
      List<EndingCount> endings) {
  }

  public Future<Raw> load(SqlClient db, long courseId, String scenarioId) {
    Tuple args = Tuple.of(courseId, scenarioId);
    Future<List<ChoiceCount>> choices = db.preparedQuery(CHOICES).execute(args).map(rows -> {
      List<ChoiceCount> out = new ArrayList<>();
      rows.forEach(r -> out.add(new ChoiceCount(r.getString("node_id"), r.getString("choice_id"), r.getLong("n"),
          r.getLong("learners"))));
      return out;
    });
    Future<List<PathCount>> paths = db.preparedQuery(PATHS).execute(args).map(rows -> {
      List<PathCount> out = new ArrayList<>();
      rows.forEach(r -> {
        List<String[]> steps = new ArrayList<>();
        for (String step : r.getString("path").split(" ")) {
          int colon = step.indexOf(':');
          steps.add(new String[] {step.substring(0, colon), step.substring(colon + 1)});
        }
        out.add(new PathCount(steps, r.getString("ending_node"), r.getLong("n")));
      });
      return out;
    });
    Future<List<EndingCount>> endings = db.preparedQuery(ENDINGS).execute(args).map(rows -> {
      List<EndingCount> out = new ArrayList<>();
      rows.forEach(r -> out.add(new EndingCount(r.getString("ending_node"), r.getString("outcome"), r.getLong("n"),
          r.getLong("learners"))));
      return out;
    });
    Future<long[]> totals = db.preparedQuery(TOTALS).execute(args).map(rows -> {
      var r = rows.iterator().next();
      return new long[] {r.getLong("learners"), r.getLong("attempts"), r.getLong("completed")};
    });
    return Future.all(choices, paths, endings, totals).map(v -> new Raw(totals.result()[0], totals.result()[1],
        totals.result()[2], choices.result(), paths.result(), endings.result()));
  }
}
