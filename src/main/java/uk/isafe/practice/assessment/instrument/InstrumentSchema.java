package uk.isafe.practice.assessment.instrument;

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

/** The JSON Schema check (Draft 2020-12, networknt), with each message mapped to the line it concerns. */
public final class InstrumentSchema {
  public static final String RESOURCE = "assessment/instrument.schema.json";
  private static final JsonSchema SCHEMA = load();

  private InstrumentSchema() {
  }

  private static JsonSchema load() {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    try (InputStream in = InstrumentSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Problem> check(String file, YamlSource.Parsed parsed) {
    List<Problem> out = new ArrayList<>();
    JsonNode root = parsed.root();
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
