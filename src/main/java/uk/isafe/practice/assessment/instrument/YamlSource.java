package uk.isafe.practice.assessment.instrument;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML parsed into a Jackson tree with the line of every node (by JSON pointer), so messages can name lines.
 * Duplicate mapping keys are reported rather than silently overwritten.
 */
public final class YamlSource {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A parsed file; {@code root} is null for an empty file. */
  public record Parsed(JsonNode root, Map<String, Integer> lines, List<Problem> duplicates) {
    /** The line of {@code pointer}, or of its nearest parent that has one. */
    public int line(String pointer) {
      String p = pointer;
      while (true) {
        Integer l = lines.get(p);
        if (l != null) {
          return l;
        }
        if (p.isEmpty()) {
          return 0;
        }
        p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
      }
    }
  }

  /** YAML that cannot be parsed at all. */
  public static final class SyntaxError extends Exception {
    private final int line;

    SyntaxError(String message, int line) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  private final String file;
  private final Map<String, Integer> lines = new HashMap<>();
  private final List<Problem> duplicates = new ArrayList<>();

  private YamlSource(String file) {
    this.file = file;
  }

  public static Parsed parse(String file, byte[] bytes) throws SyntaxError {
    YamlSource source = new YamlSource(file);
    try (JsonParser p = YAML.createParser(bytes)) {
      JsonToken first = p.nextToken();
      JsonNode root = first == null ? null : source.read(p, "");
      return new Parsed(root, Map.copyOf(source.lines), List.copyOf(source.duplicates));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String m = e.getOriginalMessage() == null ? "unreadable YAML" : e.getOriginalMessage().lines().findFirst()
          .orElse("unreadable YAML");
      throw new SyntaxError("YAML syntax error: " + m, line);
    } catch (IOException e) {
      throw new SyntaxError("could not read: " + e.getMessage(), 0);
    }
  }

  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private JsonNode read(JsonParser p, String pointer) throws IOException {
    lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
    switch (p.currentToken()) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String child = pointer + "/" + escape(key);
          int line = p.currentTokenLocation().getLineNr();
          p.nextToken();
          if (o.has(key)) {
            duplicates.add(new Problem(file, line, null, "key '" + key + "' appears twice"));
            p.skipChildren();
            continue;
          }
          lines.put(child, line);
          o.set(key, read(p, child));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p, pointer + "/" + i++));
        }
        return a;
      }
      case VALUE_NUMBER_INT:
        return NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        return NODES.textNode(p.getText());
    }
  }
}
