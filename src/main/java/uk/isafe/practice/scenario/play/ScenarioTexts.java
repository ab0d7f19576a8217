package uk.isafe.practice.scenario.play;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.web.Messages;

/**
 * Translation tables of the served scenarios ({@code scenarios/i18n/<id>.<locale>.yaml}, flat maps of key: text),
 * read once at start-up (blocking: call off the event loop). A launch whose locale has a table sees it; any other
 * locale, or a key missing from the table, sees the source text.
 */
public final class ScenarioTexts {
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioTexts.class);

  /** scenario id → locale (normalised, e.g. cy-GB) → key → text. */
  private final Map<String, Map<String, Map<String, String>>> tables;

  private ScenarioTexts(Map<String, Map<String, Map<String, String>>> tables) {
    this.tables = tables;
  }

  public static ScenarioTexts none() {
    return new ScenarioTexts(Map.of());
  }

  public static ScenarioTexts load(Path dir, ScenarioLibrary library) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, Map<String, Map<String, String>>> all = new HashMap<>();
    for (LoadedScenario s : library.all()) {
      for (String locale : s.scenario().locales()) {
        if (locale.equals(s.scenario().sourceLocale())) {
          continue;
        }
        Path file = dir.resolve("i18n").resolve(s.id() + "." + locale + ".yaml");
        try {
          JsonNode root = yaml.readTree(file.toFile());
          Map<String, String> table = new HashMap<>();
          root.fields().forEachRemaining(e -> table.put(e.getKey(), e.getValue().asText()));
          all.computeIfAbsent(s.id(), k -> new HashMap<>()).put(Messages.normalise(locale), Map.copyOf(table));
        } catch (IOException | RuntimeException e) {
          LOG.warn("scenario translation not loaded reason=unreadable_table file={} error={}", file, e.getMessage());
        }
      }
    }
    return new ScenarioTexts(Map.copyOf(all));
  }

  /** The text lookup for one scenario in a launch locale. */
  public Text of(String scenarioId, String launchLocale) {
    Map<String, String> table = tables.getOrDefault(scenarioId, Map.of())
        .getOrDefault(Messages.normalise(launchLocale), Map.of());
    return new Text(table);
  }

  /** Returns the translation of {@code key}, or {@code source} when there is none. */
  public record Text(Map<String, String> table) {
    public String get(String key, String source) {
      if (source == null) {
        return null;
      }
      String t = table.get(key);
      return t == null || t.isBlank() ? source : t;
    }
  }
}
