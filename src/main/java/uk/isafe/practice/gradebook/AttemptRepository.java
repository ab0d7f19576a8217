package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Attempts and their choices for the drill-down, the choice distribution and the choice-level export. Every query
 * carries the session’s course id; a learner or attempt id from the URL only narrows within that course, so a forged
 * id finds nothing.
 */
public final class AttemptRepository {
  static final String LEARNER = """
      SELECT p.id, COALESCE(NULLIF(p.name, ''), p.subject) AS name
      FROM enrolment e JOIN person p ON p.id = e.person_id
      WHERE e.course_id = $1 AND e.person_id = $2 AND e.role = 'learner'""";

  static final String ATTEMPT_COLUMNS = """
      a.id, a.person_id, a.scenario_id, a.scenario_version, a.attempt_no, a.status, a.started_at, a.updated_at,
      a.completed_at, a.ending_node, a.outcome, a.score, a.competency_scores, a.activity,
      (SELECT l.title FROM resource_link l WHERE l.id = a.resource_link_id) AS activity_title""";

  static final String ATTEMPTS_OF_LEARNER = "SELECT " + ATTEMPT_COLUMNS + """
       FROM scenario_attempt a WHERE a.course_id = $1 AND a.person_id = $2
      ORDER BY a.scenario_id, a.started_at, a.attempt_no""";

  static final String EVENTS_OF_LEARNER = """
      SELECT e.attempt_id, e.seq, e.node_id, e.choice_id, e.tags, e.chosen_at
      FROM scenario_choice_event e JOIN scenario_attempt a ON a.id = e.attempt_id
      WHERE a.course_id = $1 AND a.person_id = $2
      ORDER BY e.attempt_id, e.seq""";

  static final String ATTEMPT = "SELECT " + ATTEMPT_COLUMNS + """
       FROM scenario_attempt a
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      WHERE a.course_id = $1 AND a.id = $2""";

  static final String EVENTS_OF_ATTEMPT = """
      SELECT e.attempt_id, e.seq, e.node_id, e.choice_id, e.tags, e.chosen_at
      FROM scenario_choice_event e JOIN scenario_attempt a ON a.id = e.attempt_id
      WHERE a.course_id = $1 AND a.id = $2 ORDER BY e.seq""";

  static final String CHOICE_EXPORT = """
      SELECT p.id AS person_id, p.subject, NULLIF(p.name, '') AS name, a.scenario_id,
        a.scenario_version, a.attempt_no, a.status, e.seq, e.node_id, e.choice_id, e.tags, e.chosen_at,
        a.activity, (SELECT l.title FROM resource_link l WHERE l.id = a.resource_link_id) AS activity_title
      FROM scenario_choice_event e
      JOIN scenario_attempt a ON a.id = e.attempt_id
      JOIN enrolment en ON en.course_id = a.course_id AND en.person_id = a.person_id AND en.role = 'learner'
      JOIN person p ON p.id = a.person_id
      WHERE a.course_id = $1
      ORDER BY name NULLS LAST, p.id, a.scenario_id, a.started_at, a.attempt_no, e.seq""";

  public record Attempt(UUID id, long personId, String scenarioId, int version, int attemptNo, String status,
      OffsetDateTime startedAt, OffsetDateTime endedAt, String endingNode, String outcome, Double score,
      Map<String, Double> competencies, List<Event> events, String activity) {

    public boolean completed() {
      return "completed".equals(status);
    }

    /** Time from start to completion (or last activity while in progress). */
    public Duration duration() {
      return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt);
    }

