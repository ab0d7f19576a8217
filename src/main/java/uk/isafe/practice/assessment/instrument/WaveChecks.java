package uk.isafe.practice.assessment.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for an instrument's waves, run after the schema and the scale checks:
 * <ol>
 *   <li>each wave appears once, in the order pre, post, follow-up; a follow-up needs a post wave (it is dated from
 *       the learner's post) and only a follow-up has {@code due_after_days};</li>
 *   <li>the pre wave (or the first wave when there is no pre) asks every scale: it is the baseline every later wave
 *       is compared with;</li>
 *   <li>a wave lists known scales, each once, in the same order as the first wave; an item list names items of that
 *       scale, each once;</li>
 *   <li>every scale asked at two waves asks the same items at both, so that the two can be compared;</li>
 *   <li>a retrospective block appears only at post and only for the confidence scale.</li>
 * </ol>
 * Pure Java.
 */
final class WaveChecks {

  /** Where a problem goes: a JSON pointer into the file, what it concerns, and the message. */
  interface Sink {
    void problem(String pointer, String subject, String message);
  }

  private final JsonNode root;
  private final Sink sink;
  /** "scale@wave" → the pointer of that scale's entry in the wave, for naming the line of a problem. */
  private final Map<String, String> askedAtPointer = new HashMap<>();

  WaveChecks(JsonNode root, Sink sink) {
    this.root = root;
    this.sink = sink;
  }

  void run() {
    Map<String, List<String>> scaleItems = new LinkedHashMap<>();
    Map<String, String> constructs = new HashMap<>();
    root.path("scales").forEach(s -> {
      List<String> items = new ArrayList<>();
      s.path("items").forEach(i -> items.add(i.path("id").asText()));
      scaleItems.put(s.path("id").asText(), items);
      constructs.put(s.path("id").asText(), s.path("construct").asText());
    });
    JsonNode waves = root.path("waves");
    Set<String> waveIds = new HashSet<>();
    List<String> firstOrder = null;
    String firstWave = null;
    int lastOrder = -1;
    boolean hasPost = false;
    /* scale id → (wave id, items asked there), for the cross-wave comparison rule */
    Map<String, Map<String, List<String>>> askedAt = new LinkedHashMap<>();
    for (int w = 0; w < waves.size(); w++) {
      JsonNode wave = waves.get(w);
      String at = "/waves/" + w;
      String id = wave.path("id").asText();
      if (!waveIds.add(id)) {
        sink.problem(at + "/id", Problem.wave(id), "the wave appears twice");
      }
      int order = Wave.ORDER.indexOf(id);
      if (order < lastOrder) {
        sink.problem(at + "/id", Problem.wave(id), "waves must be listed in the order learners meet them: "
            + String.join(", ", Wave.ORDER));
      }
      lastOrder = Math.max(lastOrder, order);
      hasPost |= Wave.POST.equals(id);
      if (wave.has("due_after_days") && !Wave.FOLLOW_UP.equals(id)) {
        sink.problem(at + "/due_after_days", Problem.wave(id), "only the follow-up wave has due_after_days (it opens "
            + "that many days after the learner's post wave)");
      }
      if (Wave.FOLLOW_UP.equals(id) && !hasPost) {
        sink.problem(at + "/id", Problem.wave(id), "a follow-up wave needs a post wave before it: it opens a set "
            + "number of days after the learner's post wave");
      }
      List<String> listed = checkListedScales(wave, at, id, scaleItems, askedAt);
      boolean baseline = Wave.PRE.equals(id) || (w == 0 && !hasWave(waves, Wave.PRE));
      if (baseline) {
        for (String scaleId : scaleItems.keySet()) {
          if (!listed.contains(scaleId)) {
            sink.problem(at + "/scales", Problem.wave(id), "scale '" + scaleId + "' is missing: the " + id
                + " wave is the baseline every later wave is compared with, so it asks every scale");
          }
        }
      }
      if (firstOrder == null) {
        firstOrder = listed;
        firstWave = id;
      } else if (!sameRelativeOrder(firstOrder, listed)) {
        sink.problem(at + "/scales", Problem.wave(id), "scales are in a different order from wave '" + firstWave
            + "': keep the same order at every wave");
      }
      checkRetrospective(wave, at, id, constructs);
    }
    checkComparable(askedAt);
  }

  private static boolean hasWave(JsonNode waves, String id) {
    for (JsonNode w : waves) {
      if (id.equals(w.path("id").asText())) {
        return true;
      }
    }
    return false;
  }

  private List<String> checkListedScales(JsonNode wave, String at, String id, Map<String, List<String>> scaleItems,
      Map<String, Map<String, List<String>>> askedAt) {
    List<String> listed = new ArrayList<>();
    JsonNode scales = wave.path("scales");
    for (int i = 0; i < scales.size(); i++) {
      JsonNode entry = scales.get(i);
      String scaleAt = at + "/scales/" + i;
      String scaleId = entry.isTextual() ? entry.asText() : entry.path("scale").asText();
      if (!scaleItems.containsKey(scaleId)) {
        sink.problem(scaleAt, Problem.wave(id), "unknown scale '" + scaleId + "'");
        continue;
      }
      if (listed.contains(scaleId)) {
        sink.problem(scaleAt, Problem.wave(id), "scale '" + scaleId + "' is listed twice");
        continue;
      }
      listed.add(scaleId);
      List<String> all = scaleItems.get(scaleId);
      List<String> asked = new ArrayList<>();
      JsonNode items = entry.path("items");
      for (int k = 0; k < items.size(); k++) {
        String itemId = items.get(k).asText();
        if (!all.contains(itemId)) {
          sink.problem(scaleAt + "/items/" + k, Problem.wave(id), "item '" + itemId + "' is not an item of scale '"
              + scaleId + "'");
        } else if (asked.contains(itemId)) {
          sink.problem(scaleAt + "/items/" + k, Problem.wave(id), "item '" + itemId + "' is listed twice");
        } else {
          asked.add(itemId);
        }
      }
      List<String> inScaleOrder = entry.isTextual() ? all : all.stream().filter(asked::contains).toList();
      askedAt.computeIfAbsent(scaleId, k -> new LinkedHashMap<>()).put(id, inScaleOrder);
      askedAtPointer.put(scaleId + "@" + id, scaleAt);
    }
    return listed;
  }

  private void checkComparable(Map<String, Map<String, List<String>>> askedAt) {
    askedAt.forEach((scaleId, byWave) -> {
      String firstWave = byWave.keySet().iterator().next();
      List<String> first = byWave.get(firstWave);
      byWave.forEach((waveId, items) -> {
        if (new HashSet<>(first).equals(new HashSet<>(items))) {
          return;
        }
        List<String> missing = first.stream().filter(x -> !items.contains(x)).toList();
        List<String> extra = items.stream().filter(x -> !first.contains(x)).toList();
        sink.problem(askedAtPointer.get(scaleId + "@" + waveId), Problem.scale(scaleId), "asks different items "
            + "at wave '" + waveId + "' from wave '" + firstWave + "'"
            + (missing.isEmpty() ? "" : " (not asked: " + String.join(", ", missing) + ")")
            + (extra.isEmpty() ? "" : " (added: " + String.join(", ", extra) + ")")
            + ": a scale compared across two waves must ask the same items at both");
      });
    });
  }

  private static boolean sameRelativeOrder(List<String> first, List<String> listed) {
    List<String> common = first.stream().filter(listed::contains).toList();
    return common.equals(listed.stream().filter(first::contains).toList());
  }

  private void checkRetrospective(JsonNode wave, String at, String id, Map<String, String> constructs) {
    JsonNode retro = wave.path("retrospective");
    if (retro.isMissingNode()) {
      return;
    }
    String scaleId = retro.path("scale").asText();
    if (!Wave.POST.equals(id)) {
      sink.problem(at + "/retrospective", Problem.wave(id), "a retrospective block (thinking back to before the "
          + "training) belongs only in the post wave");
    }
    if (!constructs.containsKey(scaleId)) {
      sink.problem(at + "/retrospective/scale", Problem.wave(id), "unknown scale '" + scaleId + "'");
    } else if (!Scale.CONFIDENCE.equals(constructs.get(scaleId))) {
      sink.problem(at + "/retrospective/scale", Problem.scale(scaleId), "a retrospective block is only for the "
          + "confidence scale");
    }
  }
}
