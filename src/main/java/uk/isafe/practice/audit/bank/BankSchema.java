package uk.isafe.practice.audit.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.isafe.practice.scenario.load.SourceMap;

/** The JSON Schema check of a bank file (Draft 2020-12), each message mapped to its line and item. */
final class BankSchema {
  static final String RESOURCE = "audit/bank.schema.json";
  private static final JsonSchema SCHEMA = load();

  private BankSchema() {
  }

  private static JsonSchema load() {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    try (InputStream in = BankSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<BankProblem> check(String file, JsonNode root, SourceMap lines) {
    List<BankProblem> out = new ArrayList<>();
    for (ValidationMessage m : SCHEMA.validate(root)) {
      String pointer = m.getInstanceLocation().toString();
      if (pointer.startsWith("$")) {
        pointer = pointer.substring(1);
      }
      String message = m.getMessage();
      String location = m.getInstanceLocation().toString();
      if (message.startsWith(location + ": ")) {
        message = message.substring(location.length() + 2);
      }
      out.add(new BankProblem(file, lines.line(pointer), subjectOf(root, pointer),
          "schema: " + message + (pointer.isEmpty() ? "" : " (at " + pointer + ")")));
    }
    out.sort(Comparator.comparingInt(BankProblem::line).thenComparing(BankProblem::message));
    return out;
  }

  private static String subjectOf(JsonNode root, String pointer) {
    String[] parts = pointer.split("/");
    if (parts.length >= 3 && parts[1].equals("sections")) {
      JsonNode section = root.at("/sections/" + parts[2]);
      if (parts.length >= 5 && parts[3].equals("items")) {
        JsonNode id = section.at("/items/" + parts[4] + "/id");
        return BankProblem.item(id.isTextual() ? id.asText() : "#" + parts[4]);
      }
      JsonNode id = section.path("id");
      return BankProblem.section(id.isTextual() ? id.asText() : "#" + parts[2]);
    }
    if (parts.length >= 3 && parts[1].equals("indicators")) {
      JsonNode id = root.at("/indicators/" + parts[2] + "/id");
      return BankProblem.indicator(id.isTextual() ? id.asText() : "#" + parts[2]);
    }
    return null;
  }
}
