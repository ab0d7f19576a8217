package uk.isafe.practice.scenario.engine;

import java.util.Arrays;

/** Graph helpers over int adjacency arrays. */
final class Graphs {
  private Graphs() {
  }

  /**
   * Strongly connected components (iterative Tarjan). Component ids are numbered in completion order, which is a
   * reverse topological order of the condensation: every edge between components goes from a higher id to a lower.
   */
  static int[] scc(int n, int[][] adj) {
    int[] index = new int[n];
    int[] low = new int[n];
    int[] comp = new int[n];
    Arrays.fill(index, -1);
    Arrays.fill(comp, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int[] call = new int[n];
    int[] pos = new int[n];
    int sp = 0;
    int next = 0;
    int comps = 0;
    for (int s = 0; s < n; s++) {
      if (index[s] != -1) {
        continue;
      }
      int cp = 0;
      index[s] = low[s] = next++;
      stack[sp++] = s;
      onStack[s] = true;
      call[cp] = s;
      pos[cp++] = 0;
      while (cp > 0) {
        int v = call[cp - 1];
        if (pos[cp - 1] < adj[v].length) {
          int w = adj[v][pos[cp - 1]++];
          if (index[w] == -1) {
            index[w] = low[w] = next++;
            stack[sp++] = w;
            onStack[w] = true;
            call[cp] = w;
            pos[cp++] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          if (low[v] == index[v]) {
            int x;
            do {
              x = stack[--sp];
              onStack[x] = false;
              comp[x] = comps;
            } while (x != v);
            comps++;
          }
          cp--;
          if (cp > 0) {
            int u = call[cp - 1];
            low[u] = Math.min(low[u], low[v]);
          }
        }
      }
    }
    return comp;
  }

  static int count(int[] comp) {
    int max = -1;
    for (int c : comp) {
      max = Math.max(max, c);
    }
    return max + 1;
  }
}
