package uk.isafe.practice.scenario.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Effect;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;
import uk.isafe.practice.scenario.model.Route;
import uk.isafe.practice.scenario.model.Scenario;
import uk.isafe.practice.scenario.model.VarDecl;

/**
 * The reachable product graph of node × state. A state is a resting node (turn, narration or end; branch nodes are
 * resolved on the way) plus a vector of variable values. Edges are learner choices (label = choice) and narration
 * continues (label −1). Requires a scenario whose references are valid.
 */
public final class StateSpace {
  public static final int MAX_STATES = 500_000;

  /** The graph could not be built: a branch loop or too many states. */
  public static final class TooComplex extends Exception {
    private final String nodeId;

    TooComplex(String nodeId, String message) {
      super(message);
      this.nodeId = nodeId;
    }

    public String nodeId() {
      return nodeId;
    }
  }

  final Scenario scenario;
  final String[] varNames;
  final VarDecl[] decls;
  final Map<String, Integer> varIndex = new HashMap<>();
  final Node[] nodes;
  final Map<String, Integer> nodeIndex = new HashMap<>();
  final int[] labelBase;
  final int labelCount;
  private final int[] labelNodes;
  private final long[] mult;
  private final long space;

  // explored graph
  final List<int[]> stateVars = new ArrayList<>();
  final List<Integer> stateNodeList = new ArrayList<>();
  int[] stateNode;
  int[][] targets;
  int[][] labels;
  final boolean[] nodeReached;
  final boolean[][] choiceEnabled;
  final boolean[][] routeTaken;
  int startState;
  private final Map<Long, Integer> index = new HashMap<>();

  StateSpace(Scenario scenario) throws TooComplex {
    this.scenario = scenario;
    varNames = scenario.state().keySet().toArray(String[]::new);
    decls = scenario.state().values().toArray(VarDecl[]::new);
    for (int i = 0; i < varNames.length; i++) {
      varIndex.put(varNames[i], i);
    }
    nodes = scenario.nodes().values().toArray(Node[]::new);
    labelBase = new int[nodes.length];
    int labelsSoFar = 0;
    for (int i = 0; i < nodes.length; i++) {
      nodeIndex.put(nodes[i].id(), i);
      labelBase[i] = labelsSoFar;
      labelsSoFar += nodes[i].choices().size();
    }
    labelCount = labelsSoFar;
    labelNodes = new int[labelCount];
    for (int i = 0; i < nodes.length; i++) {
      Arrays.fill(labelNodes, labelBase[i], labelBase[i] + nodes[i].choices().size(), i);
    }
    mult = new long[decls.length];
    long m = 1;
    for (int i = 0; i < decls.length; i++) {
      mult[i] = m;
      long radix = (long) decls[i].max() - decls[i].min() + 1;
      if (radix <= 0 || m > Long.MAX_VALUE / 4 / radix / Math.max(1, nodes.length)) {
        throw new TooComplex(null, "the state variables allow too many combinations to analyse");
      }
      m *= radix;
    }
    space = m;
    nodeReached = new boolean[nodes.length];
    choiceEnabled = new boolean[nodes.length][];
    routeTaken = new boolean[nodes.length][];
    for (int i = 0; i < nodes.length; i++) {
      choiceEnabled[i] = new boolean[nodes[i].choices().size()];
      routeTaken[i] = new boolean[nodes[i].routes().size()];
    }
    explore();
  }

  int[] initialVars() {
    int[] v = new int[decls.length];
    for (int i = 0; i < decls.length; i++) {
      v[i] = decls[i].clamp(decls[i].initial());
    }
    return v;
  }

  long key(int node, int[] vars) {
    long code = 0;
    for (int i = 0; i < vars.length; i++) {
      code += (vars[i] - decls[i].min()) * mult[i];
    }
    return node * space + code;
  }

  /** The state index of (node, vars), or −1 if that state is not reachable. */
  int stateOf(int node, int[] vars) {
    Integer s = index.get(key(node, vars));
    return s == null ? -1 : s;
  }

  int value(int[] vars, String name) {
    return vars[varIndex.get(name)];
  }

  boolean enabled(Choice c, int[] vars) {
    return c.when() == null || c.when().test(name -> value(vars, name));
  }

