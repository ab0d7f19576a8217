package uk.isafe.practice.scenario.play;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.engine.Indicators;
import uk.isafe.practice.scenario.engine.Outcome;
import uk.isafe.practice.scenario.engine.PlayState;
import uk.isafe.practice.scenario.engine.Step;
import uk.isafe.practice.scenario.engine.TurnView;
import uk.isafe.practice.scenario.model.CastMember;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.Tags;
import uk.isafe.practice.scenario.play.ScenarioTexts.Text;

/**
 * Turns engine values into the plain maps the templates read. Scenario text goes through the launch locale's
 * table ({@link Text}); labels stay as bundle keys for the templates' {@code t()}.
 */
final class PageModels {
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
  private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\n\\s*");

  private final Scenario scenario;
  private final Text text;
  private final Map<String, Object> scenarioModel;
  /** Node texts split into paragraphs, once each: the texts are the scenario's, fixed for this locale. */
  private final Map<String, List<String>> paragraphsOf = new ConcurrentHashMap<>();

  PageModels(Scenario scenario, Text text) {
    this.scenario = scenario;
    this.text = text;
    this.scenarioModel = Collections.unmodifiableMap(scenarioModel());
  }

  /** Title, summary, briefing, time and cast (built once: one PageModels serves every request of its locale). */
  Map<String, Object> scenario() {
    return scenarioModel;
  }

  private Map<String, Object> scenarioModel() {
    Map<String, Object> m = new HashMap<>();
    m.put("id", scenario.id());
    m.put("title", text.get("title", scenario.title()));
    m.put("summary", text.get("summary", scenario.summary()));
    m.put("briefing", paragraphs(text.get("briefing", scenario.briefing())));
    m.put("minutes", scenario.estimatedMinutes());
    List<Map<String, Object>> cast = new ArrayList<>();
    for (CastMember c : scenario.cast()) {
      cast.add(Map.of("name", name(c), "role", text.get("cast." + c.id() + ".role", c.role())));
    }
    m.put("cast", cast);
    return m;
  }

  /** The page for a learner's current place: the reaction to the last choice, then the node. */
  Map<String, Object> turn(Engine engine, PlayState state, boolean feedbackEachChoice, long seed) {
    TurnView v = engine.view(state);
    Map<String, Object> m = new HashMap<>();
    m.put("previous", previous(state, v.previousChoice(), feedbackEachChoice));
    Node node = v.node();
    m.put("kind", node.kind().yamlName());
    m.put("speaker", v.speaker() == null ? null : name(v.speaker()));
    m.put("speakerRole", v.speaker() == null ? null
        : text.get("cast." + v.speaker().id() + ".role", v.speaker().role()));
    m.put("text", nodeParagraphs(text.get("node." + node.id() + ".text", node.text())));
    m.put("scene", text.get("node." + node.id() + ".scene", node.scene()));
    List<Map<String, String>> choices = new ArrayList<>();
    for (Choice c : engine.shownChoices(state, seed)) {
      choices.add(Map.of("id", c.id(), "text", choiceText(node, c, "text", c.text())));
    }
    m.put("choices", choices);
    int taken = state.turnsTaken();
    int left = Math.max(0, engine.scenario().analysis().turnsToEnd(node.id(),
        state.vars().values().stream().mapToInt(Integer::intValue).toArray()));
    m.put("turn", Math.min(taken + 1, taken + Math.max(left, 1)));
    m.put("about", taken + Math.max(left, 1));
    m.put("taken", taken);
    return m;
  }

  private Map<String, Object> previous(PlayState state, Choice choice, boolean withFeedback) {
    if (choice == null) {
      return null;
    }
    Step last = state.chosen().get(state.chosen().size() - 1);
    Node at = scenario.nodes().get(last.nodeId());
    Map<String, Object> m = new HashMap<>();
    m.put("said", choiceText(at, choice, "text", choice.text()));
    m.put("reaction", choiceText(at, choice, "reaction", choice.reaction()));
    m.put("speaker", at.speaker() == null ? null : scenario.castMember(at.speaker()).map(this::name).orElse(null));
    m.put("feedback", withFeedback ? choiceText(at, choice, "feedback", choice.feedback()) : null);
    m.put("tags", withFeedback ? choice.tags() : List.of());
    m.put("pronouns", pronouns(at));
    return m;
  }

