package uk.isafe.practice.scenario.load;

import java.util.HashMap;
import java.util.Map;

/** Line numbers (1-based) of the YAML nodes of one file, by JSON pointer ("" is the root). */
public final class SourceMap {
  private final Map<String, Integer> lines = new HashMap<>();

  void put(String pointer, int line) {
    lines.put(pointer, line);
  }

  boolean hasLine(String pointer) {
    return lines.containsKey(pointer);
  }

  /** The line of the pointer, or of its nearest recorded ancestor; 0 if none. */
  public int line(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      int cut = p.lastIndexOf('/');
      p = cut <= 0 ? "" : p.substring(0, cut);
    }
  }

  public int nodeLine(String nodeId) {
    return line(nodePointer(nodeId));
  }

  public int choiceLine(String nodeId, int choiceIndex) {
    return line(nodePointer(nodeId) + "/choices/" + choiceIndex);
  }

  public static String nodePointer(String nodeId) {
    return "/nodes/" + escape(nodeId);
  }

  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  public static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
