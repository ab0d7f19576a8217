package uk.isafe.practice.scenario.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.isafe.practice.scenario.engine.InvalidChoiceException.Reason;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Safety;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.Tags;

/**
 * Plays a validated scenario. Pure and deterministic: states are immutable values, and the engine holds only the
 * scenario and its precomputed analysis, so one instance may serve any number of threads.
 */
public final class Engine {
  private final LoadedScenario loaded;
  private final Scenario scenario;
  private final ScenarioAnalysis analysis;
  private final StateSpace space;

  public Engine(LoadedScenario loaded) {
    this.loaded = loaded;
    this.scenario = loaded.scenario();
    this.analysis = loaded.analysis();
    this.space = analysis.space();
  }

  public LoadedScenario scenario() {
    return loaded;
  }

  /** At the start node (branch nodes resolved), initial variables, nothing chosen. */
  public PlayState start() {
    int[] vars = space.initialVars();
    return new PlayState(rest(scenario.start(), vars), toMap(vars), List.of());
  }

  public TurnView view(PlayState s) {
    Node node = node(s);
    Choice previous = null;
    if (!s.chosen().isEmpty()) {
      Step last = s.chosen().get(s.chosen().size() - 1);
      if (!last.isContinue()) {
        previous = scenario.nodes().get(last.nodeId()).choice(last.choiceId()).orElse(null);
      }
    }
    return new TurnView(node, node.speaker() == null ? null : scenario.castMember(node.speaker()).orElse(null),
        enabledChoices(s), node.isEnd(), progress(s), s.turnsTaken(), previous);
  }

  /** Whether {@code s} is at an ending: {@code view(s).isEnd()} without building the rest of the view. */
  public boolean isEnd(PlayState s) {
    return node(s).isEnd();
  }

  /**
   * The choices offered now in the order this attempt shows them: a permutation of {@link #enabledChoices} fixed by
   * the attempt's seed, the node and the step, so a reload, a resume and a replay show the same order.
   */
  public List<Choice> shownChoices(PlayState s, long seed) {
    return ChoiceOrder.shuffle(enabledChoices(s), seed, s.nodeId(), s.chosen().size());
  }

  /** The choices offered now, in authored order (empty unless at a turn). */
  public List<Choice> enabledChoices(PlayState s) {
    Node node = node(s);
    if (node.kind() != NodeKind.TURN) {
      return List.of();
    }
    int[] vars = toArray(s.vars());
    List<Choice> out = new ArrayList<>(node.choices().size());
    for (Choice c : node.choices()) {
      if (space.enabled(c, vars)) {
        out.add(c);
      }
    }
    return out;
  }

  public PlayState choose(PlayState s, String choiceId) {
    Node node = node(s);
    if (node.isEnd()) {
      throw new InvalidChoiceException(Reason.AT_END, "the scenario has ended at '" + node.id() + "'");
    }
    if (node.kind() != NodeKind.TURN) {
      throw new InvalidChoiceException(Reason.NOT_A_TURN, "node '" + node.id() + "' takes a continue, not a choice");
    }
    Choice choice = node.choice(choiceId).orElseThrow(() -> new InvalidChoiceException(Reason.UNKNOWN_CHOICE,
        "node '" + node.id() + "' has no choice '" + choiceId + "'"));
    int[] vars = toArray(s.vars());
    if (!space.enabled(choice, vars)) {
      throw new InvalidChoiceException(Reason.NOT_OFFERED,
          "choice '" + choiceId + "' is not offered at node '" + node.id() + "' in this state");
    }
    int[] after = space.apply(choice, vars);
    List<Step> steps = new ArrayList<>(s.chosen());
    steps.add(new Step(node.id(), choice.id(), choice.tags(), choice.points()));
    return new PlayState(rest(choice.next(), after), toMap(after), steps);
  }

  /** Narration → its next node. */
  public PlayState advance(PlayState s) {
    Node node = node(s);
    if (node.kind() != NodeKind.NARRATION) {
      throw new InvalidChoiceException(node.isEnd() ? Reason.AT_END : Reason.NOT_NARRATION,
          "node '" + node.id() + "' is not a narration");
    }
    List<Step> steps = new ArrayList<>(s.chosen());
    steps.add(new Step(node.id(), "", List.of(), Map.of()));
    int[] vars = toArray(s.vars());
    return new PlayState(rest(node.next(), vars), s.vars(), steps);
  }

