package uk.isafe.practice.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.isafe.practice.scenario.load.SourceMap;
import uk.isafe.practice.scenario.load.YamlTree;
import uk.isafe.practice.scenario.model.CastMember;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.Scenario;

/**
 * Rule 8 (locales): every declared locale other than the source needs {@code i18n/<id>.<locale>.yaml} next to the
 * scenario, a flat map with a non-blank entry for every translatable key. Unknown keys are warnings.
 */
public final class LocaleCheck {
  private LocaleCheck() {
  }

  /** Translatable keys of a scenario, each with the JSON pointer of its source text (for lines). */
  public static Map<String, String> translatableKeys(Scenario s) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("title", "/title");
    keys.put("summary", "/summary");
    keys.put("briefing", "/briefing");
    for (int i = 0; i < s.cast().size(); i++) {
      CastMember c = s.cast().get(i);
      keys.put("cast." + c.id() + ".name", "/cast/" + i + "/name");
      keys.put("cast." + c.id() + ".role", "/cast/" + i + "/role");
      if (c.image() != null) {
        keys.put("cast." + c.id() + ".image.alt", "/cast/" + i + "/image/alt");
      }
    }
    for (Node n : s.nodes().values()) {
      String p = SourceMap.nodePointer(n.id());
      put(keys, "node." + n.id() + ".text", p + "/text", n.text());
      put(keys, "node." + n.id() + ".scene", p + "/scene", n.scene());
      put(keys, "node." + n.id() + ".title", p + "/title", n.title());
      put(keys, "node." + n.id() + ".debrief", p + "/debrief", n.debrief());
      for (int i = 0; i < n.choices().size(); i++) {
        Choice c = n.choices().get(i);
        String k = "choice." + n.id() + "." + c.id();
        String cp = p + "/choices/" + i;
        put(keys, k + ".text", cp + "/text", c.text());
        put(keys, k + ".reaction", cp + "/reaction", c.reaction());
        put(keys, k + ".feedback", cp + "/feedback", c.feedback());
      }
    }
    return keys;
  }

  private static void put(Map<String, String> keys, String key, String pointer, String value) {
    if (value != null) {
      keys.put(key, pointer);
    }
  }

  static void check(Findings f, Path scenarioFile) {
    Scenario s = f.scenario;
    for (String locale : s.locales()) {
      if (locale.equals(s.sourceLocale())) {
        continue;
      }
      Path parent = scenarioFile.toAbsolutePath().getParent();
      Path table = parent.resolve("i18n").resolve(s.id() + "." + locale + ".yaml");
      String shown = (scenarioFile.getParent() == null ? Path.of("i18n") : scenarioFile.getParent().resolve("i18n"))
          .resolve(table.getFileName()).toString();
      if (!Files.isRegularFile(table)) {
        f.error("/locales", "locale '" + locale + "' is declared but its table " + shown + " is missing");
        continue;
      }
      JsonNode root;
      SourceMap tableLines;
      try {
        YamlTree.Parsed parsed = YamlTree.parse(Files.readAllBytes(table));
        root = parsed.root();
        tableLines = parsed.lines();
      } catch (YamlTree.SyntaxError e) {
        f.problems.add(new Problem(Severity.ERROR, shown, e.line(), null, null, e.getMessage()));
        continue;
      } catch (IOException e) {
        f.error("/locales", "locale table " + shown + " cannot be read: " + e.getMessage());
        continue;
      }
      if (root == null || !root.isObject()) {
        f.error("/locales", "locale table " + shown + " must be a flat map of key: text");
        continue;
      }
      Map<String, String> keys = translatableKeys(s);
      keys.forEach((key, pointer) -> {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
          String[] parts = pointer.split("/");
          String nodeId = parts.length > 2 && parts[1].equals("nodes") ? parts[2] : null;
          String choiceId = null;
          if (nodeId != null && parts.length > 4 && parts[3].equals("choices")) {
            choiceId = s.nodes().get(nodeId).choices().get(Integer.parseInt(parts[4])).id();
          }
          f.at(Severity.ERROR, pointer, nodeId, choiceId,
              "locale '" + locale + "': missing translation '" + key + "' in " + shown);
        }
      });
      root.fieldNames().forEachRemaining(key -> {
        if (!keys.containsKey(key)) {
          f.problems.add(new Problem(Severity.WARNING, shown, tableLines.line("/" + SourceMap.escape(key)), null,
              null, "unknown translation key '" + key + "'"));
        }
      });
    }
  }
}
