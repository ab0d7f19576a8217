package uk.isafe.practice.scenario.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.isafe.practice.scenario.load.SourceMap;
import uk.isafe.practice.scenario.model.CastMember;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Condition;
import uk.isafe.practice.scenario.model.Effect;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Route;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.VarDecl;

/**
 * Rule 2: references and types. The id matches the file name; start and every next exist; ids unique; speakers in
 * the cast; points and weights name declared competencies; variables declared, with matching types and values in
 * bounds; a branch's last route (only) has no condition.
 */
final class ReferenceCheck {
  private final Findings f;
  private final Scenario s;

  private ReferenceCheck(Findings f) {
    this.f = f;
    this.s = f.scenario;
  }

  static void check(Findings f, String fileBaseName) {
    new ReferenceCheck(f).run(fileBaseName);
  }

  private void run(String fileBaseName) {
    if (!s.id().equals(fileBaseName)) {
      f.error("/id", "id '" + s.id() + "' must equal the file name '" + fileBaseName + "'");
    }
    if (!s.locales().contains(s.sourceLocale())) {
      f.error("/locales", "locales must include the source locale '" + s.sourceLocale() + "'");
    }
    for (String w : s.weights().keySet()) {
      if (!w.equals(Competencies.MI_SPIRIT) && !s.competencies().contains(w)) {
        f.error("/weights/" + w, "weight for '" + w + "', which is not in competencies");
      }
    }
    Set<String> castIds = new HashSet<>();
    for (int i = 0; i < s.cast().size(); i++) {
      CastMember c = s.cast().get(i);
      if (!castIds.add(c.id())) {
        f.error("/cast/" + i, "cast id '" + c.id() + "' is used twice");
      }
    }
    s.state().values().forEach(this::variable);
    if (!s.nodes().containsKey(s.start())) {
      f.error("/start", "start node '" + s.start() + "' does not exist");
    }
    s.nodes().values().forEach(this::node);
  }

  private void variable(VarDecl v) {
    String at = "/state/" + v.name();
    if (v.min() > v.max()) {
      f.error(at, "variable '" + v.name() + "': min " + v.min() + " is greater than max " + v.max());
    } else if (v.initial() < v.min() || v.initial() > v.max()) {
      f.error(at + "/initial", "variable '" + v.name() + "': initial " + v.initial() + " is outside "
          + v.min() + ".." + v.max());
    }
  }

  private void node(Node n) {
    if (n.speaker() != null && s.castMember(n.speaker()).isEmpty()) {
      f.nodeError(n.id(), "/speaker", "speaker '" + n.speaker() + "' is not in the cast");
    }
    if (n.kind() == NodeKind.NARRATION) {
      target(n.id(), "/next", null, -1, n.next());
    }
    Set<String> choiceIds = new HashSet<>();
    for (int i = 0; i < n.choices().size(); i++) {
      Choice c = n.choices().get(i);
      if (!choiceIds.add(c.id())) {
        f.choice(Severity.ERROR, n.id(), i, "/id", "choice id '" + c.id() + "' is used twice in this node");
      }
      target(n.id(), "/choices/" + i + "/next", c, i, c.next());
      for (String comp : c.points().keySet()) {
        if (!s.competencies().contains(comp)) {
          f.choice(Severity.ERROR, n.id(), i, "/points/" + comp,
              "points for '" + comp + "', which is not in the scenario's competencies");
        }
      }
      for (int e = 0; e < c.effects().size(); e++) {
        effect(n, i, e, c.effects().get(e));
      }
      if (c.when() != null) {
        condition(c.when(), "/choices/" + i + "/when", n, i);
      }
    }
    List<Route> routes = n.routes();
    for (int r = 0; r < routes.size(); r++) {
      String at = "/routes/" + r;
      target(n.id(), at + "/next", null, -1, routes.get(r).next());
      boolean last = r == routes.size() - 1;
      if (last && routes.get(r).when() != null) {
        f.nodeError(n.id(), at, "the last route must have no 'when' (it is the default)");
      } else if (!last && routes.get(r).when() == null) {
        f.nodeError(n.id(), at, "only the last route may omit 'when': the routes after it could never be taken");
      }
      if (routes.get(r).when() != null) {
        condition(routes.get(r).when(), at + "/when", n, -1);
      }
    }
  }

  private void target(String nodeId, String suffix, Choice c, int index, String next) {
    if (next != null && !s.nodes().containsKey(next)) {
      String message = "next node '" + next + "' does not exist";
      if (c == null) {
        f.nodeError(nodeId, suffix, message);
      } else {
        f.choice(Severity.ERROR, nodeId, index, "/next", message);
      }
    }
  }

  private void effect(Node n, int i, int e, Effect effect) {
    String at = "/effects/" + e;
    VarDecl v = s.state().get(effect.var());
    if (v == null) {
      f.choice(Severity.ERROR, n.id(), i, at, "effect on undeclared variable '" + effect.var() + "'");
    } else if (v.isBool() && effect.op() == Effect.Op.ADD) {
      f.choice(Severity.ERROR, n.id(), i, at, "'add' on boolean variable '" + v.name() + "': use set: true/false");
    } else if (effect.op() == Effect.Op.SET && v.isBool() != effect.boolValue()) {
      f.choice(Severity.ERROR, n.id(), i, at, "set value of the wrong type for " + (v.isBool() ? "boolean" : "int")
          + " variable '" + v.name() + "'");
    } else if (effect.op() == Effect.Op.SET && (effect.value() < v.min() || effect.value() > v.max())) {
      f.choice(Severity.ERROR, n.id(), i, at, "set " + v.name() + " to " + effect.value() + ", outside "
          + v.min() + ".." + v.max());
    }
  }

  private void condition(Condition cond, String suffix, Node n, int choiceIndex) {
    for (Condition.Leaf leaf : cond.leaves()) {
      VarDecl v = s.state().get(leaf.var());
      String message = null;
      if (v == null) {
        message = "condition on undeclared variable '" + leaf.var() + "'";
      } else if (v.isBool() && !leaf.boolValue()) {
        message = "boolean variable '" + v.name() + "' compared with a number";
      } else if (v.isBool() && leaf.op() != Condition.Op.EQ && leaf.op() != Condition.Op.NE) {
        message = "boolean variable '" + v.name() + "' takes only eq or ne";
      } else if (!v.isBool() && leaf.boolValue()) {
        message = "int variable '" + v.name() + "' compared with true/false";
      }
      if (message != null) {
        if (choiceIndex >= 0) {
          f.choice(Severity.ERROR, n.id(), choiceIndex, "/when", message);
        } else {
          f.at(Severity.ERROR, SourceMap.nodePointer(n.id()) + suffix, n.id(), null, message);
        }
      }
    }
  }
}
