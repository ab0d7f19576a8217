package uk.isafe.practice.scenario.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.isafe.practice.scenario.Fixtures;

class ScenarioValidatorTest {

  @Test
  void the_valid_fixture_has_no_problem_at_all() {
    ValidationReport r = ScenarioValidator.validate(Fixtures.VALID.resolve("tiny-call.yaml"));
    assertEquals(List.of(), r.problems());
    assertTrue(r.scenario().isPresent());
  }

  /** file, severity, node, choice, message fragment, text on the expected line (null: line given as number). */
  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of("schema-points-range", Severity.ERROR, "hello", "reflect-surprise",
            "schema: must have a maximum value of 3", "points: {C1_risk_resource: 5}"),
        Arguments.of("schema-timer", Severity.ERROR, "ask-view", null,
            "'timer': time limits are not allowed", "timer: 30"),
        Arguments.of("schema-no-feedback", Severity.ERROR, "ask-view", "warn-him",
            "MI-inconsistent or SAFE- choice needs feedback", "- id: warn-him"),
        Arguments.of("schema-image-alt", Severity.ERROR, null, null, "an image needs alt text", "image: {src"),
        Arguments.of("schema-unknown-tag", Severity.ERROR, "ask-view", "affirm-call",
            "does not have a value in the enumeration", "tags: [AF, NICE]"),
        Arguments.of("yaml-syntax", Severity.ERROR, null, null, "YAML syntax error", "scene: \"Traffic"),
        Arguments.of("ref-missing-next", Severity.ERROR, "hello", "explain-process",
            "next node 'nowhere' does not exist", "next: nowhere"),
        Arguments.of("ref-speaker", Severity.ERROR, "ask-view", null, "speaker 'kayleigh' is not in the cast",
            "speaker: kayleigh"),
        Arguments.of("ref-undeclared-var", Severity.ERROR, "ask-view", "ask-details",
            "condition on undeclared variable 'trust'", "var: trust"),
        Arguments.of("ref-type-mismatch", Severity.ERROR, "check", null,
            "boolean variable 'has_number' compared with a number", "var: has_number, gte: 1"),
        Arguments.of("ref-set-bounds", Severity.ERROR, "ask-view", "warn-him", "set rapport to 7, outside 0..3",
            "set: 7"),
        Arguments.of("ref-duplicate-node", Severity.ERROR, "hello-again", null, "node id is used twice",
            "A second node with the same id"),
        Arguments.of("ref-undeclared-competency", Severity.ERROR, "ask-view", "ask-details",
            "points for 'C2_inclusive_assessment', which is not in the scenario's competencies",
            "points: {C2_inclusive_assessment: 3}"),
        Arguments.of("ref-route-order", Severity.ERROR, "check", null, "the last route must have no 'when'",
            "gte: 1}, next: partial-end"),
        Arguments.of("ref-id-mismatch", Severity.ERROR, null, null,
            "id 'some-other-id' must equal the file name 'ref-id-mismatch'", "id: some-other-id"),
        Arguments.of("reach-unreachable", Severity.ERROR, "orphan", null, "unreachable from the start",
            "  orphan:"),
        Arguments.of("reach-never-offered", Severity.WARNING, "ask-view", "affirm-call",
            "its 'when' condition is never true in any reachable state", "- id: affirm-call"),
        Arguments.of("dead-end", Severity.ERROR, "ask-view", null,
            "dead end: no choice is offered when rapport=0, has_number=false", "  ask-view:"),
        Arguments.of("exitless-loop", Severity.ERROR, "hello-again", null,
            "loop with no way out through nodes hello-again, round-again", "  hello-again:"),
        Arguments.of("score-unscorable", Severity.ERROR, null, null,
            "competency 'C2_inclusive_assessment' cannot be scored", "competencies: ["),
        Arguments.of("lint-no-inconsistent", Severity.WARNING, "hello", null, "no MI-inconsistent choice",
            "  hello:"),
        Arguments.of("lint-no-questions", Severity.ERROR, null, null, "no choice anywhere is a question",
            "nodes:"),
        Arguments.of("locale-missing-key", Severity.ERROR, "hangs-up", null,
            "locale 'cy-GB': missing translation 'node.hangs-up.debrief'", "Warnings and blame"),
        Arguments.of("locale-missing-table", Severity.ERROR, null, null,
            "locale 'cy-GB' is declared but its table", "locales: ["));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void each_broken_fixture_reports_its_rule_on_the_right_line(String name, Severity severity, String node,
      String choice, String fragment, String lineText) {
    Path file = Fixtures.BROKEN.resolve(name + ".yaml");
    ValidationReport r = ScenarioValidator.validate(file);
    List<Problem> hits = r.matching(fragment);
    assertEquals(1, hits.size(), () -> "expected one '" + fragment + "' in " + r.problems());
    Problem p = hits.get(0);
    assertEquals(severity, p.severity());
    assertEquals(node, p.nodeId());
    assertEquals(choice, p.choiceId());
    int line = Fixtures.lineOf(file, lineText);
    if (name.equals("locale-missing-key")) {
      line -= 1; // the debrief block's first text line follows the "debrief: |" line the pointer names
    } else if (name.equals("ref-duplicate-node")) {
      line -= 2; // the second "hello-again:" key, two lines above its text
    }
    assertEquals(line, p.line(), () -> "line of " + p.format());
    assertTrue(p.format().startsWith(file + ":" + p.line() + ": "), p.format());
    if (severity == Severity.WARNING) {
      assertTrue(r.valid(), () -> "a warning alone keeps the scenario valid: " + r.errors());
    } else {
      assertFalse(r.valid());
      assertTrue(r.scenario().isEmpty());
    }
  }

  @Test
  void messages_name_file_line_node_and_choice() {
    Path file = Fixtures.BROKEN.resolve("schema-no-feedback.yaml");
    Problem p = ScenarioValidator.validate(file).errors().get(0);
    assertEquals(file + ":" + Fixtures.lineOf(file, "- id: warn-him")
        + ": node 'ask-view' choice 'warn-him': MI-inconsistent or SAFE- choice needs feedback"
        + " (a coach’s note naming the skill)", p.format());
  }

  @Test
  void unknown_keys_in_a_locale_table_are_warnings_in_that_table() {
    ValidationReport r = ScenarioValidator.validate(Fixtures.BROKEN.resolve("locale-missing-key.yaml"));
    Problem p = r.matching("unknown translation key 'node.nowhere.text'").get(0);
    assertEquals(Severity.WARNING, p.severity());
    assertTrue(p.file().endsWith("i18n/locale-missing-key.cy-GB.yaml"), p.file());
    assertEquals(Fixtures.lineOf(Fixtures.BROKEN.resolve("i18n/locale-missing-key.cy-GB.yaml"), "node.nowhere"),
        p.line());
  }

  @Test
  void translatable_keys_cover_texts_choices_and_alt_text() {
    var keys = LocaleCheck.translatableKeys(uk.isafe.practice.scenario.Fixtures.tinyCall().scenario());
    assertTrue(keys.containsKey("cast.dan.image.alt"));
    assertTrue(keys.containsKey("choice.ask-view.warn-him.feedback"));
    assertTrue(keys.containsKey("node.ask-view.scene"));
    assertFalse(keys.containsKey("choice.ask-view.open-question.feedback"), "no feedback authored there");
    assertEquals(33, keys.size());
  }
}
