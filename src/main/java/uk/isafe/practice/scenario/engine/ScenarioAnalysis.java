package uk.isafe.practice.scenario.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Scenario;

/**
 * What exploring node × state tells us about a scenario, computed once: the best reachable path (whose points are
 * the per-competency maxima), the minimum over complete paths (C6 included), the number of complete paths, reachable endings and nodes, structural findings,
 * and for every reachable state the fewest learner turns left to an ending (for progress).
 */
public final class ScenarioAnalysis {
  private final StateSpace space;
  private final Map<String, Integer> maxPoints;
  private final Map<String, Integer> minPoints;
  private final long completePaths;
  private final List<String> endings;
  private final Set<String> reachableNodes;
  private final boolean exactCountOnce;
  private final List<GraphFinding> findings;
  private final int[] turnsToEnd;
  private final BestPath bestPath;

  private ScenarioAnalysis(StateSpace space, ScoreRanges.Result scores, BestPath best, List<GraphFinding> findings,
      int[] turnsToEnd) {
    this.space = space;
    this.bestPath = best;
    List<String> competencies = space.scenario.scoredCompetencies();
    Map<String, Integer> max = new LinkedHashMap<>();
    Map<String, Integer> min = new LinkedHashMap<>();
    for (int i = 0; i < competencies.size(); i++) {
      String c = competencies.get(i);
      // the maximum is what the best reachable path earns, so the ideal conversation scores 100
      max.put(c, best == null ? scores.max()[i] : best.points().get(c));
      min.put(c, scores.min()[i]);
    }
    this.maxPoints = Collections.unmodifiableMap(max);
    this.minPoints = Collections.unmodifiableMap(min);
    this.completePaths = scores.completePaths();
    this.exactCountOnce = scores.exact();
    Set<String> reached = new LinkedHashSet<>();
    List<String> ends = new ArrayList<>();
    for (int n = 0; n < space.nodes.length; n++) {
      if (space.nodeReached[n]) {
        reached.add(space.nodes[n].id());
        if (space.nodes[n].isEnd()) {
          ends.add(space.nodes[n].id());
        }
      }
    }
    this.reachableNodes = Collections.unmodifiableSet(reached);
    this.endings = List.copyOf(ends);
    this.findings = List.copyOf(findings);
    this.turnsToEnd = turnsToEnd;
  }

  /** Explores and analyses a scenario whose references are valid. */
  public static ScenarioAnalysis of(Scenario scenario) throws StateSpace.TooComplex {
    StateSpace sp = new StateSpace(scenario);
    ScoreRanges.Result scores = ScoreRanges.compute(sp, scenario.scoredCompetencies());
    BestPath best = BestPath.find(sp);
    List<GraphFinding> findings = new ArrayList<>();
    if (best == null && scores.anyPath()) {
      findings.add(new GraphFinding(GraphFinding.Kind.NO_SAFE_PATH, scenario.start(), null,
          "every complete path uses a SAFE- choice or ends unsafe: there is no safe best path to score against"));
    }
    reachability(sp, findings);
    traps(sp, findings);
    if (!scores.anyPath()) {
      findings.add(new GraphFinding(GraphFinding.Kind.NO_ENDING, scenario.start(), null,
          "no ending can be reached from the start"));
    }
    if (!scores.exact()) {
      findings.add(new GraphFinding(GraphFinding.Kind.COUNT_ONCE_APPROXIMATED, null, null,
          "loops too complex to apply the count-once rule exactly: score maxima count every visit"));
    }
    return new ScenarioAnalysis(sp, scores, best, findings, turnsToEnd(sp));
  }

  private static void reachability(StateSpace sp, List<GraphFinding> out) {
    for (int n = 0; n < sp.nodes.length; n++) {
      Node node = sp.nodes[n];
      if (!sp.nodeReached[n]) {
        out.add(new GraphFinding(GraphFinding.Kind.UNREACHABLE_NODE, node.id(), null, "unreachable from the start"));
        continue;
      }
      for (int c = 0; c < node.choices().size(); c++) {
        if (!sp.choiceEnabled[n][c]) {
          out.add(new GraphFinding(GraphFinding.Kind.CHOICE_NEVER_OFFERED, node.id(), node.choices().get(c).id(),
              "its 'when' condition is never true in any reachable state"));
        }
      }
      for (int r = 0; r < node.routes().size(); r++) {
        if (!sp.routeTaken[n][r]) {
          out.add(new GraphFinding(GraphFinding.Kind.ROUTE_NEVER_TAKEN, node.id(), null,
              "route " + (r + 1) + " (to '" + node.routes().get(r).next() + "') is never taken"));
        }
      }
    }
  }