  /** The end page: ending, debrief, conversation replayed with tags and feedback, scores and indicators. */
  Map<String, Object> end(Engine engine, PlayState state) {
    Outcome o = engine.outcome(state);
    Node end = o.ending();
    Map<String, Object> m = new HashMap<>();
    m.put("previous", previous(state, engine.view(state).previousChoice(), true));
    m.put("outcome", o.outcome());
    m.put("endingTitle", text.get("node." + end.id() + ".title", end.title()));
    m.put("endingText", nodeParagraphs(text.get("node." + end.id() + ".text", end.text())));
    m.put("debrief", nodeParagraphs(text.get("node." + end.id() + ".debrief", end.debrief())));
    m.put("overall", o.overall());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Outcome.Entry e : o.transcript()) {
      Node n = e.node();
      if (n.isEnd()) {
        continue;
      }
      Map<String, Object> line = new HashMap<>();
      line.put("speaker", n.speaker() == null ? null : scenario.castMember(n.speaker()).map(this::name).orElse(null));
      line.put("text", text.get("node." + n.id() + ".text", n.text()));
      line.put("narration", e.choice() == null);
      if (e.choice() != null) {
        Choice c = e.choice();
        line.put("said", choiceText(n, c, "text", c.text()));
        line.put("tags", c.tags());
        line.put("reaction", choiceText(n, c, "reaction", c.reaction()));
        line.put("feedback", choiceText(n, c, "feedback", c.feedback()));
        line.put("inconsistent", c.isInconsistent());
        line.put("unsafe", c.tags().contains(Tags.SAFE_MINUS));
        line.put("pronouns", pronouns(n));
      }
      lines.add(line);
    }
    m.put("transcript", lines);
    List<Map<String, Object>> moments = new ArrayList<>();
    for (Outcome.Entry e : o.unsafeMoments()) {
      Map<String, Object> moment = new HashMap<>();
      moment.put("said", choiceText(e.node(), e.choice(), "text", e.choice().text()));
      moment.put("feedback", choiceText(e.node(), e.choice(), "feedback", e.choice().feedback()));
      moments.add(moment);
    }
    m.put("unsafeMoments", moments);
    m.put("unsafe", o.unsafe());
    m.put("cap", o.cap());
    List<Map<String, Object>> comps = new ArrayList<>();
    o.competencyScores().forEach((c, f) -> {
      Map<String, Object> row = new HashMap<>();
      row.put("id", c);
      row.put("percent", Math.round(f * 100));
      row.put("band", f >= 0.75 ? "strong" : f >= 0.5 ? "developing" : "early");
      comps.add(row);
    });
    m.put("competencies", comps);
    m.put("indicators", indicators(o.indicators()));
    return m;
  }

  static Map<String, Object> indicators(Indicators i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reflections", i.reflections());
    m.put("questions", i.questions());
    Double rq = i.reflectionToQuestion();
    m.put("ratio", rq == null ? null : String.format(java.util.Locale.UK, "%.1f", rq));
    m.put("ratioBand", i.reflectionToQuestionBand().name());
    Double pc = i.percentComplex();
    m.put("complexPercent", pc == null ? null : Math.round(pc));
    m.put("complexBand", i.complexBand().name());
    m.put("adherent", i.adherent());
    m.put("nonAdherent", i.nonAdherent());
    m.put("safePlus", i.safePlus());
    m.put("safeMinus", i.safeMinus());
    return m;
  }

  /** The pronouns of the person spoken to at a node ("they" when nobody or undeclared), for coaching text. */
  private String pronouns(Node n) {
    return n.speaker() == null ? CastMember.DEFAULT_PRONOUNS
        : scenario.castMember(n.speaker()).map(CastMember::pronouns).orElse(CastMember.DEFAULT_PRONOUNS);
  }

  private String name(CastMember c) {
    return text.get("cast." + c.id() + ".name", c.name());
  }

  private String choiceText(Node n, Choice c, String field, String source) {
    return text.get("choice." + n.id() + "." + c.id() + "." + field, source);
  }

  private List<String> nodeParagraphs(String s) {
    return s == null ? List.of() : paragraphsOf.computeIfAbsent(s, PageModels::paragraphs);
  }

  /** Plain paragraphs: a blank line starts a new one. */
  static List<String> paragraphs(String s) {
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return Arrays.stream(PARAGRAPH_BREAK.split(s.strip())).map(p -> LINE_BREAK.matcher(p.strip()).replaceAll(" "))
        .toList();
  }
}
