package uk.isafe.practice.lti.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The activities a trainer can choose from, for the chooser page: scenario files in {@code SCENARIOS_DIR}
 * ({@code id} and {@code title} only), and instruments and pathways if their folders exist
 * ({@code SCENARIOS_DIR/instruments}, {@code SCENARIOS_DIR/pathways}). Blocking: call off the event loop.
 */
public final class ActivityCatalogue {
  /** One choice: the value for the custom parameter and a title. */
  public record Choice(String kind, String value, String title) {
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ActivityCatalogue() {
  }

  public static List<Choice> list(Path scenariosDir) {
    List<Choice> out = new ArrayList<>();
    for (Item i : read(scenariosDir)) {
      out.add(new Choice("scenario", "scenario:" + i.id(), i.title()));
    }
    for (Item i : read(scenariosDir.resolve("instruments"))) {
      out.add(new Choice("assessment", "assessment:" + i.id() + ":pre", i.title()));
      out.add(new Choice("assessment", "assessment:" + i.id() + ":post", i.title()));
    }
    for (Item i : read(scenariosDir.resolve("pathways"))) {
      out.add(new Choice("pathway", "pathway:" + i.id(), i.title()));
    }
    return out;
  }

  private record Item(String id, String title) {
  }

  private static List<Item> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
          .toList()) {
        try {
          JsonNode root = YAML.readTree(f.toFile());
          if (root != null && root.hasNonNull("id") && ActivityTarget.parse("scenario:" + root.get("id").asText())
              .isPresent()) {
            JsonNode title = root.get("title");
            String t = title == null ? root.get("id").asText()
                : title.isTextual() ? title.asText() : title.path("en-GB").asText(root.get("id").asText());
            items.add(new Item(root.get("id").asText(), t));
          }
        } catch (IOException | RuntimeException e) {
          // A broken file is the content validator's business; the chooser just leaves it out.
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return items;
  }
}
