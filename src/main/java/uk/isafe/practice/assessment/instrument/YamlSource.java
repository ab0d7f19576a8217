package uk.isafe.practice.assessment.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import uk.isafe.practice.scenario.load.SourceMap;
import uk.isafe.practice.scenario.load.YamlTree;

/**
 * An instrument or pathway file read through the scenarios' line-keeping YAML reader ({@link YamlTree}), with its
 * duplicate keys turned into instrument {@link Problem}s. One reader serves all content, so scenarios, instruments
 * and pathways name lines the same way.
 */
public final class YamlSource {

  /** A parsed file; {@code root} is null for an empty file. */
  public record Parsed(JsonNode root, SourceMap lines, List<Problem> duplicates) {
    /** The line of {@code pointer}, or of its nearest parent that has one. */
    public int line(String pointer) {
      return lines.line(pointer);
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

  private YamlSource() {
  }

  public static Parsed parse(String file, byte[] bytes) throws SyntaxError {
    try {
      YamlTree.Parsed tree = YamlTree.parse(bytes);
      List<Problem> duplicates = tree.duplicates().stream()
          .map(d -> new Problem(file, d.line(), null, "key '" + d.key() + "' appears twice"))
          .toList();
      return new Parsed(tree.root(), tree.lines(), duplicates);
    } catch (YamlTree.SyntaxError e) {
      throw new SyntaxError(e.getMessage(), e.line());
    }
  }

  public static String escape(String key) {
    return SourceMap.escape(key);
  }
}
