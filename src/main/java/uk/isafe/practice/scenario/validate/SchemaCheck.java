package uk.isafe.practice.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import uk.isafe.practice.scenario.load.ContentSchema;
import uk.isafe.practice.scenario.load.SourceMap;

/** Rule 1: the JSON Schema (Draft 2020-12, networknt json-schema-validator), messages mapped to file lines. */
public final class SchemaCheck {
  public static final String SCHEMA_RESOURCE = "scenario/scenario.schema.json";
  private static final Set<String> TIME_LIMIT_KEYS = Set.of("timer", "time_limit", "timeout", "time_limit_seconds");
  private static final JsonSchema SCHEMA = ContentSchema.load(SCHEMA_RESOURCE);

  private SchemaCheck() {
  }

  /** Schema problems, in line order. */
  public static List<Problem> check(String file, JsonNode root, SourceMap lines) {
    List<Problem> out = new ArrayList<>();
    for (ValidationMessage m : SCHEMA.validate(root)) {
      String pointer = pointer(m);
      Where where = Where.of(root, pointer);
      // an unexpected key is best shown on its own line
      String linePointer = "additionalProperties".equals(m.getType()) && m.getProperty() != null
          ? pointer + "/" + SourceMap.escape(m.getProperty()) : pointer;
      out.add(new Problem(Severity.ERROR, file, lines.line(linePointer), where.nodeId(), where.choiceId(),
          describe(m, pointer)));
    }
    out.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::message));
    return out;
  }

  private static String pointer(ValidationMessage m) {
    StringBuilder b = new StringBuilder();
    var path = m.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      b.append('/').append(SourceMap.escape(String.valueOf(path.getElement(i))));
    }
    return b.toString();
  }

  private static String describe(ValidationMessage m, String pointer) {
    String property = m.getProperty();
    String type = m.getType();
    if ("required".equals(type) && "feedback".equals(property)) {
      return "MI-inconsistent or SAFE- choice needs feedback (a coach’s note naming the skill)";
    }
    if ("additionalProperties".equals(type) && property != null && TIME_LIMIT_KEYS.contains(property)) {
      return "'" + property + "': time limits are not allowed (accessibility: WCAG 2.2.1)";
    }
    if ("required".equals(type) && "alt".equals(property)) {
      return "an image needs alt text";
    }
    String message = ContentSchema.message(m);
    String at = pointer.isEmpty() ? "" : " (at " + pointer + ")";
    return "schema: " + message + at;
  }

  /** The node and choice a pointer falls in, for messages. */
  record Where(String nodeId, String choiceId) {
    static Where of(JsonNode root, String pointer) {
      String[] parts = pointer.split("/");
      if (parts.length < 3 || !parts[1].equals("nodes")) {
        return new Where(null, null);
      }
      String nodeId = SourceMap.unescape(parts[2]);
      if (parts.length < 5 || !parts[3].equals("choices") || !parts[4].matches("\\d{1,6}")) {
        return new Where(nodeId, null);
      }
      JsonNode id = root.at("/nodes/" + parts[2] + "/choices/" + parts[4] + "/id");
      String choiceId = id.isTextual() ? id.asText() : "#" + (Integer.parseInt(parts[4]) + 1);
      return new Where(nodeId, choiceId);
    }
  }
}
