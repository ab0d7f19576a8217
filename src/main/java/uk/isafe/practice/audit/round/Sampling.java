package uk.isafe.practice.audit.round;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses a round's cases from a team's pasted list. Random: a simple random sample of {@code n} (all of them when
 * the list is shorter). Themed: only cases at the theme's stage, then a random sample of those. And the share of
 * cases to be audited blind a second time (at least one when the share is above zero). The caller passes the
 * {@link Random}, so a seed makes a sample reproducible. Pure Java.
 */
public final class Sampling {
  private Sampling() {
  }

  public static List<PastedCases.Line> sample(List<PastedCases.Line> listed, int n, Optional<String> themeStage,
      Random random) {
    List<PastedCases.Line> pool = new ArrayList<>();
    for (PastedCases.Line l : listed) {
      if (themeStage.isEmpty() || themeStage.equals(l.stage())) {
        pool.add(l);
      }
    }
    Collections.shuffle(pool, random);
    return List.copyOf(pool.subList(0, Math.min(n, pool.size())));
  }

  /** How many of {@code cases} to double-audit at {@code sharePercent}: rounded up, so 10% of 5 is 1. */
  public static int doubleCount(int cases, int sharePercent) {
    if (cases <= 0 || sharePercent <= 0) {
      return 0;
    }
    return Math.min(cases, (cases * sharePercent + 99) / 100);
  }

  /** Which of {@code cases} positions are double-audited, chosen at random. */
  public static List<Integer> doubleAudited(int cases, int sharePercent, Random random) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      all.add(i);
    }
    Collections.shuffle(all, random);
    List<Integer> chosen = new ArrayList<>(all.subList(0, doubleCount(cases, sharePercent)));
    Collections.sort(chosen);
    return List.copyOf(chosen);
  }

  /**
   * Primary and second auditors for each case: primaries in turn, and for a double-audited case the next auditor in
   * the list (never the primary). With a single auditor no case can be double-audited: second is then absent.
   */
  public static List<long[]> assign(int cases, List<Long> auditors, List<Integer> doubled) {
    if (auditors.isEmpty()) {
      throw new IllegalArgumentException("no auditors");
    }
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      long primary = auditors.get(i % auditors.size());
      boolean second = doubled.contains(i) && auditors.size() > 1;
      out.add(second ? new long[] {primary, auditors.get((i + 1) % auditors.size())} : new long[] {primary});
    }
    return out;
  }
}
