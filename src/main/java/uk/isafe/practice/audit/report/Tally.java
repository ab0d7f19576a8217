package uk.isafe.practice.audit.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import uk.isafe.practice.audit.measure.Proportion;

/**
 * Sums of met and eligible men from aggregated result cells, grouped as a view needs them (by round, team, stage or
 * role). Pure Java.
 */
public final class Tally {

  /** One aggregated cell: met and eligible men for a round, team, stage, role and indicator. */
  public record Cell(long roundId, long teamId, String stage, String role, String indicatorId, int met, int eligible) {
  }

  private Tally() {
  }

  public static Proportion sum(List<Cell> cells, Predicate<Cell> filter) {
    int k = 0;
    int n = 0;
    for (Cell c : cells) {
      if (filter.test(c)) {
        k += c.met();
        n += c.eligible();
      }
    }
    return Proportion.of(k, n);
  }

  /** Proportions by a key, in the order of {@code keys}; keys with no cells get 0 of 0. */
  public static <K> Map<K, Proportion> by(List<Cell> cells, Predicate<Cell> filter, Function<Cell, K> key,
      List<K> keys) {
    Map<K, int[]> acc = new LinkedHashMap<>();
    keys.forEach(k -> acc.put(k, new int[2]));
    for (Cell c : cells) {
      if (filter.test(c)) {
        int[] a = acc.computeIfAbsent(key.apply(c), k -> new int[2]);
        a[0] += c.met();
        a[1] += c.eligible();
      }
    }
    Map<K, Proportion> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, Proportion.of(a[0], a[1])));
    return out;
  }
}
