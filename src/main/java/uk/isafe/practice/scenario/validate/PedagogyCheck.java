package uk.isafe.practice.scenario.validate;

import java.util.List;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Tags;

/**
 * Rule 7: every turn offers an MI-consistent and an MI-inconsistent choice (warning); questions and reflections
 * both appear somewhere (error). Feedback on inconsistent and SAFE- choices is required by the schema.
 */
final class PedagogyCheck {
  private PedagogyCheck() {
  }

  static void check(Findings f) {
    boolean questions = false;
    boolean reflections = false;
    for (Node n : f.scenario.nodes().values()) {
      if (n.kind() != NodeKind.TURN) {
        continue;
      }
      List<Choice> choices = n.choices();
      if (choices.stream().noneMatch(Choice::isConsistent)) {
        f.at(Severity.WARNING, "/nodes/" + n.id(), n.id(), null,
            "no MI-consistent choice (RS RC SU AF SC EA PWP) on this turn");
      }
      if (choices.stream().noneMatch(Choice::isInconsistent)) {
        f.at(Severity.WARNING, "/nodes/" + n.id(), n.id(), null,
            "no MI-inconsistent choice (PER CON RR WARN) on this turn: offer a tempting distractor");
      }
      for (Choice c : choices) {
        questions |= c.tags().stream().anyMatch(Tags.QUESTIONS::contains);
        reflections |= c.tags().stream().anyMatch(Tags.REFLECTIONS::contains);
      }
    }
    if (!questions) {
      f.error("/nodes", "no choice anywhere is a question (OQ or CQ)");
    }
    if (!reflections) {
      f.error("/nodes", "no choice anywhere is a reflection (RS, RC or SU)");
    }
  }
}
