package uk.isafe.practice.assessment.web;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A learner's stored response to one wave. */
record ResponseRow(long id, String status, Map<String, Integer> answers, Map<String, Integer> retrospectiveAnswers,
    Set<String> sectionsDone, OffsetDateTime completedAt) {

  static final String COLUMNS = "id, status, answers, retrospective_answers, sections_done, completed_at";

  boolean completed() {
    return "completed".equals(status);
  }

  static ResponseRow map(Row row) {
    String[] done = row.getArrayOfStrings("sections_done");
    return new ResponseRow(row.getLong("id"), row.getString("status"), ints(row.getJsonObject("answers")),
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
