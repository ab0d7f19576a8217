package uk.isafe.practice.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.scenario.model.CastMember;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Condition;
import uk.isafe.practice.scenario.model.Effect;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Route;
import uk.isafe.practice.scenario.model.Safety;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.VarDecl;

/**
 * Builds the typed model from a tree that has passed the schema (so shapes and types are known good; references
 * and variable types are checked afterwards by the validator).
 */
public final class ScenarioParser {
  private ScenarioParser() {
  }

  public static Scenario parse(JsonNode root) {
    Map<String, Double> weights = new LinkedHashMap<>();
    root.path("weights").properties().forEach(e -> weights.put(e.getKey(), e.getValue().asDouble()));
    List<CastMember> cast = new ArrayList<>();
    for (JsonNode c : root.path("cast")) {
      JsonNode img = c.get("image");
      CastMember.Image image = img == null ? null : new CastMember.Image(img.path("src").asText(),
          img.path("alt").asText());
      cast.add(new CastMember(c.path("id").asText(), c.path("name").asText(), c.path("role").asText(), image,
          c.path("pronouns").asText(null)));
    }
    Map<String, VarDecl> state = new LinkedHashMap<>();
    root.path("state").properties().forEach(e -> state.put(e.getKey(), variable(e.getKey(), e.getValue())));
    Map<String, Node> nodes = new LinkedHashMap<>();
    root.path("nodes").properties().forEach(e -> nodes.put(e.getKey(), node(e.getKey(), e.getValue())));
    return new Scenario(root.path("id").asText(), root.path("version").asInt(), root.path("title").asText(),
        root.path("summary").asText(), root.path("source_locale").asText(), strings(root.path("locales")),
        root.path("estimated_minutes").asInt(0), strings(root.path("competencies")), weights,
        root.path("briefing").asText(), cast, state, root.path("start").asText(), nodes, safety(root.get("safety")));
  }

  private static Safety safety(JsonNode s) {
    if (s == null) {
      return Safety.DEFAULT;
    }
    return new Safety(s.path("cap").asInt(Safety.DEFAULT_CAP), s.get("unsafe_when") == null ? null
        : condition(s.get("unsafe_when")));
  }

  private static VarDecl variable(String name, JsonNode v) {
    if ("bool".equals(v.path("type").asText())) {
      return new VarDecl(name, VarDecl.Type.BOOL, 0, 1, v.path("initial").asBoolean() ? 1 : 0);
    }
    return new VarDecl(name, VarDecl.Type.INT, v.path("min").asInt(), v.path("max").asInt(),
        v.path("initial").asInt());
  }

  private static Node node(String id, JsonNode n) {
    List<Choice> choices = new ArrayList<>();
    for (JsonNode c : n.path("choices")) {
      choices.add(choice(c));
    }
    List<Route> routes = new ArrayList<>();
    for (JsonNode r : n.path("routes")) {
      routes.add(new Route(condition(r.get("when")), text(r, "next")));
    }
    return new Node(id, NodeKind.of(n.path("kind").asText()), text(n, "speaker"), text(n, "text"), text(n, "scene"),
        choices, text(n, "next"), routes, text(n, "outcome"), text(n, "title"), text(n, "debrief"));
  }

  private static Choice choice(JsonNode c) {
    Map<String, Integer> points = new LinkedHashMap<>();
    c.path("points").properties().forEach(e -> points.put(e.getKey(), e.getValue().asInt()));
    List<Effect> effects = new ArrayList<>();
    for (JsonNode e : c.path("effects")) {
      JsonNode add = e.get("add");
      effects.add(add != null ? new Effect(e.path("var").asText(), Effect.Op.ADD, add.asInt(), false)
          : new Effect(e.path("var").asText(), Effect.Op.SET, intOrBool(e.path("set")), e.path("set").isBoolean()));
    }
    return new Choice(text(c, "id"), text(c, "text"), strings(c.path("tags")), points, effects,
        condition(c.get("when")), text(c, "reaction"), text(c, "feedback"), text(c, "next"));
  }

  /** A leaf keeps whether its value was a boolean so the validator can check it against the variable's type. */
  static Condition condition(JsonNode w) {
    if (w == null || w.isNull()) {
      return null;
    }
    if (w.has("all")) {
      return new Condition.All(conditions(w.get("all")));
    }
    if (w.has("any")) {
      return new Condition.Any(conditions(w.get("any")));
    }
    if (w.has("not")) {
      return new Condition.Not(condition(w.get("not")));
    }
    for (Condition.Op op : Condition.Op.values()) {
      JsonNode v = w.get(op.name().toLowerCase(java.util.Locale.ROOT));
      if (v != null) {
        return new Condition.Leaf(w.path("var").asText(), op, intOrBool(v), v.isBoolean());
      }
    }
    throw new IllegalArgumentException("condition without an operator");
  }

  private static List<Condition> conditions(JsonNode array) {
    List<Condition> out = new ArrayList<>();
    array.forEach(c -> out.add(condition(c)));
    return out;
  }

  private static int intOrBool(JsonNode v) {
    return v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asInt();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
