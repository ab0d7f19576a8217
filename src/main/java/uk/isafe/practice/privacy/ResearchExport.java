package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import uk.isafe.practice.gradebook.export.Csv;
import uk.isafe.practice.gradebook.stats.Suppression;

/**
 * The evaluator's file: questionnaire scale scores per wave per learner, one row per scale, for completed responses
 * only, as the ISAFE trial's outcome constructs (confidence, competence, frequency of strategy use, organisational
 * practice, plus casework). Learners appear only as a keyed hash of their LMS id with the deployment's secret
 * ({@link Pseudonyms}): no names, no LMS ids, no exact dates (a course's cohort is dated by its first and last
 * completed questionnaire). A course with fewer than {@link Suppression#PRIVACY_MIN} learners with a completed
 * questionnaire is left out, as cohort figures are elsewhere; erased people are left out. The same data gives the
 * same file on every run.
 */
public final class ResearchExport {
  static final List<String> HEADER = List.of("learner", "platform", "course", "cohort_start", "cohort_end",
      "instrument", "instrument_version", "wave", "construct", "scale", "retrospective", "mean", "items_answered",
      "items_total", "status");

  private static final String ROWS = """
      SELECT g.name AS platform, g.issuer, p.subject, c.id AS course_id, COALESCE(c.title, c.context_id) AS course,
             r.instrument_id, r.instrument_version, r.wave, s.scale_id, s.retrospective, s.mean, s.answered, s.total,
             s.status, min(r.completed_at) OVER (PARTITION BY c.id) AS cohort_start,
             max(r.completed_at) OVER (PARTITION BY c.id) AS cohort_end
        FROM assessment_response r
        JOIN assessment_scale_score s ON s.response_id = r.id
        JOIN person p ON p.id = r.person_id
        JOIN course c ON c.id = r.course_id
        JOIN platform_registration g ON g.id = c.registration_id
       WHERE r.status = 'completed' AND p.subject NOT LIKE 'erased:%'
         AND ($1::text IS NULL OR g.name = $1)""";

  private ResearchExport() {
  }

  /** The file and how many courses were left out as too small. */
  public record Result(String csv, int rows, int coursesIncluded, int coursesSuppressed) {
  }

  private record Line(String pseudonym, long courseId, List<Object> cells) {
  }

  /**
   * {@code constructs} maps (instrument id, scale id) to the scale's construct (empty when the instrument is not
   * installed any more: the scale id is used).
   */
  public static Future<Result> export(Pool pool, Clock clock, Optional<String> platform,
      BiFunction<String, String, Optional<String>> constructs, String operator) {
    return pool.withTransaction(tx -> Pseudonyms.load(tx).compose(keys -> tx.preparedQuery(ROWS)
        .execute(Tuple.of(platform.orElse(null))).compose(rows -> {
          Map<Long, Set<String>> learners = new HashMap<>();
          List<Line> lines = new ArrayList<>();
          for (Row r : rows) {
            String pid = keys.of("research", r.getString("issuer"), r.getString("subject"));
            learners.computeIfAbsent(r.getLong("course_id"), k -> new HashSet<>()).add(pid);
            BigDecimal mean = r.getBigDecimal("mean");
            lines.add(new Line(pid, r.getLong("course_id"), List.of(pid, r.getString("platform"),
                r.getString("course"), date(r, "cohort_start"), date(r, "cohort_end"), r.getString("instrument_id"),
                r.getInteger("instrument_version"), r.getString("wave"),
                constructs.apply(r.getString("instrument_id"), r.getString("scale_id")).orElse(r.getString(
                    "scale_id")), r.getString("scale_id"), r.getBoolean("retrospective"),
                mean == null ? "" : mean.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                r.getInteger("answered"), r.getInteger("total"), r.getString("status"))));
          }
          Set<Long> kept = new HashSet<>();
          learners.forEach((course, who) -> {
            if (Suppression.forCohortFigures(who.size()) == Suppression.Reason.NONE) {
              kept.add(course);
            }
          });
          Comparator<Line> order = Comparator.comparing((Line l) -> String.valueOf(l.cells().get(2)))
              .thenComparing(Line::courseId).thenComparing(Line::pseudonym)
              .thenComparing(l -> String.valueOf(l.cells().get(5))).thenComparing(l -> waveOrder(l.cells().get(7)))
              .thenComparing(l -> String.valueOf(l.cells().get(9))).thenComparing(l -> String.valueOf(l.cells().get(10)));
          Csv csv = new Csv().row(HEADER);
          List<Line> included = lines.stream().filter(l -> kept.contains(l.courseId())).sorted(order).toList();
          included.forEach(l -> csv.row(l.cells()));
          Result result = new Result(csv.toString(), included.size(), kept.size(), learners.size() - kept.size());
          return AccessLogRepository.commandLine(tx, clock, null, operator, "research-export", null)
              .map(v -> result);
        })));
  }

  private static int waveOrder(Object wave) {
    return switch (String.valueOf(wave)) {
      case "pre" -> 0;
      case "post" -> 1;
      default -> 2;
    };
  }

  private static String date(Row r, String column) {
    var t = r.getOffsetDateTime(column);
    return t == null ? "" : LocalDate.ofInstant(t.toInstant(), java.time.ZoneOffset.UTC).toString();
  }
}