  /** Rebuilds a state from recorded steps: a choice id, or "" for a narration continue. */
  public PlayState replay(List<String> choiceIds) {
    PlayState s = start();
    for (String id : choiceIds) {
      s = id == null || id.isEmpty() ? advance(s) : choose(s, id);
    }
    return s;
  }

  /** Learner turns taken / (turns taken + fewest turns left to an ending), 0..1; 1 at an ending. */
  public double progress(PlayState s) {
    Node node = node(s);
    if (node.isEnd()) {
      return 1.0;
    }
    int taken = s.turnsTaken();
    int left = analysis.turnsToEnd(node.id(), toArray(s.vars()));
    if (left < 0) {
      return 0.0;
    }
    return taken + left == 0 ? 0.0 : (double) taken / (taken + left);
  }

  public Outcome outcome(PlayState s) {
    Node node = node(s);
    if (!node.isEnd()) {
      throw new InvalidChoiceException(Reason.BAD_STATE, "node '" + node.id() + "' is not an ending");
    }
    List<String> competencies = scenario.scoredCompetencies();
    Map<String, Integer> raw = new LinkedHashMap<>();
    competencies.forEach(c -> raw.put(c, 0));
    Set<String> counted = new HashSet<>();
    List<Outcome.Entry> transcript = new ArrayList<>();
    List<Outcome.Entry> unsafeMoments = new ArrayList<>();
    for (Step step : s.chosen()) {
      Node at = scenario.nodes().get(step.nodeId());
      Choice choice = step.isContinue() ? null : at.choice(step.choiceId()).orElse(null);
      transcript.add(new Outcome.Entry(at, choice));
      if (choice != null && choice.tags().contains(Tags.SAFE_MINUS)) {
        unsafeMoments.add(new Outcome.Entry(at, choice));
      }
      if (choice == null || !counted.add(step.nodeId() + "\u0000" + step.choiceId())) {
        continue;
      }
      choice.points().forEach((c, p) -> raw.computeIfPresent(c, (k, v) -> v + p));
      raw.merge(Competencies.MI_SPIRIT, choice.miSpiritPoints(), Integer::sum);
    }
    transcript.add(new Outcome.Entry(node, null));
    Map<String, Double> fractions = new LinkedHashMap<>();
    double weighted = 0;
    double weights = 0;
    for (String c : competencies) {
      int max = analysis.maxPoints(c);
      double f = max <= 0 ? 0.0 : Math.max(0.0, Math.min(1.0, (double) raw.get(c) / max));
      fractions.put(c, f);
      weighted += scenario.weight(c) * f;
      weights += scenario.weight(c);
    }
    double overall = weights == 0 ? 0 : Math.round(weighted / weights * 1000.0) / 10.0;
    Safety safety = scenario.safety();
    boolean unsafe = !unsafeMoments.isEmpty() || "unsafe".equals(node.outcome())
        || (safety.unsafeWhen() != null && safety.unsafeWhen().test(v -> s.vars().get(v)));
    if (unsafe) {
      overall = Math.min(overall, safety.cap());
    }
    return new Outcome(node, node.outcome(), fractions, raw, analysis.maxPoints(), overall,
        Indicators.of(s.chosen()), transcript, unsafeMoments, unsafe, safety.cap());
  }

  private Node node(PlayState s) {
    Node node = s == null ? null : scenario.nodes().get(s.nodeId());
    if (node == null || node.kind() == NodeKind.BRANCH) {
      throw new InvalidChoiceException(Reason.BAD_STATE, "not a resting node of this scenario: "
          + (s == null ? null : s.nodeId()));
    }
    return node;
  }

  private String rest(String nodeId, int[] vars) {
    try {
      return space.nodes[space.resolve(space.nodeIndex.get(nodeId), vars, false)].id();
    } catch (StateSpace.TooComplex e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private int[] toArray(Map<String, Integer> vars) {
    int[] out = new int[space.varNames.length];
    for (int i = 0; i < out.length; i++) {
      Integer v = vars.get(space.varNames[i]);
      if (v == null) {
        throw new InvalidChoiceException(Reason.BAD_STATE, "state lacks variable '" + space.varNames[i] + "'");
      }
      out[i] = v;
    }
    return out;
  }

  private Map<String, Integer> toMap(int[] vars) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < vars.length; i++) {
      m.put(space.varNames[i], vars[i]);
    }
    return m;
  }
}