  int[] apply(Choice c, int[] vars) {
    if (c.effects().isEmpty()) {
      return vars;
    }
    int[] out = vars.clone();
    for (Effect e : c.effects()) {
      int i = varIndex.get(e.var());
      out[i] = e.apply(decls[i], out[i]);
    }
    return out;
  }

  /** Follows branch nodes from {@code node} to the resting node they choose. */
  int resolve(int node, int[] vars) throws TooComplex {
    return resolve(node, vars, true);
  }

  /** As {@link #resolve(int, int[])}; {@code record} false for read-only use by the engine (thread-safe). */
  int resolve(int node, int[] vars, boolean record) throws TooComplex {
    int n = node;
    int steps = 0;
    while (nodes[n].kind() == NodeKind.BRANCH) {
      if (record) {
        nodeReached[n] = true;
      }
      if (++steps > nodes.length) {
        throw new TooComplex(nodes[node].id(), "branch nodes route to each other in a loop");
      }
      List<Route> routes = nodes[n].routes();
      int chosen = routes.size() - 1;
      for (int r = 0; r < routes.size(); r++) {
        Route route = routes.get(r);
        if (route.when() == null || route.when().test(name -> value(vars, name))) {
          chosen = r;
          break;
        }
      }
      if (record) {
        routeTaken[n][chosen] = true;
      }
      n = nodeIndex.get(routes.get(chosen).next());
    }
    return n;
  }

  private int intern(int node, int[] vars, ArrayDeque<Integer> queue) throws TooComplex {
    long k = key(node, vars);
    Integer s = index.get(k);
    if (s != null) {
      return s;
    }
    int id = stateVars.size();
    if (id >= MAX_STATES) {
      throw new TooComplex(null, "more than " + MAX_STATES + " reachable states: simplify the state variables");
    }
    index.put(k, id);
    stateVars.add(vars);
    stateNodeList.add(node);
    nodeReached[node] = true;
    queue.add(id);
    return id;
  }

  private void explore() throws TooComplex {
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] init = initialVars();
    startState = intern(resolve(nodeIndex.get(scenario.start()), init), init, queue);
    List<int[]> t = new ArrayList<>();
    List<int[]> l = new ArrayList<>();
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int n = stateNodeList.get(s);
      int[] vars = stateVars.get(s);
      Node node = nodes[n];
      int[] ts;
      int[] ls;
      if (node.kind() == NodeKind.NARRATION) {
        ts = new int[] {intern(resolve(nodeIndex.get(node.next()), vars), vars, queue)};
        ls = new int[] {-1};
      } else if (node.kind() == NodeKind.TURN) {
        ts = new int[node.choices().size()];
        ls = new int[ts.length];
        int k = 0;
        for (int c = 0; c < node.choices().size(); c++) {
          Choice choice = node.choices().get(c);
          if (enabled(choice, vars)) {
            choiceEnabled[n][c] = true;
            int[] after = apply(choice, vars);
            ts[k] = intern(resolve(nodeIndex.get(choice.next()), after), after, queue);
            ls[k++] = labelBase[n] + c;
          }
        }
        ts = Arrays.copyOf(ts, k);
        ls = Arrays.copyOf(ls, k);
      } else {
        ts = new int[0];
        ls = new int[0];
      }
      while (t.size() <= s) {
        t.add(null);
        l.add(null);
      }
      t.set(s, ts);
      l.set(s, ls);
    }
    int count = stateVars.size();
    targets = t.toArray(int[][]::new);
    labels = l.toArray(int[][]::new);
    stateNode = new int[count];
    for (int i = 0; i < count; i++) {
      stateNode[i] = stateNodeList.get(i);
    }
  }

  int stateCount() {
    return stateNode.length;
  }

  boolean isEnd(int state) {
    return nodes[stateNode[state]].kind() == NodeKind.END;
  }

  /** The node of a label. */
  int labelNode(int label) {
    return labelNodes[label];
  }

  Choice labelChoice(int label) {
    int n = labelNode(label);
    return nodes[n].choices().get(label - labelBase[n]);
  }

  /** "rapport=3, has_number=false" for messages. */
  String describe(int state) {
    int[] vars = stateVars.get(state);
    if (vars.length == 0) {
      return "the initial state";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < vars.length; i++) {
      b.append(i == 0 ? "" : ", ").append(varNames[i]).append('=').append(decls[i].show(vars[i]));
    }
    return b.toString();
  }
}
