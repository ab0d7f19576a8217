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

  private YamlSource() {
  }

  /** Parses {@code bytes}; YAML that cannot be parsed at all is a {@link YamlTree.SyntaxError}, as for scenarios. */
  public static Parsed parse(String file, byte[] bytes) throws YamlTree.SyntaxError {
    YamlTree.Parsed tree = YamlTree.parse(bytes);
    List<Problem> duplicates = tree.duplicates().stream()
        .map(d -> new Problem(file, d.line(), null, "key '" + d.key() + "' appears twice"))
        .toList();
    return new Parsed(tree.root(), tree.lines(), duplicates);
  }

  public static String escape(String key) {
    return SourceMap.escape(key);
  }
}
