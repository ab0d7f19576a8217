package uk.isafe.practice.scenario.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.Tags;

/**
 * The best reachable conversation: the complete path, over node × state, with the highest weighted points
 * (Σ weight × points, C6 included), using no {@code SAFE-} choice, not ending {@code unsafe} and not ending in the
 * scenario's declared unsafe state. Ties go to the
 * better outcome (engaged, partial, disengaged), then to the shorter path. Its points per competency are the
 * maxima learners are scored against, so the ideal conversation scores 100 and no path scores more.
 *
 * @param steps {@code nodeId/choiceId} of each learner choice, in order
 * @param points per scored competency (C6 included), each choice counted once
 */
public record BestPath(List<String> steps, String endingId, String outcome, Map<String, Integer> points) {
  private static final Map<String, Integer> RANK = Map.of("engaged", 3, "partial", 2, "disengaged", 1);

  public BestPath {
    steps = List.copyOf(steps);
    points = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(points));
  }

  public int turns() {
    return steps.size();
  }

  /** Null when every complete path uses a {@code SAFE-} choice or ends unsafe. */
  static BestPath find(StateSpace sp) {
    Scenario scenario = sp.scenario;
    List<String> comps = scenario.scoredCompetencies();
    int n = sp.stateCount();
    double[] gain = new double[sp.labelCount];
    boolean[] unsafe = new boolean[sp.labelCount];
    for (int l = 0; l < sp.labelCount; l++) {
      Choice c = sp.labelChoice(l);
      unsafe[l] = c.tags().contains(Tags.SAFE_MINUS);
      double g = 0;
      for (String comp : comps) {
        int p = comp.equals(Competencies.MI_SPIRIT) ? c.miSpiritPoints() : c.points().getOrDefault(comp, 0);
        g += scenario.weight(comp) * p;
      }
      gain[l] = g;
    }
    double[] value = new double[n];
    int[] rank = new int[n];
    int[] length = new int[n];
    int[] nextEdge = new int[n];
    byte[] mark = new byte[n]; // 0 new, 1 on stack, 2 done
    Arrays.fill(nextEdge, -1);
    solve(sp, sp.startState, gain, unsafe, value, rank, length, nextEdge, mark);
    if (rank[sp.startState] == 0) {
      return null;
    }
    List<String> steps = new ArrayList<>();
    Map<String, Integer> points = new LinkedHashMap<>();
    comps.forEach(c -> points.put(c, 0));
    Set<Integer> counted = new HashSet<>();
    int s = sp.startState;
    while (!sp.isEnd(s)) {
      int e = nextEdge[s];
      int label = sp.labels[s][e];
      if (label >= 0) {
        Choice c = sp.labelChoice(label);
        steps.add(sp.nodes[sp.labelNode(label)].id() + "/" + c.id());
        if (counted.add(label)) {
          for (String comp : comps) {
            int p = comp.equals(Competencies.MI_SPIRIT) ? c.miSpiritPoints() : c.points().getOrDefault(comp, 0);
            points.merge(comp, p, Integer::sum);
          }
        }
      }
      s = sp.targets[s][e];
    }
    Node end = sp.nodes[sp.stateNode[s]];
    return new BestPath(steps, end.id(), end.outcome(), points);
  }

  /** Depth-first, memoised; an edge back onto the current path is skipped (a revisit adds nothing). */
  private static void solve(StateSpace sp, int s, double[] gain, boolean[] unsafe, double[] value, int[] rank,
      int[] length, int[] nextEdge, byte[] mark) {
    mark[s] = 1;
    if (sp.isEnd(s)) {
      int[] vars = sp.stateVars.get(s);
      var unsafeWhen = sp.scenario.safety().unsafeWhen();
      boolean unsafeState = unsafeWhen != null && unsafeWhen.test(name -> sp.value(vars, name));
      rank[s] = unsafeState ? 0 : RANK.getOrDefault(sp.nodes[sp.stateNode[s]].outcome(), 0);
      mark[s] = 2;
      return;
    }
    int[] ts = sp.targets[s];
    int[] ls = sp.labels[s];
    for (int e = 0; e < ts.length; e++) {
      int label = ls[e];
      int t = ts[e];
      if ((label >= 0 && unsafe[label]) || mark[t] == 1) {
        continue;
      }
      if (mark[t] == 0) {
        solve(sp, t, gain, unsafe, value, rank, length, nextEdge, mark);
      }
      if (rank[t] == 0) {
        continue;
      }
      double v = value[t] + (label >= 0 ? gain[label] : 0);
      int len = length[t] + (label >= 0 ? 1 : 0);
      if (rank[s] == 0 || better(v, rank[t], len, value[s], rank[s], length[s])) {
        value[s] = v;
        rank[s] = rank[t];
        length[s] = len;
        nextEdge[s] = e;
      }
    }
    mark[s] = 2;
  }

  private static boolean better(double v, int r, int len, double bv, int br, int blen) {
    if (Math.abs(v - bv) > 1e-9) {
      return v > bv;
    }
    if (r != br) {
      return r > br;
    }
    return len < blen;
  }
}
