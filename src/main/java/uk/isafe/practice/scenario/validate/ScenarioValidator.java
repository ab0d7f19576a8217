package uk.isafe.practice.scenario.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.scenario.engine.GraphFinding;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.ScenarioAnalysis;
import uk.isafe.practice.scenario.engine.StateSpace;
import uk.isafe.practice.scenario.load.ScenarioParser;
import uk.isafe.practice.scenario.load.SourceMap;
import uk.isafe.practice.scenario.load.YamlTree;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Scenario;

/**
 * Loads and validates one scenario file: YAML with lines, schema, references, node × state exploration
 * (reachability, dead ends, exitless loops), score ranges, pedagogy lint and locales. Blocking file I/O: call it
 * off the event loop.
 */
public final class ScenarioValidator {
  private ScenarioValidator() {
  }

  public static ValidationReport validate(Path file) {
    String shown = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return fail(shown, new Problem(Severity.ERROR, shown, 0, null, null, "cannot be read: " + e.getMessage()));
    }
    return validate(file, bytes);
  }

  /** Validates bytes as the content of {@code file} (whose name and directory still matter: id, i18n tables). */
  public static ValidationReport validate(Path file, byte[] bytes) {
    String shown = file.toString();
    YamlTree.Parsed parsed;
    try {
      parsed = YamlTree.parse(bytes);
    } catch (YamlTree.SyntaxError e) {
      return fail(shown, new Problem(Severity.ERROR, shown, e.line(), null, null, e.getMessage()));
    }
    JsonNode root = parsed.root();
    if (root == null || !root.isObject()) {
      return fail(shown, new Problem(Severity.ERROR, shown, 1, null, null, "a scenario must be a YAML mapping"));
    }
    List<Problem> early = new ArrayList<>();
    for (YamlTree.Duplicate d : parsed.duplicates()) {
      String[] parts = d.pointer().split("/");
      boolean isNode = parts.length == 3 && parts[1].equals("nodes");
      early.add(new Problem(Severity.ERROR, shown, d.line(), isNode ? d.key() : null, null,
          isNode ? "node id is used twice" : "duplicate key '" + d.key() + "'"));
    }
    early.addAll(SchemaCheck.check(shown, root, parsed.lines()));
    if (!early.isEmpty()) {
      return new ValidationReport(shown, sorted(early), Optional.empty(), Optional.empty());
    }
    Scenario scenario = ScenarioParser.parse(root);
    Findings f = new Findings(shown, parsed.lines(), scenario);
    String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    ReferenceCheck.check(f, base);
    SafetyCheck.check(f);
    ScenarioAnalysis analysis = null;
    if (!f.hasErrors()) {
      try {
        analysis = ScenarioAnalysis.of(scenario);
        graph(f, analysis);
      } catch (StateSpace.TooComplex e) {
        f.at(Severity.ERROR, e.nodeId() == null ? "/state" : SourceMap.nodePointer(e.nodeId()), e.nodeId(), null,
            e.getMessage());
      }
    }
    PedagogyCheck.check(f);
    MiTagCheck.check(f);
    if (analysis != null && !f.hasErrors()) {
      BalanceCheck.check(f, new LoadedScenario(scenario, "", analysis));
    }
    LocaleCheck.check(f, file);
    List<Problem> problems = sorted(f.problems);
    boolean valid = problems.stream().noneMatch(Problem::isError);
    Optional<LoadedScenario> loaded = valid && analysis != null
        ? Optional.of(new LoadedScenario(scenario, sha256(bytes), analysis)) : Optional.empty();
    return new ValidationReport(shown, problems, loaded, Optional.ofNullable(analysis));
  }

  private static void graph(Findings f, ScenarioAnalysis analysis) {
    for (GraphFinding g : analysis.findings()) {
      Severity severity = switch (g.kind()) {
        case CHOICE_NEVER_OFFERED, ROUTE_NEVER_TAKEN, COUNT_ONCE_APPROXIMATED -> Severity.WARNING;
        default -> Severity.ERROR;
      };
      String pointer = g.nodeId() == null ? "" : SourceMap.nodePointer(g.nodeId());
      if (g.choiceId() != null) {
        var choices = f.scenario.nodes().get(g.nodeId()).choices();
        for (int i = 0; i < choices.size(); i++) {
          if (choices.get(i).id().equals(g.choiceId())) {
            pointer += "/choices/" + i;
          }
        }
      }
      f.at(severity, pointer, g.nodeId(), g.choiceId(), g.detail());
    }
    for (String c : f.scenario.scoredCompetencies()) {
      int max = analysis.maxPoints(c);
      if (max <= 0 && analysis.completePaths() > 0) {
        String pointer = c.equals(Competencies.MI_SPIRIT) ? "/nodes"
            : "/competencies/" + f.scenario.competencies().indexOf(c);
        f.error(pointer, "competency '" + c + "' cannot be scored: the best complete path earns " + max
            + " points");
      }
    }
  }

  private static ValidationReport fail(String shown, Problem p) {
    return new ValidationReport(shown, List.of(p), Optional.empty(), Optional.empty());
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems);
    out.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    return out;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