    Attempt withEvents(List<Event> e) {
      return new Attempt(id, personId, scenarioId, version, attemptNo, status, startedAt, endedAt, endingNode,
          outcome, score, competencies, List.copyOf(e), activity);
    }
  }

  public record Event(int seq, String nodeId, String choiceId, List<String> tags, OffsetDateTime chosenAt) {
    public boolean isContinue() {
      return choiceId == null || choiceId.isEmpty();
    }
  }

  /** {@code subject}: the LMS’s user id; {@code name}: null when the platform does not share names. */
  public record ExportedChoice(long personId, String subject, String name, String scenarioId, int version, int attemptNo,
      String status, int seq, String nodeId, String choiceId, List<String> tags, OffsetDateTime chosenAt,
      String activity) {
  }

  public Future<Optional<CohortData.Learner>> learner(SqlClient db, long courseId, long personId) {
    return db.preparedQuery(LEARNER).execute(Tuple.of(courseId, personId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row r = it.next();
      return Optional.of(new CohortData.Learner(r.getLong("id"), r.getString("name")));
    });
  }

  /** A learner’s attempts with their events, two queries in parallel. */
  public Future<List<Attempt>> attemptsOf(SqlClient db, long courseId, long personId) {
    Tuple args = Tuple.of(courseId, personId);
    Future<List<Attempt>> attempts = db.preparedQuery(ATTEMPTS_OF_LEARNER).execute(args).map(rows -> {
      List<Attempt> out = new ArrayList<>();
      rows.forEach(r -> out.add(attempt(r)));
      return out;
    });
    Future<Map<UUID, List<Event>>> events = db.preparedQuery(EVENTS_OF_LEARNER).execute(args).map(rows -> {
      Map<UUID, List<Event>> out = new LinkedHashMap<>();
      rows.forEach(r -> out.computeIfAbsent(r.getUUID("attempt_id"), k -> new ArrayList<>()).add(event(r)));
      return out;
    });
    return Future.all(attempts, events).map(v -> attempts.result().stream()
        .map(a -> a.withEvents(events.result().getOrDefault(a.id(), List.of()))).toList());
  }

  /** One attempt of a learner of this course, with its events; empty when the id is not in this course. */
  public Future<Optional<Attempt>> attempt(SqlClient db, long courseId, UUID attemptId) {
    Tuple args = Tuple.of(courseId, attemptId);
    Future<Optional<Attempt>> attempt = db.preparedQuery(ATTEMPT).execute(args).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(attempt(it.next())) : Optional.<Attempt>empty();
    });
    Future<List<Event>> events = db.preparedQuery(EVENTS_OF_ATTEMPT).execute(args).map(rows -> {
      List<Event> out = new ArrayList<>();
      rows.forEach(r -> out.add(event(r)));
      return out;
    });
    return Future.all(attempt, events).map(v -> attempt.result().map(a -> a.withEvents(events.result())));
  }

  public Future<List<ExportedChoice>> choicesForExport(SqlClient db, long courseId) {
    return db.preparedQuery(CHOICE_EXPORT).execute(Tuple.of(courseId)).map(rows -> {
      List<ExportedChoice> out = new ArrayList<>();
      rows.forEach(r -> out.add(new ExportedChoice(r.getLong("person_id"), r.getString("subject"),
          r.getString("name"),
          r.getString("scenario_id"), intOr0(r, "scenario_version"), intOr0(r, "attempt_no"), r.getString("status"),
          r.getInteger("seq"), r.getString("node_id"), r.getString("choice_id"), tags(r),
          r.getOffsetDateTime("chosen_at"), activity(r))));
      return out;
    });
  }

  private static Attempt attempt(Row r) {
    OffsetDateTime completed = r.getOffsetDateTime("completed_at");
    return new Attempt(r.getUUID("id"), r.getLong("person_id"), r.getString("scenario_id"),
        intOr0(r, "scenario_version"), intOr0(r, "attempt_no"), r.getString("status"),
        r.getOffsetDateTime("started_at"), completed != null ? completed : r.getOffsetDateTime("updated_at"),
        r.getString("ending_node"), r.getString("outcome"), r.getDouble("score"),
        CohortRepository.fractions(r, "competency_scores"), List.of(), activity(r));
  }

  /**
   * Which activity an attempt belongs to, as a trainer recognises it: the link's title in the course and the
   * {@code activity} value it was started under ("Core practice (pathway:fathers-core)"); null when not recorded.
   */
  static String activity(Row r) {
    String title = r.getString("activity_title");
    String value = r.getString("activity");
    boolean hasTitle = title != null && !title.isBlank();
    boolean hasValue = value != null && !value.isBlank();
    if (hasTitle && hasValue) {
      return title.strip() + " (" + value.strip() + ")";
    }
    return hasTitle ? title.strip() : hasValue ? value.strip() : null;
  }

  private static Event event(Row r) {
    return new Event(r.getInteger("seq"), r.getString("node_id"), r.getString("choice_id"), tags(r),
        r.getOffsetDateTime("chosen_at"));
  }

  static List<String> tags(Row r) {
    String[] t = r.getArrayOfStrings("tags");
    return t == null ? List.of() : List.of(t);
  }

  private static int intOr0(Row r, String column) {
    Integer v = r.getInteger(column);
    return v == null ? 0 : v;
  }
}
