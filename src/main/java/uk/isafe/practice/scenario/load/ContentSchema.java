package uk.isafe.practice.scenario.load;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schemas of content files (scenarios, instruments), Draft 2020-12 with JSON-pointer locations (networknt),
 * read from the classpath: one way to load a schema and to word its messages for every kind of content.
 */
public final class ContentSchema {
  private ContentSchema() {
  }

  /** The schema at classpath {@code resource}; a missing or unreadable schema is a build error, thrown. */
  public static JsonSchema load(String resource) {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    try (InputStream in = ContentSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message without the location the library puts in front of it (the caller names the place itself). */
  public static String message(ValidationMessage m) {
    String message = m.getMessage();
    String location = m.getInstanceLocation().toString();
    return message.startsWith(location + ": ") ? message.substring(location.length() + 2) : message;
  }
}
