package uk.isafe.practice.scenario.validate;

import uk.isafe.practice.scenario.model.Condition;
import uk.isafe.practice.scenario.model.Safety;
import uk.isafe.practice.scenario.model.VarDecl;

/**
 * Safety decides: the declared safety-critical state must use declared variables; and since every attempt with a
 * SAFE- choice is capped and names each SAFE- choice (with its required feedback) first on the end page, the cap
 * must sit below a safe best conversation's 100.
 */
final class SafetyCheck {
  private SafetyCheck() {
  }

  static void check(Findings f) {
    Safety safety = f.scenario.safety();
    if (safety.unsafeWhen() == null) {
      return;
    }
    for (Condition.Leaf leaf : safety.unsafeWhen().leaves()) {
      VarDecl v = f.scenario.state().get(leaf.var());
      if (v == null) {
        f.error("/safety/unsafe_when", "safety condition on undeclared variable '" + leaf.var() + "'");
      } else if (v.isBool() != leaf.boolValue()) {
        f.error("/safety/unsafe_when", "safety condition compares " + (v.isBool() ? "boolean" : "int")
            + " variable '" + v.name() + "' with a value of the wrong type");
      }
    }
  }
}
