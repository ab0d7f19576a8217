package uk.isafe.practice.audit.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.Indicator;

/**
 * Headline indicator arithmetic. For one man and one indicator: the items answered N/A are set aside; if none is
 * left he is not eligible (out of the denominator); otherwise he meets the indicator when every remaining item is
 * Yes (or, for {@code all-yes-or-partly}, Yes or Partly). The rate is met men over eligible men, with a Wilson
 * interval, overall and by the man's role. An item not answered is treated like N/A here: forms are complete
 * before they are counted, so this only matters for partial previews. Pure Java.
 */
public final class Indicators {

  /** Whether a man counts towards an indicator. */
  public enum Outcome { MET, NOT_MET, NOT_ELIGIBLE }

  /** One indicator over a set of men. */
  public record Rate(String indicatorId, Proportion overall, Map<String, Proportion> byRole) {
  }

  private Indicators() {
  }

  public static Outcome outcome(Indicator indicator, Map<String, Answer> answers) {
    boolean eligible = false;
    boolean met = true;
    for (String itemId : indicator.items()) {
      Answer a = answers.get(itemId);
      if (a == null || a == Answer.NA) {
        continue;
      }
      eligible = true;
      boolean ok = a == Answer.YES || (a == Answer.PARTLY && indicator.metWhen() == Indicator.MetWhen.ALL_YES_OR_PARTLY);
      met &= ok;
    }
    if (!eligible) {
      return Outcome.NOT_ELIGIBLE;
    }
    return met ? Outcome.MET : Outcome.NOT_MET;
  }

  /** Every indicator of the bank over {@code men}, with role breakdowns in the bank's role order. */
  public static List<Rate> rates(AuditBank bank, List<ManRecord> men) {
    List<Rate> out = new ArrayList<>();
    for (Indicator indicator : bank.indicators()) {
      int k = 0;
      int n = 0;
      Map<String, int[]> roles = new LinkedHashMap<>();
      bank.manRoles().forEach(r -> roles.put(r.id(), new int[2]));
      for (ManRecord man : men) {
        Outcome o = outcome(indicator, man.answers());
        if (o == Outcome.NOT_ELIGIBLE) {
          continue;
        }
        int[] role = roles.computeIfAbsent(man.role(), r -> new int[2]);
        n++;
        role[1]++;
        if (o == Outcome.MET) {
          k++;
          role[0]++;
        }
      }
      Map<String, Proportion> byRole = new LinkedHashMap<>();
      roles.forEach((role, c) -> byRole.put(role, Proportion.of(c[0], c[1])));
      out.add(new Rate(indicator.id(), Proportion.of(k, n), byRole));
    }
    return out;
  }

  /**
   * An item's score over a set of answers: points (Yes 2, Partly 1, No 0) over twice the number of answers that are
   * not N/A. NaN when every answer is N/A.
   */
  public static double itemScore(List<Answer> answers) {
    int points = 0;
    int max = 0;
    for (Answer a : answers) {
      if (a != null && a.applies()) {
        points += a.points();
        max += 2;
      }
    }
    return max == 0 ? Double.NaN : (double) points / max;
  }
}