  /** Dead ends (a turn with no enabled choice) and loops with no way out (bottom components without an end). */
  private static void traps(StateSpace sp, List<GraphFinding> out) {
    int count = sp.stateCount();
    Set<String> reportedDeadEnds = new TreeSet<>();
    for (int s = 0; s < count; s++) {
      if (!sp.isEnd(s) && sp.targets[s].length == 0) {
        String nodeId = sp.nodes[sp.stateNode[s]].id();
        if (reportedDeadEnds.add(nodeId)) {
          out.add(new GraphFinding(GraphFinding.Kind.DEAD_END, nodeId, null,
              "dead end: no choice is offered when " + sp.describe(s)));
        }
      }
    }
    int[] comp = Graphs.scc(count, sp.targets);
    int comps = Graphs.count(comp);
    boolean[] leaves = new boolean[comps];
    boolean[] cyclic = new boolean[comps];
    int[] size = new int[comps];
    for (int s = 0; s < count; s++) {
      size[comp[s]]++;
      for (int t : sp.targets[s]) {
        if (comp[t] != comp[s]) {
          leaves[comp[s]] = true;
        } else {
          cyclic[comp[s]] = true;
        }
      }
    }
    Set<String> reportedLoops = new LinkedHashSet<>();
    for (int s = 0; s < count; s++) {
      int c = comp[s];
      if (cyclic[c] && !leaves[c]) {
        TreeSet<String> loopNodes = new TreeSet<>();
        int example = s;
        for (int x = 0; x < count; x++) {
          if (comp[x] == c) {
            loopNodes.add(sp.nodes[sp.stateNode[x]].id());
          }
        }
        leaves[c] = true;
        String names = String.join(", ", loopNodes);
        if (reportedLoops.add(names)) {
          out.add(new GraphFinding(GraphFinding.Kind.EXITLESS_LOOP, sp.nodes[sp.stateNode[example]].id(), null,
              "loop with no way out through nodes " + names + " (e.g. when " + sp.describe(example) + ")"));
        }
      }
    }
  }

  /** Fewest learner turns from each state to an ending (0-1 BFS over reversed edges); MAX_VALUE if none. */
  private static int[] turnsToEnd(StateSpace sp) {
    int count = sp.stateCount();
    List<List<int[]>> reverse = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      reverse.add(new ArrayList<>(2));
    }
    for (int s = 0; s < count; s++) {
      int w = sp.nodes[sp.stateNode[s]].kind() == NodeKind.TURN ? 1 : 0;
      for (int t : sp.targets[s]) {
        reverse.get(t).add(new int[] {s, w});
      }
    }
    int[] dist = new int[count];
    Arrays.fill(dist, Integer.MAX_VALUE);
    ArrayDeque<Integer> deque = new ArrayDeque<>();
    for (int s = 0; s < count; s++) {
      if (sp.isEnd(s)) {
        dist[s] = 0;
        deque.add(s);
      }
    }
    while (!deque.isEmpty()) {
      int t = deque.pollFirst();
      for (int[] e : reverse.get(t)) {
        int d = dist[t] + e[1];
        if (d < dist[e[0]]) {
          dist[e[0]] = d;
          if (e[1] == 0) {
            deque.addFirst(e[0]);
          } else {
            deque.addLast(e[0]);
          }
        }
      }
    }
    return dist;
  }

  public Map<String, Integer> maxPoints() {
    return maxPoints;
  }

  /** The best reachable safe path (its points are the maxima), or null when there is none. */
  public BestPath bestPath() {
    return bestPath;
  }

  public Map<String, Integer> minPoints() {
    return minPoints;
  }

  public int maxPoints(String competency) {
    return maxPoints.getOrDefault(competency, 0);
  }

  public long completePaths() {
    return completePaths;
  }

  /** Reachable end node ids, in file order. */
  public List<String> endings() {
    return endings;
  }

  public Set<String> reachableNodes() {
    return reachableNodes;
  }

  public int states() {
    return space.stateCount();
  }

  public boolean exactCountOnce() {
    return exactCountOnce;
  }

  public List<GraphFinding> findings() {
    return findings;
  }

  public int nodeCount() {
    return space.nodes.length;
  }

  /** Fewest learner turns from (node, vars) to an ending; −1 if that state is unknown or has no way out. */
  public int turnsToEnd(String nodeId, int[] vars) {
    Integer n = space.nodeIndex.get(nodeId);
    if (n == null) {
      return -1;
    }
    int s = space.stateOf(n, vars);
    return s < 0 || turnsToEnd[s] == Integer.MAX_VALUE ? -1 : turnsToEnd[s];
  }

  StateSpace space() {
    return space;
  }

  /** "12 nodes, 3 endings, 48 complete paths, 230 states; max C1_risk_resource=6 C6_mi_spirit=9". */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(nodeCount()).append(" nodes, ").append(endings.size()).append(" endings, ").append(completePaths)
        .append(" complete paths, ").append(states()).append(" states");
    if (bestPath != null) {
      b.append("; best path ").append(bestPath.turns()).append(" turns to '").append(bestPath.endingId())
          .append("' (").append(bestPath.outcome()).append(')');
    }
    b.append("; max");
    maxPoints.forEach((c, v) -> b.append(' ').append(c).append('=').append(v));
    return b.toString();
  }
}
