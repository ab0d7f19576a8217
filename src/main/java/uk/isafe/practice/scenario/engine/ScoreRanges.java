package uk.isafe.practice.scenario.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.Route;

/**
 * Per-competency minimum and maximum over complete paths, where a choice counts once per path however often a loop
 * revisits it. Exact: a choice can only repeat along a path if its edge lies on a cycle of the node graph, so the
 * search runs over (state, set of such scoring loop choices already counted). On that extended graph every cycle
 * scores zero, so a longest/shortest-path pass over its condensation is exact. Above 63 scoring loop choices or
 * {@link #MAX_EXTENDED} extended states it falls back to counting every edge (and says so).
 */
final class ScoreRanges {
  static final int MAX_EXTENDED = 2_000_000;

  record Result(int[] max, int[] min, long completePaths, boolean anyPath, boolean exact) {
  }

  private record Key(int state, long mask) {
  }

  private ScoreRanges() {
  }

  static Result compute(StateSpace sp, List<String> competencies) {
    int k = competencies.size();
    int[][] vec = new int[sp.labelCount][k];
    for (int l = 0; l < sp.labelCount; l++) {
      Choice c = sp.labelChoice(l);
      for (int i = 0; i < k - 1; i++) {
        vec[l][i] = c.points().getOrDefault(competencies.get(i), 0);
      }
      vec[l][k - 1] = c.miSpiritPoints();
    }
    int[] bit = loopBits(sp, vec);
    boolean exact = bit != null;
    if (bit != null) {
      Result r = run(sp, vec, bit, true, k);
      if (r != null) {
        return r;
      }
      exact = false;
    }
    int[] none = new int[sp.labelCount];
    Arrays.fill(none, -1);
    return run(sp, vec, none, exact, k);
  }

  /** Bit per scoring choice whose edge lies on a cycle of the node graph; null if more than 63. */
  private static int[] loopBits(StateSpace sp, int[][] vec) {
    int n = sp.nodes.length;
    int[][] adj = new int[n][];
    for (int i = 0; i < n; i++) {
      Node node = sp.nodes[i];
      List<Integer> out = new ArrayList<>();
      node.choices().forEach(c -> out.add(sp.nodeIndex.get(c.next())));
      if (node.next() != null) {
        out.add(sp.nodeIndex.get(node.next()));
      }
      for (Route r : node.routes()) {
        out.add(sp.nodeIndex.get(r.next()));
      }
      adj[i] = out.stream().mapToInt(Integer::intValue).toArray();
    }
    int[] comp = Graphs.scc(n, adj);
    int[] bit = new int[sp.labelCount];
    int bits = 0;
    for (int l = 0; l < sp.labelCount; l++) {
      bit[l] = -1;
      int from = sp.labelNode(l);
      int to = sp.nodeIndex.get(sp.labelChoice(l).next());
      if (comp[from] == comp[to] && Arrays.stream(vec[l]).anyMatch(v -> v != 0)) {
        if (bits == 63) {
          return null;
        }
        bit[l] = bits++;
      }
    }
    return bit;
  }

  private static Result run(StateSpace sp, int[][] vec, int[] bit, boolean exact, int k) {
    Map<Key, Integer> index = new HashMap<>();
    List<Integer> states = new ArrayList<>();
    List<Long> masks = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    List<int[]> gains = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    index.put(new Key(sp.startState, 0L), 0);
    states.add(sp.startState);
    masks.add(0L);
    queue.add(0);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      int s = states.get(v);
      long m = masks.get(v);
      int[] ts = sp.targets[s];
      int[] ls = sp.labels[s];
      int[] et = new int[ts.length];
      int[] eg = new int[ts.length];
      for (int i = 0; i < ts.length; i++) {
        int label = ls[i];
        long nm = m;
        int gain = label;
        if (label >= 0 && bit[label] >= 0) {
          long b = 1L << bit[label];
          if ((m & b) != 0) {
            gain = -1;
          } else {
            nm = m | b;
          }
        }
        Key key = new Key(ts[i], nm);
        Integer w = index.get(key);
        if (w == null) {
          if (states.size() >= MAX_EXTENDED) {
            return null;
          }
          w = states.size();
          index.put(key, w);
          states.add(ts[i]);
          masks.add(nm);
          queue.add(w);
        }
        et[i] = w;
        eg[i] = gain;
      }
      while (targets.size() <= v) {
        targets.add(null);
        gains.add(null);
      }
      targets.set(v, et);
      gains.set(v, eg);
    }
    return dp(sp, vec, states, targets.toArray(int[][]::new), gains.toArray(int[][]::new), exact, k);
  }

  private static Result dp(StateSpace sp, int[][] vec, List<Integer> states, int[][] adj, int[][] gains,
      boolean exact, int k) {
    int n = adj.length;
    int[] comp = Graphs.scc(n, adj);
    int comps = Graphs.count(comp);
    int[][] members = members(comp, comps);
    int[] mx = new int[comps * k];
    int[] mn = new int[comps * k];
    boolean[] reach = new boolean[comps];
    long[] paths = new long[comps];
    for (int c = 0; c < comps; c++) {
      for (int v : members[c]) {
        if (sp.isEnd(states.get(v))) {
          offer(mx, mn, reach[c], c, k, null, 0, 0);
          reach[c] = true;
          paths[c] = sat(paths[c], 1);
        }
        for (int e = 0; e < adj[v].length; e++) {
          int cw = comp[adj[v][e]];
          if (cw == c || !reach[cw]) {
            continue;
          }
          int g = gains[v][e];
          offer(mx, mn, reach[c], c, k, g < 0 ? null : vec[g], cw, 1);
          reach[c] = true;
          paths[c] = sat(paths[c], paths[cw]);
        }
      }
    }
    int start = comp[0];
    int[] max = new int[k];
    int[] min = new int[k];
    if (reach[start]) {
      System.arraycopy(mx, start * k, max, 0, k);
      System.arraycopy(mn, start * k, min, 0, k);
    }
    return new Result(max, min, reach[start] ? paths[start] : 0, reach[start], exact);
  }

  /** Offers gain (+ the totals of component {@code from} when {@code withFrom} is 1) to component c. */
  private static void offer(int[] mx, int[] mn, boolean seen, int c, int k, int[] gain, int from, int withFrom) {
    for (int i = 0; i < k; i++) {
      int g = gain == null ? 0 : gain[i];
      int hi = g + (withFrom == 1 ? mx[from * k + i] : 0);
      int lo = g + (withFrom == 1 ? mn[from * k + i] : 0);
      if (!seen || hi > mx[c * k + i]) {
        mx[c * k + i] = hi;
      }
      if (!seen || lo < mn[c * k + i]) {
        mn[c * k + i] = lo;
      }
    }
  }

  private static int[][] members(int[] comp, int comps) {
    int[] size = new int[comps];
    for (int c : comp) {
      size[c]++;
    }
    int[][] out = new int[comps][];
    for (int c = 0; c < comps; c++) {
      out[c] = new int[size[c]];
    }
    int[] fill = new int[comps];
    for (int v = 0; v < comp.length; v++) {
      out[comp[v]][fill[comp[v]]++] = v;
    }
    return out;
  }

  private static long sat(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
