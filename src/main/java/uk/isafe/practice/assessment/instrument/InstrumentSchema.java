package uk.isafe.practice.assessment.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.isafe.practice.scenario.load.ContentSchema;

/** The JSON Schema check (Draft 2020-12, networknt), with each message mapped to the line it concerns. */
public final class InstrumentSchema {
  public static final String RESOURCE = "assessment/instrument.schema.json";
  private static final JsonSchema SCHEMA = ContentSchema.load(RESOURCE);

  private InstrumentSchema() {
  }

  public static List<Problem> check(String file, YamlSource.Parsed parsed) {
    List<Problem> out = new ArrayList<>();
    JsonNode root = parsed.root();
    for (ValidationMessage m : SCHEMA.validate(root)) {
      String pointer = m.getInstanceLocation().toString();
      if (pointer.startsWith("$")) {
        pointer = pointer.substring(1);
      }
      String message = ContentSchema.message(m);
      out.add(new Problem(file, parsed.line(pointer), subjectOf(root, pointer),
          "schema: " + message + (pointer.isEmpty() ? "" : " (at " + pointer + ")")));
    }
    out.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::message));
    return out;
  }

  /** The item or scale a pointer falls in, by id where the file gives one. */
  static String subjectOf(JsonNode root, String pointer) {
    String[] parts = pointer.split("/");
    if (parts.length >= 3 && parts[1].equals("scales")) {
      JsonNode scale = root.at("/scales/" + parts[2]);
      if (parts.length >= 5 && parts[3].equals("items")) {
        JsonNode id = scale.at("/items/" + parts[4] + "/id");
        return Problem.item(id.isTextual() ? id.asText() : "#" + parts[4]);
      }
      JsonNode id = scale.path("id");
      return Problem.scale(id.isTextual() ? id.asText() : "#" + parts[2]);
    }
    return null;
  }
}
