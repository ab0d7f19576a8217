package uk.isafe.practice.scenario.load;

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
import java.util.List;

/**
 * Parses YAML into a Jackson tree while recording the line of every node (by JSON pointer) from the parser's token
 * locations, so that every message can name a line. Duplicate keys are reported, not silently overwritten.
 */
public final class YamlTree {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A duplicated mapping key at {@code line}; pointer names the duplicated entry. */
  public record Duplicate(String pointer, String key, int line) {
  }

  /** The parsed document; {@code root} is null when the file is empty. */
  public record Parsed(JsonNode root, SourceMap lines, List<Duplicate> duplicates) {
  }

  /** YAML that could not be parsed at all. */
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

  private final SourceMap lines = new SourceMap();
  private final List<Duplicate> duplicates = new ArrayList<>();

  private YamlTree() {
  }

  public static Parsed parse(byte[] bytes) throws SyntaxError {
    YamlTree tree = new YamlTree();
    try (JsonParser p = YAML.createParser(bytes)) {
      JsonToken first = p.nextToken();
      JsonNode root = first == null ? null : tree.read(p, "");
      return new Parsed(root, tree.lines, List.copyOf(tree.duplicates));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return throwSyntax(e.getOriginalMessage(), line);
    } catch (IOException e) {
      throw new SyntaxError(e.getMessage(), 0);
    }
  }

  private static Parsed throwSyntax(String message, int line) throws SyntaxError {
    String text = message == null ? "unreadable YAML" : String.join("; ", message.lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("at ["))
        .map(String::strip).toList());
    throw new SyntaxError("YAML syntax error: " + text, line);
  }

  private JsonNode read(JsonParser p, String pointer) throws IOException {
    JsonToken t = p.currentToken();
    if (!lines.hasLine(pointer)) {
      lines.put(pointer, p.currentTokenLocation().getLineNr());
    }
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String child = pointer + "/" + SourceMap.escape(key);
          int line = p.currentTokenLocation().getLineNr();
          p.nextToken();
          if (o.has(key)) {
            duplicates.add(new Duplicate(child, key, line));
            read(p, child + "~duplicate");
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
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
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
