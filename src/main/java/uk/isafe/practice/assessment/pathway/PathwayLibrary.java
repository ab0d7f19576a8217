package uk.isafe.practice.assessment.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.instrument.Problem;
import uk.isafe.practice.assessment.instrument.YamlSource;
import uk.isafe.practice.scenario.load.YamlTree;

/**
 * The pathways of {@code scenarios/pathways/<id>.yaml}: id, title, instrument and ordered scenarios. A pathway naming
 * an instrument that is not served is reported and not served. Blocking reads: call it off the event loop.
 */
public record PathwayLibrary(Map<String, Pathway> pathways, List<Problem> problems) {
  private static final String ID = "^[a-z][a-z0-9-]{0,62}$";

  public PathwayLibrary {
    pathways = Map.copyOf(pathways);
    problems = List.copyOf(problems);
  }

  public Optional<Pathway> find(String id) {
    return Optional.ofNullable(pathways.get(id));
  }

  public static PathwayLibrary load(Path dir, InstrumentLibrary instruments) {
    Map<String, Pathway> ok = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : InstrumentLibrary.yamlFiles(dir)) {
      String name = file.toString();
      try {
        List<Problem> mine = new ArrayList<>();
        Optional<Pathway> p = parse(name, Files.readAllBytes(file), instruments, mine);
        problems.addAll(mine);
        p.filter(x -> mine.isEmpty()).ifPresent(x -> ok.put(x.id(), x));
      } catch (IOException e) {
        problems.add(new Problem(name, 0, null, "cannot read the file: " + e.getMessage()));
      }
    }
    return new PathwayLibrary(ok, problems);
  }

  static Optional<Pathway> parse(String file, byte[] bytes, InstrumentLibrary instruments, List<Problem> out) {
    YamlSource.Parsed parsed;
    try {
      parsed = YamlSource.parse(file, bytes);
    } catch (YamlTree.SyntaxError e) {
      out.add(new Problem(file, e.line(), null, e.getMessage()));
      return Optional.empty();
    }
    JsonNode root = parsed.root();
    if (root == null || !root.isObject()) {
      out.add(new Problem(file, 1, null, "the file is empty or not a mapping"));
      return Optional.empty();
    }
    out.addAll(parsed.duplicates());
    String id = root.path("id").asText("");
    String title = root.path("title").asText("");
    String instrument = root.path("instrument").asText("");
    if (!id.matches(ID)) {
      out.add(new Problem(file, parsed.line("/id"), null, "id must be lower-case letters, digits and hyphens"));
    }
    if (title.isBlank()) {
      out.add(new Problem(file, parsed.line("/title"), null, "a title is needed"));
    }
    if (instruments.find(instrument).isEmpty()) {
      out.add(new Problem(file, parsed.line("/instrument"), null, "instrument '" + instrument
          + "' is not available (missing or invalid)"));
    }
    List<Pathway.ScenarioStep> steps = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode scenarios = root.path("scenarios");
    if (!scenarios.isArray() || scenarios.isEmpty()) {
      out.add(new Problem(file, parsed.line("/scenarios"), null, "list at least one scenario"));
    }
    for (int i = 0; i < scenarios.size(); i++) {
      JsonNode s = scenarios.get(i);
      String sid = s.isTextual() ? s.asText() : s.path("id").asText("");
      String stitle = s.isTextual() ? sid : s.path("title").asText(sid);
      if (!sid.matches(ID)) {
        out.add(new Problem(file, parsed.line("/scenarios/" + i), null, "scenario " + (i + 1) + " needs an id"));
      } else if (!seen.add(sid)) {
        out.add(new Problem(file, parsed.line("/scenarios/" + i), null, "scenario '" + sid + "' is listed twice"));
      }
      steps.add(new Pathway.ScenarioStep(sid, stitle));
    }
    if (!id.isEmpty() && !file.endsWith(id + ".yaml")) {
      out.add(new Problem(file, 1, null, "the file must be named after the pathway id: " + id + ".yaml"));
    }
    return out.isEmpty() ? Optional.of(new Pathway(id, title, instrument, steps)) : Optional.empty();
  }
}
