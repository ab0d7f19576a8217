package uk.isafe.practice.assessment.web;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A learner's stored response to one wave, with the version of the instrument it was answered under (an in-progress
 * response moves to the version served when it is next saved; a completed one keeps its version for good).
 */
record ResponseRow(long id, String wave, int version, String status, Map<String, Integer> answers,
    Map<String, Integer> retrospectiveAnswers, Set<String> sectionsDone, OffsetDateTime completedAt) {

  static final String COLUMNS = "id, wave, instrument_version, status, answers, retrospective_answers, sections_done, "
      + "completed_at";

  boolean completed() {
    return "completed".equals(status);
  }

  static ResponseRow map(Row row) {
    String[] done = row.getArrayOfStrings("sections_done");
    return new ResponseRow(row.getLong("id"), row.getString("wave"), row.getInteger("instrument_version"),
        row.getString("status"), ints(row.getJsonObject("answers")),
        ints(row.getJsonObject("retrospective_answers")), Set.copyOf(List.of(done == null ? new String[0] : done)),
        row.getOffsetDateTime("completed_at"));
  }

  static Map<String, Integer> ints(JsonObject json) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(e -> {
        if (e.getValue() instanceof Number n) {
          out.put(e.getKey(), n.intValue());
        }
      });
    }
    return out;
  }

  static JsonObject json(Map<String, Integer> answers) {
    JsonObject o = new JsonObject();
    answers.forEach(o::put);
    return o;
  }
}
