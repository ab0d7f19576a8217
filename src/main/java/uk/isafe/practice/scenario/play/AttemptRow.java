package uk.isafe.practice.scenario.play;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One scenario attempt as stored, with the choice ids of its events in order ("" = a narration continue). */
public record AttemptRow(UUID id, long courseId, Long resourceLinkId, long personId, String scenarioId,
    int scenarioVersion, String contentHash, int attemptNo, String status, String currentNode,
    OffsetDateTime startedAt, OffsetDateTime completedAt, String outcome, Double score, JsonObject competencyScores,
    JsonObject indicators, String stepToken, String feedbackMode, String delivery, List<String> steps) {

  /** The attempt's columns without its steps (for lists). */
  public static final String SUMMARY_COLUMNS = """
      a.id, a.course_id, a.resource_link_id, a.person_id, a.scenario_id, a.scenario_version, a.content_hash,
      a.attempt_no, a.status, a.current_node, a.started_at, a.completed_at, a.outcome, a.score,
      a.competency_scores, a.indicators, a.step_token, a.feedback_mode, a.delivery""";

  /** The attempt's columns and its steps, in order. */
  public static final String COLUMNS = SUMMARY_COLUMNS + """
      ,
      coalesce((SELECT array_agg(e.choice_id ORDER BY e.seq) FROM scenario_choice_event e
                WHERE e.attempt_id = a.id), '{}') AS steps""";

  /** This attempt once a step ({@code choiceId}, "" for a continue) is recorded: its new token, node and steps. */
  public AttemptRow after(String choiceId, String nextToken, String nextNode, OffsetDateTime at) {
    List<String> more = new java.util.ArrayList<>(steps);
    more.add(choiceId);
    return new AttemptRow(id, courseId, resourceLinkId, personId, scenarioId, scenarioVersion, contentHash, attemptNo,
        status, nextNode, startedAt, completedAt, outcome, score, competencyScores, indicators, nextToken,
        feedbackMode, delivery, List.copyOf(more));
  }

  public boolean completed() {
    return "completed".equals(status);
  }

  public boolean feedbackAtEndOnly() {
    return "end".equals(feedbackMode);
  }

  static AttemptRow map(Row r) {
    BigDecimal score = r.getBigDecimal("score");
    String[] steps = r.getColumnIndex("steps") < 0 ? null : r.getArrayOfStrings("steps");
    return new AttemptRow(r.getUUID("id"), r.getLong("course_id"), r.getLong("resource_link_id"),
        r.getLong("person_id"), r.getString("scenario_id"), r.getInteger("scenario_version"),
        r.getString("content_hash"), r.getInteger("attempt_no"), r.getString("status"), r.getString("current_node"),
        r.getOffsetDateTime("started_at"), r.getOffsetDateTime("completed_at"), r.getString("outcome"),
        score == null ? null : score.doubleValue(), (JsonObject) r.getValue("competency_scores"),
        (JsonObject) r.getValue("indicators"), r.getString("step_token"), r.getString("feedback_mode"),
        r.getString("delivery"), steps == null ? List.of() : Arrays.asList(steps));
  }
}
