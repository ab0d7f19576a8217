package uk.isafe.practice.audit.measure;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement between two auditors who answered the same items of the same cases: the share of identical answers and
 * Gwet's AC1 (Gwet 2008), which unlike Cohen's kappa stays meaningful when one answer is very common. The four
 * answers (N/A included: disagreeing on whether an item applies is a disagreement) are the categories.
 */
public record Agreement(int pairs, double percent, double ac1) {

  /** Below this AC1 an item is flagged for rewording. */
  public static final double FLAG_BELOW = 0.6;

  /** One item answered by both auditors. */
  public record Pair(Answer first, Answer second) {
  }

  public static Agreement of(List<Pair> pairs) {
    return of(pairs, Answer.values().length);
  }

  /**
   * {@code categories} is q, the number of answers an auditor could give. AC1 = (pa − pe) / (1 − pe) with
   * pe = Σ π_k (1 − π_k) / (q − 1) and π_k the mean of the two auditors' shares of answer k.
   */
  public static Agreement of(List<Pair> pairs, int categories) {
    int n = pairs.size();
    if (n == 0) {
      return new Agreement(0, Double.NaN, Double.NaN);
    }
    Map<Answer, Integer> marginal = new EnumMap<>(Answer.class);
    int same = 0;
    for (Pair p : pairs) {
      if (p.first() == p.second()) {
        same++;
      }
      marginal.merge(p.first(), 1, Integer::sum);
      marginal.merge(p.second(), 1, Integer::sum);
    }
    double pa = (double) same / n;
    double sum = 0;
    for (int count : marginal.values()) {
      double pi = count / (2.0 * n);
      sum += pi * (1 - pi);
    }
    double pe = sum / (categories - 1);
    double ac1 = pe >= 1 ? 1.0 : (pa - pe) / (1 - pe);
    return new Agreement(n, pa, ac1);
  }

  /** From a q×q table of counts (rows: first auditor, columns: second), as published worked examples give them. */
  public static Agreement ofTable(int[][] table) {
    int q = table.length;
    double n = 0;
    double same = 0;
    double[] row = new double[q];
    double[] col = new double[q];
    for (int i = 0; i < q; i++) {
      for (int j = 0; j < q; j++) {
        n += table[i][j];
        row[i] += table[i][j];
        col[j] += table[i][j];
        if (i == j) {
          same += table[i][j];
        }
      }
    }
    if (n == 0) {
      return new Agreement(0, Double.NaN, Double.NaN);
    }
    double pa = same / n;
    double sum = 0;
    for (int k = 0; k < q; k++) {
      double pi = (row[k] + col[k]) / (2 * n);
      sum += pi * (1 - pi);
    }
    double pe = sum / (q - 1);
    return new Agreement((int) n, pa, pe >= 1 ? 1.0 : (pa - pe) / (1 - pe));
  }

  public boolean flagged() {
    return pairs > 0 && ac1 < FLAG_BELOW;
  }
}
