package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import uk.isafe.practice.assessment.pathway.Pathway;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.web.Messages;

/**
 * A pathway's grade: the mean, over all of the pathway's scenarios, of the counted score of each (the link's
 * {@code grading_policy}: best by default, or latest, or first completed attempt), a scenario not completed yet
 * counting 0. So it rises as the learner completes scenarios, reaches the mean of all of them when every one is done,
 * and a worse retake never lowers it under the default policy. Only attempts made in this pathway's activity (its
 * resource link) count. Read from the scenario feature's {@code scenario_attempt} table, as the progress is.
 */
final class PathwayGrade {
  /** The counted completed attempt per scenario of this link and learner, by the policy's order ($4). */
  static final String COUNTED = """
      SELECT scenario_id, score, competency_scores FROM (
        SELECT scenario_id, score, competency_scores, row_number() OVER (PARTITION BY scenario_id ORDER BY
          CASE WHEN $4 = 'best' THEN score END DESC NULLS LAST,
          CASE WHEN $4 = 'latest' THEN completed_at END DESC NULLS LAST,
          completed_at, attempt_no) AS rn
          FROM scenario_attempt
         WHERE resource_link_id = $1 AND person_id = $2 AND scenario_id = ANY($3) AND status = 'completed'
           AND score IS NOT NULL) x
       WHERE rn = 1""";

  /** One scenario's counted score (0–100) and its competency fractions (0–1). */
  record Counted(double score, Map<String, Double> competencies) {
  }

  /** The grade and what it is made of. */
  record Grade(double value, int completed, int total, Map<String, Counted> counted) {
    /** Per competency, the mean of the counted scenarios that assess it, out of 100. */
    Map<String, Double> competencies() {
      Map<String, double[]> sums = new TreeMap<>();
      counted.values().forEach(c -> c.competencies().forEach((id, v) -> {
        double[] s = sums.computeIfAbsent(id, k -> new double[2]);
        s[0] += v;
        s[1]++;
      }));
      Map<String, Double> out = new LinkedHashMap<>();
      sums.forEach((id, s) -> out.put(id, round1(100 * s[0] / s[1])));
      return out;
    }
  }

  private final GradePassback grades;
  private final Clock clock;
  private final Messages.Catalog messages;

  PathwayGrade(GradePassback grades, Clock clock, Messages.Catalog messages) {
    this.grades = grades;
    this.clock = clock;
    this.messages = messages;
  }

  /** The pathway's grade for this launch's learner in this launch's activity (empty for a launch without a link). */
  Future<Optional<Grade>> of(SqlClient db, LaunchContext launch, Pathway pathway) {
    if (launch.anonymous() || launch.resourceLinkId().isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.preparedQuery(COUNTED).execute(Tuple.of(launch.resourceLinkId().get(), launch.personId().get(),
        pathway.scenarioIds().toArray(String[]::new), policy(launch))).map(rows -> {
          Map<String, Counted> counted = new LinkedHashMap<>();
          for (Row r : rows) {
            BigDecimal score = r.getBigDecimal("score");
            JsonObject comps = (JsonObject) r.getValue("competency_scores");
            Map<String, Double> c = new TreeMap<>();
            if (comps != null) {
              comps.forEach(e -> {
                if (e.getValue() instanceof Number n) {
                  c.put(e.getKey(), n.doubleValue());
                }
              });
            }
            counted.put(r.getString("scenario_id"), new Counted(score.doubleValue(), c));
          }
          int total = pathway.scenarioIds().size();
          double sum = counted.values().stream().mapToDouble(Counted::score).sum();
          return Optional.of(new Grade(total == 0 ? 0 : round1(sum / total), counted.size(), total, counted));
        });
  }

  /**
   * Records the pathway's grade after one of its scenarios completed (inside that transaction), and, on links that
   * ask for competency columns, one result per competency.
   */
  Future<Optional<GradePassback.Delivery>> record(SqlClient tx, LaunchContext launch, Pathway pathway,
      String attemptRef) {
    return of(tx, launch, pathway).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      Grade g = found.get();
      Instant now = Instant.now(clock);
      String comment = messages.get("assessment.pathway.grade.comment", pathway.title(), g.completed(), g.total());
      GradeResult result = new GradeResult(AssessmentActivities.PATHWAY.name(), "pathway:" + pathway.id(),
          g.value(), 100, comment, now, attemptRef);
      Future<GradePassback.Delivery> own = grades.recordDerived(tx, launch, result);
      Future<Void> chain = own.mapEmpty();
      for (Map.Entry<String, Double> c : g.competencies().entrySet()) {
        GradeResult r = new GradeResult(AssessmentActivities.COMPETENCY_PREFIX + c.getKey(),
            "pathway:" + pathway.id(), c.getValue(), 100, pathway.title() + ": " + c.getKey(), now, attemptRef);
        chain = chain.compose(v -> grades.recordDerived(tx, launch, r)).mapEmpty();
      }
      return chain.map(v -> Optional.of(own.result()));
    });
  }

  /** The link's grading policy as the outbox reads it ({@code grading_policy}: best, latest or first). */
  static String policy(LaunchContext launch) {
    return switch (launch.custom("grading_policy").map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("best")) {
      case "latest", "last" -> "latest";
      case "first" -> "first";
      default -> "best";
    };
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** For the page: the scenario ids in order with their counted score, or null when not completed. */
  static Map<String, Double> scores(Grade g, List<String> ids) {
    Map<String, Double> out = new LinkedHashMap<>();
    ids.forEach(id -> out.put(id, g.counted().containsKey(id) ? g.counted().get(id).score() : null));
    return out;
  }
}
