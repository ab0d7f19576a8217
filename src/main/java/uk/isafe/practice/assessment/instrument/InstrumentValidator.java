package uk.isafe.practice.assessment.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.isafe.practice.scenario.load.YamlTree;

/**
 * Reads an instrument file and says whether it may be served. After the schema, the checks an author needs:
 * <ol>
 *   <li>item ids are unique across the instrument (answers are stored by item id), scale ids likewise;</li>
 *   <li>every scale has items;</li>
 *   <li>anchors label every point, or at least both ends, and name only points of the scale;</li>
 *   <li>every item says whether it is reverse-scored ({@code reverse: true} or {@code false});</li>
 *   <li>every wave asks the same scales, so the same items, in the same order (pre and post must be comparable);</li>
 *   <li>a retrospective block appears only at post and only for the confidence scale.</li>
 * </ol>
 * Pure Java: no I/O beyond the bytes given, no Vert.x.
 */
public final class InstrumentValidator {

  /** The instrument when there are no problems; otherwise the problems, in line order. */
  public record Result(Optional<Instrument> instrument, List<Problem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private final String file;
  private final YamlSource.Parsed parsed;
  private final List<Problem> problems = new ArrayList<>();

  private InstrumentValidator(String file, YamlSource.Parsed parsed) {
    this.file = file;
    this.parsed = parsed;
  }

  public static Result validate(String file, byte[] bytes) {
    YamlSource.Parsed parsed;
    try {
      parsed = YamlSource.parse(file, bytes);
    } catch (YamlTree.SyntaxError e) {
      return new Result(Optional.empty(), List.of(new Problem(file, e.line(), null, e.getMessage())));
    }
    if (parsed.root() == null || !parsed.root().isObject()) {
      return new Result(Optional.empty(), List.of(new Problem(file, 1, null, "the file is empty or not a mapping")));
    }
    InstrumentValidator v = new InstrumentValidator(file, parsed);
    v.problems.addAll(parsed.duplicates());
    v.problems.addAll(InstrumentSchema.check(file, parsed));
    if (!v.problems.isEmpty()) {
      return new Result(Optional.empty(), List.copyOf(v.problems));
    }
    v.checkScales();
    v.checkWaves();
    if (!v.problems.isEmpty()) {
      v.problems.sort(java.util.Comparator.comparingInt(Problem::line));
      return new Result(Optional.empty(), List.copyOf(v.problems));
    }
    return new Result(Optional.of(v.build()), List.of());
  }

  private void problem(String pointer, String subject, String message) {
    problems.add(new Problem(file, parsed.line(pointer), subject, message));
  }

  private void checkScales() {
    JsonNode scales = parsed.root().path("scales");
    if (scales.isEmpty()) {
      problem("/scales", null, "the instrument has no scales");
    }
    Set<String> scaleIds = new HashSet<>();
    Map<String, String> itemScale = new HashMap<>();
    for (int s = 0; s < scales.size(); s++) {
      JsonNode scale = scales.get(s);
      String at = "/scales/" + s;
      String id = scale.path("id").asText();
      if (!scaleIds.add(id)) {
        problem(at + "/id", Problem.scale(id), "another scale already has this id");
      }
      int min = scale.path("min").asInt();
      int max = scale.path("max").asInt();
      if (min >= max) {
        problem(at + "/max", Problem.scale(id), "max (" + max + ") must be greater than min (" + min + ")");
      }
      checkAnchors(scale, at, id, min, max);
      JsonNode items = scale.path("items");
      if (items.isEmpty()) {
        problem(at, Problem.scale(id), "the scale has no items: every scale needs at least one question");
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String itemAt = at + "/items/" + i;
        String itemId = item.path("id").asText();
        String other = itemScale.putIfAbsent(itemId, id);
        if (other != null) {
          problem(itemAt + "/id", Problem.item(itemId), "the id is used twice (also in scale '" + other
              + "'): answers are stored by item id, so each must be unique");
        }
        if (!item.has("reverse")) {
          problem(itemAt, Problem.item(itemId), "say whether the item is reverse-scored: add 'reverse: true' or "
              + "'reverse: false'");
        }
      }
    }
  }

  private void checkAnchors(JsonNode scale, String at, String id, int min, int max) {
    JsonNode anchors = scale.path("anchors");
    Set<Integer> points = new HashSet<>();
    anchors.fieldNames().forEachRemaining(k -> {
      int p = Integer.parseInt(k);
      if (p < min || p > max) {
        problem(at + "/anchors/" + k, Problem.scale(id), "anchor " + p + " is not a point of the scale (" + min + "–"
            + max + ")");
      }
      points.add(p);
    });
    boolean every = true;
    for (int p = min; p <= max; p++) {
      every &= points.contains(p);
    }
    if (!every && !(points.contains(min) && points.contains(max))) {
      problem(at + "/anchors", Problem.scale(id), "label every point or at least both ends: anchors for " + min
          + " and " + max + " are needed");
    }
  }

  private void checkWaves() {
    JsonNode scales = parsed.root().path("scales");
    List<String> allScales = new ArrayList<>();
    Map<String, String> constructs = new HashMap<>();
    scales.forEach(s -> {
      allScales.add(s.path("id").asText());
      constructs.put(s.path("id").asText(), s.path("construct").asText());
    });
    JsonNode waves = parsed.root().path("waves");
    Set<String> waveIds = new HashSet<>();
    List<String> firstOrder = null;
    String firstWave = null;
    for (int w = 0; w < waves.size(); w++) {
      JsonNode wave = waves.get(w);
      String at = "/waves/" + w;
      String id = wave.path("id").asText();
      if (!waveIds.add(id)) {
        problem(at + "/id", Problem.wave(id), "the wave appears twice");
      }
      List<String> listed = new ArrayList<>();
      for (int i = 0; i < wave.path("scales").size(); i++) {
        String scaleId = wave.path("scales").get(i).asText();
        if (!allScales.contains(scaleId)) {
          problem(at + "/scales/" + i, Problem.wave(id), "unknown scale '" + scaleId + "'");
        } else if (listed.contains(scaleId)) {
          problem(at + "/scales/" + i, Problem.wave(id), "scale '" + scaleId + "' is listed twice");
        }
        listed.add(scaleId);
      }
      for (String scaleId : allScales) {
        if (!listed.contains(scaleId)) {
          problem(at + "/scales", Problem.wave(id), "scale '" + scaleId + "' is missing: every wave must ask the same "
              + "items, so that answers can be compared");
        }
      }
      if (firstOrder == null) {
        firstOrder = listed;
        firstWave = id;
      } else if (listed.size() == firstOrder.size() && !listed.equals(firstOrder)
          && new HashSet<>(listed).equals(new HashSet<>(firstOrder))) {
        problem(at + "/scales", Problem.wave(id), "scales are in a different order from wave '" + firstWave
            + "': keep the same order at every wave");
      }
      JsonNode retro = wave.path("retrospective");
      if (!retro.isMissingNode()) {
        String scaleId = retro.path("scale").asText();
        if (!Wave.POST.equals(id)) {
          problem(at + "/retrospective", Problem.wave(id), "a retrospective block (thinking back to before the "
              + "training) belongs only in the post wave");
        }
        if (!constructs.containsKey(scaleId)) {
          problem(at + "/retrospective/scale", Problem.wave(id), "unknown scale '" + scaleId + "'");
        } else if (!Scale.CONFIDENCE.equals(constructs.get(scaleId))) {
          problem(at + "/retrospective/scale", Problem.scale(scaleId), "a retrospective block is only for the "
              + "confidence scale");
        }
      }
    }
  }

  private Instrument build() {
    JsonNode root = parsed.root();
    List<Scale> scales = new ArrayList<>();
    for (JsonNode s : root.path("scales")) {
      Map<Integer, String> anchors = new LinkedHashMap<>();
      s.path("anchors").fields().forEachRemaining(e -> anchors.put(Integer.parseInt(e.getKey()),
          e.getValue().asText()));
      List<Item> items = new ArrayList<>();
      for (JsonNode i : s.path("items")) {
        items.add(new Item(i.path("id").asText(), i.path("text").asText(), i.path("reverse").asBoolean()));
      }
      scales.add(new Scale(s.path("id").asText(), s.path("construct").asText(), s.path("title").asText(),
          s.path("question").asText(), s.path("min").asInt(), s.path("max").asInt(), anchors, items));
    }
    List<Wave> waves = new ArrayList<>();
    for (JsonNode w : root.path("waves")) {
      List<String> ids = new ArrayList<>();
      w.path("scales").forEach(x -> ids.add(x.asText()));
      JsonNode r = w.path("retrospective");
      Optional<Retrospective> retro = r.isMissingNode() ? Optional.empty()
          : Optional.of(new Retrospective(r.path("scale").asText(), r.path("title").asText(),
              r.path("question").asText()));
      waves.add(new Wave(w.path("id").asText(), ids, retro));
    }
    return new Instrument(root.path("id").asText(), root.path("version").asInt(), root.path("title").asText(),
        root.path("intro").asText(), scales, waves);
  }
}
