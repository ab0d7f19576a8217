package uk.isafe.practice.assessment.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import uk.isafe.practice.scenario.load.YamlTree;

/**
 * Reads an instrument file and says whether it may be served. After the schema, the checks an author needs:
 * <ol>
 *   <li>item ids are unique across the instrument (answers are stored by item id), scale ids likewise;</li>
 *   <li>every scale has items;</li>
 *   <li>anchors label every point, or at least both ends, and name only points of the scale;</li>
 *   <li>every item says whether it is reverse-scored ({@code reverse: true} or {@code false});</li>
 *   <li>the waves' rules ({@link WaveChecks}): pre asks every scale, later waves a subset in the same order, a scale
 *       asked at two waves asks the same items at both, the follow-up comes after post, the retrospective block only
 *       at post and only for confidence.</li>
 * </ol>
 * Pure Java: no I/O beyond the bytes given, no Vert.x.
 */
public final class InstrumentValidator {

  /** The instrument when there are no problems; otherwise the problems, in line order. */
  public record Result(Optional<Instrument> instrument, List<Problem> problems, YamlSource.Parsed source) {
    public Result(Optional<Instrument> instrument, List<Problem> problems) {
      this(instrument, problems, null);
    }

    /** The line of a JSON pointer in the file read (0 when the file could not be read as YAML). */
    public int line(String pointer) {
      return source == null ? 0 : source.line(pointer);
    }

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
    return new Result(Optional.of(v.build()), List.of(), parsed);
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
    new WaveChecks(parsed.root(), this::problem).run();
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
      List<Wave.WaveScale> asked = new ArrayList<>();
      for (JsonNode x : w.path("scales")) {
        if (x.isTextual()) {
          asked.add(new Wave.WaveScale(x.asText(), List.of()));
        } else {
          List<String> items = new ArrayList<>();
          x.path("items").forEach(i -> items.add(i.asText()));
          asked.add(new Wave.WaveScale(x.path("scale").asText(), items));
        }
      }
      JsonNode r = w.path("retrospective");
      Optional<Retrospective> retro = r.isMissingNode() ? Optional.empty()
          : Optional.of(new Retrospective(r.path("scale").asText(), r.path("title").asText(),
              r.path("question").asText()));
      OptionalInt due = w.has("due_after_days") ? OptionalInt.of(w.path("due_after_days").asInt())
          : OptionalInt.empty();
      Optional<String> intro = w.has("intro") ? Optional.of(w.path("intro").asText()) : Optional.empty();
      waves.add(new Wave(w.path("id").asText(), asked, retro, due, intro));
    }
    return new Instrument(root.path("id").asText(), root.path("version").asInt(), root.path("title").asText(),
        root.path("intro").asText(), scales, waves);
  }
}
