package uk.isafe.practice.scenario.validate;

import java.util.ArrayList;
import java.util.List;
import uk.isafe.practice.scenario.load.SourceMap;
import uk.isafe.practice.scenario.model.Scenario;

/** Collects problems for one file, placing them on lines by JSON pointer. */
final class Findings {
  final String file;
  final SourceMap lines;
  final Scenario scenario;
  final List<Problem> problems = new ArrayList<>();

  Findings(String file, SourceMap lines, Scenario scenario) {
    this.file = file;
    this.lines = lines;
    this.scenario = scenario;
  }

  void at(Severity severity, String pointer, String nodeId, String choiceId, String message) {
    problems.add(new Problem(severity, file, lines.line(pointer), nodeId, choiceId, message));
  }

  void error(String pointer, String message) {
    at(Severity.ERROR, pointer, null, null, message);
  }

  void nodeError(String nodeId, String pointerSuffix, String message) {
    at(Severity.ERROR, SourceMap.nodePointer(nodeId) + pointerSuffix, nodeId, null, message);
  }

  void choice(Severity severity, String nodeId, int index, String pointerSuffix, String message) {
    String choiceId = scenario.nodes().get(nodeId).choices().get(index).id();
    at(severity, SourceMap.nodePointer(nodeId) + "/choices/" + index + pointerSuffix, nodeId, choiceId, message);
  }

  boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}
